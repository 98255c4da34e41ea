/**
 * "Threatlens: Save Printable Briefing (HTML)…": the executive briefing of one file as the page the
 * CLI's `brief --format html` writes, saved where the user picks (next to the file by default).
 * Arguments skip the dialog: `{ uri: source file, target: file to write }`.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { briefingPage, briefingSection } from '../core/report/briefingHtml';
import { buildWalkthrough, diagramViews } from '../core/walkthrough';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';
import { releasePolicy } from './walkthrough/exports';

interface Args {
  uri?: string;
  target?: string;
}

export function registerBriefingExport(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(vscode.commands.registerCommand(CMD.saveBriefingHtml, (args?: Args) => saveBriefingHtml(host, args ?? {})));
}

/** Returns the file written, or undefined when there is nothing to brief or the user cancelled. */
export async function saveBriefingHtml(host: EngineHost, args: Args): Promise<vscode.Uri | undefined> {
  const source = args.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!source) {
    void vscode.window.showWarningMessage('Threatlens: open a diagram first; the briefing is made for one file.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(source);
  const a = host.analyzeDocument(doc);
  if (!a || a.result.file.models.length === 0) {
    void vscode.window.showWarningMessage(`Threatlens: ${vscode.workspace.asRelativePath(source)} holds no architecture model to brief.`);
    return undefined;
  }
  const path = vscode.workspace.asRelativePath(source);
  let target = args.target ? vscode.Uri.parse(args.target) : undefined;
  if (!target) {
    target = await vscode.window.showSaveDialog({
      title: 'Save the printable executive briefing',
      defaultUri: source.with({ path: `${source.path.replace(/\.[^./]*$/, '')}.briefing.html` }),
      filters: { HTML: ['html'] },
    });
    if (!target) return undefined;
  }
  const w = buildWalkthrough(a.result, host.catalog, host.engine.lookup);
  const section = briefingSection(w, {
    path, date: new Date().toISOString().slice(0, 10), workshop: false, policy: releasePolicy(source),
    diagramTitles: diagramViews(a.result.file).map((d) => d.title),
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(briefingPage(`Executive risk briefing: ${path}`, [section], randomBytes(18).toString('base64url'))));
  if (!args.target) {
    const open = 'Open';
    void vscode.window.showInformationMessage(`Printable briefing saved to ${vscode.workspace.asRelativePath(target)}; open it in a browser to print.`, open).then((picked) => {
      if (picked === open && target) void vscode.env.openExternal(target);
    });
  }
  return target;
}
