/**
 * "Threatlens: Export Verification Plan": the same plan as `threatlens verify` (src/core/verify/)
 * for the active file (or the Uri given, e.g. from the editor title), opened as Markdown in an
 * untitled editor. Returns the document's Uri, or undefined when there is nothing to plan from.
 */
import * as vscode from 'vscode';
import { toVerificationMarkdown } from '../core/verify/markdown';
import { buildVerificationPlan } from '../core/verify/plan';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';

async function exportPlan(host: EngineHost, arg: unknown): Promise<vscode.Uri | undefined> {
  const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
  const analysis = doc ? host.analyzeDocument(doc) : undefined;
  if (!analysis?.result.file.models.length) {
    void vscode.window.showInformationMessage('Threatlens: open a Mermaid diagram, a Markdown file with a ```mermaid fence or a Threatlens YAML model first.');
    return undefined;
  }
  const markdown = toVerificationMarkdown(buildVerificationPlan([analysis.result], host.engine.catalog));
  const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(out, { preview: false });
  return out.uri;
}

export function registerVerificationPlan(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(vscode.commands.registerCommand(CMD.exportVerificationPlan, (arg?: unknown) => exportPlan(host, arg)));
}
