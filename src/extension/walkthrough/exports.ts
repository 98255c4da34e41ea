/**
 * The summary step's exports: the Markdown report (the core's report writer, for this file) and
 * the executive risk briefing. Both open as untitled Markdown documents in the source file's editor
 * group: the user reads them, then saves or pastes them where they belong. Nothing is written to
 * disk, so an export never overwrites a file.
 */
import * as vscode from 'vscode';
import { toBriefing } from '../../core/report/briefing';
import { toMarkdown } from '../../core/report/markdown';
import type { Walkthrough } from '../../core/walkthrough';
import type { Analysis, EngineHost } from '../engineHost';

export type ExportKind = 'report' | 'briefing';

export function exportText(host: EngineHost, a: Analysis, w: Walkthrough, fileName: string, what: ExportKind, today = new Date().toISOString().slice(0, 10)): string {
  if (what === 'briefing') return toBriefing(w, { path: fileName, date: today });
  return toMarkdown([a.result], host.engine.lookup, `Threatlens threat model: ${fileName}`);
}

/** Opens `text` as an untitled Markdown document in the column of the source editor. */
export async function openExport(text: string, sourceUri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'markdown' });
  const source = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === sourceUri.toString());
  await vscode.window.showTextDocument(doc, { viewColumn: source?.viewColumn ?? vscode.ViewColumn.One, preview: false });
  return doc;
}
