/**
 * The summary step's exports: the Markdown report (the core's report writer, for this file) and
 * the executive risk briefing. Both open as untitled Markdown documents in the source file's editor
 * group: the user reads them, then saves or pastes them where they belong. Nothing is written to
 * disk, so an export never overwrites a file.
 */
import * as vscode from 'vscode';
import { SEVERITY_ORDER } from '../../core/analysis/score';
import { toBriefing } from '../../core/report/briefing';
import { ALLOWABLE, DEFAULT_RELEASE_POLICY, releasePolicyOf, type ReleasePolicy } from '../../core/report/goNoGo';
import { toMarkdown } from '../../core/report/markdown';
import type { Walkthrough } from '../../core/walkthrough';
import type { Analysis, EngineHost } from '../engineHost';

export type ExportKind = 'report' | 'briefing';

export function exportText(host: EngineHost, a: Analysis, w: Walkthrough, fileName: string, what: ExportKind, today = new Date().toISOString().slice(0, 10)): string {
  if (what === 'briefing') return toBriefing(w, { path: fileName, date: today, policy: releasePolicy(a.uri) });
  return toMarkdown([a.result], host.engine.lookup, `Threatlens threat model: ${fileName}`);
}

/** The go / no-go policy from `threatlens.briefing.*` (the CLI's --block-on and --allow). */
export function releasePolicy(uri: vscode.Uri): ReleasePolicy {
  const c = vscode.workspace.getConfiguration('threatlens.briefing', uri);
  const blockOn = c.get<string>('blockOn', DEFAULT_RELEASE_POLICY.blockOn);
  const allow = c.get<unknown>('allow');
  const allowed = (Array.isArray(allow) ? allow : []).filter((x): x is keyof typeof ALLOWABLE => typeof x === 'string' && x in ALLOWABLE);
  return releasePolicyOf(blockOn === 'none' || blockOn in SEVERITY_ORDER ? (blockOn as ReleasePolicy['blockOn']) : DEFAULT_RELEASE_POLICY.blockOn, allowed);
}

/** Opens `text` as an untitled Markdown document in the column of the source editor. */
export async function openExport(text: string, sourceUri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'markdown' });
  const source = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === sourceUri.toString());
  await vscode.window.showTextDocument(doc, { viewColumn: source?.viewColumn ?? vscode.ViewColumn.One, preview: false });
  return doc;
}
