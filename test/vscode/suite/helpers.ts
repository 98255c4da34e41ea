// Shared helpers for the extension-host suites. Waiting is always on events (onDidChangeDiagnostics
// and friends) with a deadline that only turns a hang into a failure; nothing sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ThreatlensApi } from '../../../src/extension/api';

export const SOURCE = 'Threatlens';

export async function api(): Promise<ThreatlensApi> {
  const ext = vscode.extensions.getExtension<ThreatlensApi>('threatlens.threatlens');
  assert.ok(ext, 'extension threatlens.threatlens not found');
  const exports = await ext.activate();
  await exports.ready;
  return exports;
}

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}

export function ws(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

let scratchCount = 0;
/** A fresh copy of a workspace file under scratch/, so each test edits its own file. */
export async function scratchCopy(rel: string, name?: string): Promise<vscode.Uri> {
  const base = rel.split('/').pop() ?? rel;
  const target = ws(`scratch/${scratchCount++}-${name ?? base}`);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(ws(rel)));
  return target;
}

export async function scratchFile(name: string, text: string): Promise<vscode.Uri> {
  const target = ws(`scratch/${scratchCount++}-${name}`);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return target;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function threatDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with the Threatlens diagnostics of `uri` as soon as `ready` holds for them: now, or on a
 * later onDidChangeDiagnostics for that file. The deadline only turns a hang into a clear failure.
 */
export function waitForDiagnostics(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, what = 'diagnostics', timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const now = threatDiagnostics(uri);
  if (ready(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.path}; have:\n${threatDiagnostics(uri).map(describe).join('\n')}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = threatDiagnostics(uri);
      if (!ready(d)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(d);
    });
  });
}

export const hasAny = (d: vscode.Diagnostic[]) => d.length > 0;

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function describe(d: vscode.Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.message}`;
}

/** The diagnostic of `ruleId` on the component `componentId`. */
export function findingDiagnostic(diags: readonly vscode.Diagnostic[], ruleId: string, componentId: string): vscode.Diagnostic | undefined {
  return diags.find((d) => codeOf(d) === ruleId && d.message.includes(`on "${componentId}"`));
}

/** The text of a hover's contents, whatever form each part has. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** Waits for an event that satisfies `pred`, or rejects after the deadline. */
export function waitFor<T>(event: vscode.Event<T>, pred: (e: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const sub = event((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** Closes every editor, reverting unsaved ones first so no "Save changes?" dialog is asked for. */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Runs `fn` with workspace settings `threatlens.<key>` set, restoring them after. */
export async function withSettings<T>(values: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('threatlens');
  try {
    for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
    return await fn();
  } finally {
    for (const key of Object.keys(values)) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

/**
 * For suites that follow a finding from open to decided through its diagnostic: every finding of a
 * line gets one (`threatlens.diagnostics.maxPerLine` 0), not only the 2 riskiest, so a decided one
 * keeps its diagnostic. `false` restores the default.
 */
export function everyFindingOfALine(on: boolean): Thenable<void> {
  return vscode.workspace.getConfiguration('threatlens').update('diagnostics.maxPerLine', on ? 0 : undefined, vscode.ConfigurationTarget.Workspace);
}
