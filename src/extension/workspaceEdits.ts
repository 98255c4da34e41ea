/** Core text edits (offsets) to a VS Code WorkspaceEdit, through the analysis's LineIndex. */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/edits';
import { toTextEdit } from './convert';
import type { Analysis } from './engineHost';

export function toWorkspaceEdit(a: Analysis, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.set(a.uri, edits.map((e) => toTextEdit(a.index, e)));
  return we;
}

/** `LLM01:2025` → `LLM01` for short titles; other ids unchanged. */
export function shortId(id: string): string {
  return id.replace(/^((?:LLM|ASI)\d{2}):\d{4}$/, '$1');
}
