/** Core text edits (offsets) to a VS Code WorkspaceEdit, through the analysis's LineIndex. */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/edits';
import { toRange, toTextEdit } from './convert';
import type { Analysis } from './engineHost';

/** An edit with a placeholder becomes a snippet edit with the placeholder selected, to be typed over. */
export function toWorkspaceEdit(a: Analysis, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.set(a.uri, edits.map((e) => {
    if (!e.placeholder) return toTextEdit(a.index, e);
    const { start, end } = e.placeholder;
    const snippet = new vscode.SnippetString().appendText(e.newText.slice(0, start)).appendPlaceholder(e.newText.slice(start, end)).appendText(e.newText.slice(end));
    return new vscode.SnippetTextEdit(toRange(a.index, e.span), snippet);
  }));
  return we;
}

/** `LLM01:2025` → `LLM01` for short titles; other ids unchanged. */
export function shortId(id: string): string {
  return id.replace(/^((?:LLM|ASI)\d{2}):\d{4}$/, '$1');
}
