/**
 * "Threatlens: Export Compliance Report" and "Threatlens: Write Model Card Security Section": the
 * same output as `threatlens check --format compliance` and `threatlens model-card` for the
 * active file (or the Uri given), opened as Markdown in an untitled editor. Each returns the
 * document's Uri, or undefined when there is nothing to write from.
 */
import * as vscode from 'vscode';
import { buildCompliance } from '../core/governance/build';
import { toComplianceMarkdown } from '../core/governance/markdown';
import { buildCardSubject, minimalCard, modelComponents, toCardSection } from '../core/modelCard';
import type { FileResult } from '../core/report/types';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';

async function analysed(host: EngineHost, arg: unknown): Promise<FileResult | undefined> {
  const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
  const analysis = doc ? host.analyzeDocument(doc) : undefined;
  if (!analysis?.result.file.models.length) {
    void vscode.window.showInformationMessage('Threatlens: open a Mermaid diagram, a Markdown file with a ```mermaid fence or a Threatlens YAML model first.');
    return undefined;
  }
  return analysis.result;
}

async function open(content: string): Promise<vscode.Uri> {
  const out = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(out, { preview: false });
  return out.uri;
}

async function exportCompliance(host: EngineHost, arg: unknown): Promise<vscode.Uri | undefined> {
  const result = await analysed(host, arg);
  return result ? open(toComplianceMarkdown(buildCompliance([result]))) : undefined;
}

/** With several model components, asks which one; all of them is the first choice. */
async function exportModelCard(host: EngineHost, arg: unknown): Promise<vscode.Uri | undefined> {
  const result = await analysed(host, arg);
  if (!result) return undefined;
  const models = result.file.models.flatMap(modelComponents);
  let componentId: string | undefined;
  if (models.length > 1) {
    const all = { label: 'All model components', id: undefined as string | undefined };
    const pick = await vscode.window.showQuickPick([all, ...models.map((m) => ({ label: m.component.id, description: m.component.label, id: m.component.id }))], { placeHolder: 'Which model is the card for?' });
    if (!pick) return undefined;
    componentId = pick.id;
  }
  const subject = buildCardSubject([result], host.engine.catalog, componentId);
  const only = subject.models.length === 1 ? subject.models[0].model.component : undefined;
  const title = only ? only.label : result.file.models.find((m) => m.name)?.name ?? 'Model card';
  return open(minimalCard(title, toCardSection(subject), only));
}

export function registerGovernanceExports(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CMD.exportCompliance, (arg?: unknown) => exportCompliance(host, arg)),
    vscode.commands.registerCommand(CMD.exportModelCard, (arg?: unknown) => exportModelCard(host, arg)),
  );
}
