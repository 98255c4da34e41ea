/**
 * "Threatlens: Show Attack Tree": asks for a component of the active diagram (riskiest first) and
 * opens its attack tree and the chains across components that end at it, as Markdown with
 * Mermaid fences, in an untitled editor (src/core/attackTree/). Returns the document's Uri, or
 * undefined when there is nothing to show or the pick was cancelled.
 */
import * as vscode from 'vscode';
import { attackTreeDocument } from '../core/attackTree';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';
import { openExport } from './walkthrough/exports';

interface ComponentItem extends vscode.QuickPickItem {
  componentId: string;
}

/** What the command may be given instead of asking: a file, or a file and the component. */
export interface AttackTreeArgs {
  uri: string;
  componentId: string;
}

function isTreeArgs(arg: unknown): arg is AttackTreeArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as AttackTreeArgs).uri === 'string' && typeof (arg as AttackTreeArgs).componentId === 'string';
}

async function showAttackTree(host: EngineHost, arg: unknown): Promise<vscode.Uri | undefined> {
  const target = arg instanceof vscode.Uri ? arg : isTreeArgs(arg) ? vscode.Uri.parse(arg.uri) : undefined;
  const doc = target ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
  const analysis = doc ? host.analyzeDocument(doc) : undefined;
  if (!doc || !analysis?.result.file.models.length) {
    void vscode.window.showInformationMessage('Threatlens: open a Mermaid diagram, a Markdown file with a ```mermaid fence or a Threatlens YAML model first.');
    return undefined;
  }
  const result = analysis.result;
  const seen = new Set<string>();
  const items: (ComponentItem & { risk: number })[] = [];
  for (const c of result.file.models.flatMap((m) => m.components)) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const open = result.findings.filter((f) => f.componentId === c.id && f.status === 'open');
    const all = result.findings.filter((f) => f.componentId === c.id);
    items.push({
      componentId: c.id,
      label: c.label && c.label !== c.id ? c.label : c.id,
      description: `${c.id} · ${c.kind}`,
      detail: all.length ? `${all.length} threat(s), ${open.length} open` : 'no threats found',
      risk: Math.max(-1, ...open.map((f) => f.score + 100), ...all.map((f) => f.score)),
    });
  }
  items.sort((a, b) => b.risk - a.risk);
  const given = isTreeArgs(arg) ? items.find((i) => i.componentId === arg.componentId) : undefined;
  const picked = given ?? (items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: 'Attack tree for which component?', matchOnDescription: true }));
  if (!picked) return undefined;
  const markdown = attackTreeDocument(result, picked.componentId, { catalog: host.engine.catalog, lookup: host.engine.lookup });
  return (await openExport(markdown, doc.uri)).uri;
}

export function registerAttackTree(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(vscode.commands.registerCommand(CMD.showAttackTree, (arg?: unknown) => showAttackTree(host, arg)));
}
