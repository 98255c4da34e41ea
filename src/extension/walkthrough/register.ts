/**
 * Wires the walkthrough: the open command (palette, editor title, CodeLens, hover links), the
 * internal decide command the panel writes through, the panel serializer that restores panels
 * after a reload, and the disposal of every open panel.
 */
import * as vscode from 'vscode';
import { WALKTHROUGH_VIEW_TYPE } from '../../shared/walkthroughProtocol';
import type { AnalysisStore } from '../analysisStore';
import type { EngineHost } from '../engineHost';
import { applyDecision, type DecisionOutcome } from './applyDecision';
import { WALKTHROUGH_CMD } from './ids';
import { ProgressStore } from './progressStore';
import { WalkthroughPanel, type PanelEnv } from './walkthroughPanel';

/** The document and component an open request is about: a Uri (editor title), `{ uri, componentId? }`, or the active editor. */
async function target(arg: unknown): Promise<{ document: vscode.TextDocument; componentId?: string; offset?: number } | undefined> {
  const active = vscode.window.activeTextEditor;
  if (arg instanceof vscode.Uri) return { document: await vscode.workspace.openTextDocument(arg) };
  if (typeof arg === 'object' && arg !== null && typeof (arg as { uri?: unknown }).uri === 'string') {
    const a = arg as { uri: string; componentId?: unknown; anchor?: unknown };
    return {
      document: await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri)),
      ...(typeof a.componentId === 'string' ? { componentId: a.componentId } : {}),
      ...(typeof a.anchor === 'number' ? { offset: a.anchor } : {}),
    };
  }
  if (!active) return undefined;
  return { document: active.document, offset: active.document.offsetAt(active.selection.active) };
}

async function open(env: PanelEnv, arg: unknown): Promise<boolean> {
  const t = await target(arg);
  if (!t) {
    void vscode.window.showInformationMessage('Threatlens: open a Mermaid diagram, a Markdown file with a ```mermaid fence or a Threatlens YAML model first.');
    return false;
  }
  if (!env.host.analyzeDocument(t.document)?.result.file.models.length) {
    void vscode.window.showInformationMessage('Threatlens: this file has no Mermaid flowchart or Threatlens YAML model to walk through.');
    return false;
  }
  WalkthroughPanel.createOrShow(env, t.document, t.componentId, t.offset);
  return true;
}

function decide(env: PanelEnv, args: unknown): Promise<DecisionOutcome> {
  const a = args as { uri?: unknown; decision?: unknown } | undefined;
  if (typeof a?.uri !== 'string') return Promise.resolve({ ok: false, message: 'Missing the file URI.' });
  return applyDecision(env.host, vscode.Uri.parse(a.uri), a.decision);
}

export function registerWalkthrough(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore): void {
  const env: PanelEnv = { context, host, store, progress: new ProgressStore(context.workspaceState), panels: new Map() };
  context.subscriptions.push(
    vscode.commands.registerCommand(WALKTHROUGH_CMD.open, (arg: unknown) => open(env, arg)),
    vscode.commands.registerCommand(WALKTHROUGH_CMD.decide, (args: unknown) => decide(env, args)),
    vscode.window.registerWebviewPanelSerializer(WALKTHROUGH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        WalkthroughPanel.revive(env, panel, state);
        return Promise.resolve();
      },
    }),
    // On deactivation only stop listening: disposing the panels would close them instead of letting VS Code restore them.
    { dispose: () => { for (const p of [...env.panels.values()]) p.detach(); } },
  );
}
