/** Core text edits (offsets) to a VS Code WorkspaceEdit, through the analysis's LineIndex. */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/edits';
import { snippetParts } from '../core/edits/snippet';
import { toRange, toTextEdit } from './convert';
import type { Analysis } from './engineHost';

/**
 * Edits with a placeholder (`TODO: explain why …`) go in as snippet edits with it selected, to be
 * typed over; the editor then treats every edit to the file as a snippet, so all of them do.
 */
export function toWorkspaceEdit(a: Analysis, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  const parts = snippetParts(a.result.file.text, edits);
  if (!parts) {
    we.set(a.uri, edits.map((e) => toTextEdit(a.index, e)));
    return we;
  }
  we.set(a.uri, parts.map(({ edit, text }) => {
    const p = edit.placeholder;
    const snippet = new vscode.SnippetString();
    if (p) snippet.appendText(text.slice(0, p.start)).appendPlaceholder(text.slice(p.start, p.end)).appendText(text.slice(p.end));
    else snippet.appendText(text);
    return new vscode.SnippetTextEdit(toRange(a.index, edit.span), snippet);
  }));
  return we;
}
