/**
 * The one conversion point between core offsets and editor positions. Core spans are offsets
 * into the file text; `LineIndex` (src/core/positions.ts) turns them into line/character, and
 * these helpers wrap the result in VS Code types. Nothing else builds a Range from a span.
 */
import * as vscode from 'vscode';
import type { Span } from '../core/model';
import type { LineIndex } from '../core/positions';

export function toPosition(index: LineIndex, offset: number): vscode.Position {
  const p = index.positionAt(offset);
  return new vscode.Position(p.line, p.character);
}

export function toRange(index: LineIndex, span: Span): vscode.Range {
  return new vscode.Range(toPosition(index, span.start), toPosition(index, span.end));
}

export function toOffset(index: LineIndex, position: vscode.Position): number {
  return index.offsetAt({ line: position.line, character: position.character });
}

export function toSpan(index: LineIndex, range: vscode.Range): Span {
  return { start: toOffset(index, range.start), end: toOffset(index, range.end) };
}

/** A core edit as a VS Code TextEdit on the same text. */
export function toTextEdit(index: LineIndex, edit: { span: Span; newText: string }): vscode.TextEdit {
  return new vscode.TextEdit(toRange(index, edit.span), edit.newText);
}

export function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.start.isEqual(b.start) && a.end.isEqual(b.end);
}
