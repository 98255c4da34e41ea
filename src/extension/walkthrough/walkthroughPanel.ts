/**
 * The walkthrough panel of one document (webview-sample's pattern: createOrShow / revive /
 * dispose, one instance per document). It sends the webview the whole state whenever the file or
 * the engine changes (debounced, well within a second), keeps the step the user is on, shares the
 * selection with the editor both ways, and writes each choice into the file through
 * applyDecision. Messages in both directions are checked against src/shared/walkthroughProtocol.ts.
 */
import * as vscode from 'vscode';
import { parseFromWebview, parseWebviewState, WALKTHROUGH_VIEW_TYPE, type FromWebview, type ToWebview, type WalkthroughView } from '../../shared/walkthroughProtocol';
import type { AnalysisStore } from '../analysisStore';
import { CMD } from '../commandIds';
import { toOffset, toRange } from '../convert';
import type { Analysis, EngineHost } from '../engineHost';
import { applyDecision } from './applyDecision';
import { exportText, openExport } from './exports';
import { walkthroughHtml, webviewAssetsRoot } from './html';
import type { ProgressStore } from './progressStore';
import { buildView, componentAt, resolveStep, stepOfComponent } from './viewState';

export interface PanelEnv {
  context: vscode.ExtensionContext;
  host: EngineHost;
  store: AnalysisStore;
  progress: ProgressStore;
  /** Open panels by document URI. */
  panels: Map<string, WalkthroughPanel>;
}

/** How long edits settle before the panel redraws (diagnostics use their own, configurable delay). */
const REFRESH_DELAY_MS = 150;

function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}

function title(uri: vscode.Uri): string {
  return `Walkthrough: ${uri.path.split('/').pop() ?? uri.path}`;
}

export class WalkthroughPanel implements vscode.Disposable {
  private view: WalkthroughView | undefined;
  private analysis: Analysis | undefined;
  /** Progress, pending component and step of the last state sent (see refresh). */
  private sent = '';
  private stepId: string | undefined;
  /** A component to show once the state exists (opened from a CodeLens or hover). */
  private pending: { componentId: string; offset?: number } | undefined;
  private ready = false;
  private selected: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Messages are handled one after the other, in the order the webview sent them. */
  private queue: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows the panel of `document` (creating it beside the editor), at `componentId`'s step if given. */
  static createOrShow(env: PanelEnv, document: vscode.TextDocument, componentId?: string, offset?: number): WalkthroughPanel {
    const existing = env.panels.get(document.uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside);
      if (componentId) existing.goToComponent(componentId, offset);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(WALKTHROUGH_VIEW_TYPE, title(document.uri), vscode.ViewColumn.Beside, panelOptions(env.context.extensionUri));
    const p = new WalkthroughPanel(env, panel, document.uri);
    if (componentId) p.pending = { componentId, offset };
    return p;
  }

  /** Restores a panel after a reload from the state its webview saved (WebviewPanelSerializer). */
  static revive(env: PanelEnv, panel: vscode.WebviewPanel, state: unknown): void {
    const s = parseWebviewState(state);
    const uri = s?.documentUri ?? env.progress.openPanels().find((u) => !env.panels.has(u) && title(vscode.Uri.parse(u)) === panel.title);
    if (!uri || env.panels.has(uri)) {
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(env.context.extensionUri);
    // The step comes from workspaceState, saved on every move: the webview's own state can be older.
    new WalkthroughPanel(env, panel, vscode.Uri.parse(uri));
  }

  private constructor(private readonly env: PanelEnv, readonly panel: vscode.WebviewPanel, readonly uri: vscode.Uri) {
    env.panels.set(uri.toString(), this);
    void env.progress.setPanelOpen(uri, true);
    panel.title = title(uri);
    panel.iconPath = vscode.Uri.joinPath(env.context.extensionUri, 'media', 'threatlens.svg');
    panel.webview.html = walkthroughHtml(panel.webview, env.context.extensionUri, panel.title);
    const mine = (u: vscode.Uri) => u.toString() === uri.toString();
    this.disposables.push(
      // Closed by the user (not by a window reload, which keeps the panel for the serializer).
      panel.onDidDispose(() => {
        void env.progress.setPanelOpen(uri, false);
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (mine(e.document.uri) && e.contentChanges.length) this.refreshSoon(); }),
      env.store.onDidChange((uris) => { if (uris.some(mine)) this.refreshSoon(); }),
      env.host.onDidChangeEngine(() => this.refreshSoon()),
      vscode.window.onDidChangeTextEditorSelection((e) => { if (mine(e.textEditor.document.uri)) this.editorSelectionChanged(e.textEditor); }),
    );
  }

  private post(message: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private refreshSoon(delay = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(this.uri);
    } catch {
      return undefined;
    }
  }

  /** Rebuilds the state from the document as it is now and sends it (`force`: even when unchanged). */
  async refresh(force = false): Promise<void> {
    const doc = await this.document();
    const a = doc ? this.env.host.analyzeDocument(doc) : undefined;
    if (!doc || !a) {
      this.view = undefined;
      this.analysis = undefined;
      this.post({ type: 'unavailable', message: doc ? 'This file has no Mermaid flowchart or Threatlens model any more.' : 'The file cannot be read (was it deleted?).' });
      return;
    }
    const saved = this.env.progress.get(this.uri);
    // The same analysis, progress and step were sent already (an edit is seen both as a document
    // change and as a store change): nothing to redraw.
    const signature = JSON.stringify([saved, this.pending ?? null, this.stepId ?? null]);
    if (!force && a === this.analysis && signature === this.sent && this.view) return;
    this.sent = signature;
    this.analysis = a;
    this.view = buildView(this.env.host, a, saved, doc.languageId);
    const w = this.view.walkthrough;
    const wanted = this.pending ? stepOfComponent(w, this.pending.componentId, this.pending.offset) : undefined;
    this.pending = undefined;
    this.stepId = resolveStep(w, wanted, this.stepId, saved.stepId);
    this.post({ type: 'state', view: this.view, stepId: this.stepId });
  }

  private goToComponent(componentId: string, offset?: number): void {
    const step = this.view ? stepOfComponent(this.view.walkthrough, componentId, offset) : undefined;
    if (!step) {
      this.pending = { componentId, offset };
      this.refreshSoon(0);
      return;
    }
    this.setStep(step);
    this.post({ type: 'showStep', stepId: step });
  }

  private setStep(stepId: string): void {
    this.stepId = stepId;
    void this.env.progress.update(this.uri, { stepId });
  }

  private receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) return;
    this.queue = this.queue.then(() => this.handle(m)).catch((e: unknown) => console.error('[threatlens] walkthrough message failed', e));
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A (re)loaded page has nothing yet: always send the state.
        this.ready = true;
        await this.refresh(true);
        return;
      case 'showStep':
        this.setStep(m.stepId);
        return;
      case 'markDone': {
        const done = new Set(this.env.progress.get(this.uri).done);
        if (m.done) done.add(m.stepId);
        else done.delete(m.stepId);
        await this.env.progress.update(this.uri, { done: [...done] });
        await this.refresh();
        return;
      }
      case 'selectComponent':
        await this.revealComponent(m.componentKey);
        return;
      case 'decide': {
        const outcome = await applyDecision(this.env.host, this.uri, m.decision);
        this.post({ type: 'decisionResult', requestId: m.requestId, ok: outcome.ok, message: outcome.message });
        if (outcome.ok) this.refreshSoon(0);
        return;
      }
      case 'export': {
        if (!this.view || !this.analysis) return;
        if (m.what === 'briefing-html') {
          await vscode.commands.executeCommand(CMD.saveBriefingHtml, { uri: this.uri.toString() });
          return;
        }
        if (m.what === 'workshop') {
          // The command asks for the format and session length, as from the palette.
          await vscode.commands.executeCommand(CMD.exportWorkshopPack, { uri: this.uri.toString() });
          return;
        }
        await openExport(exportText(this.env.host, this.analysis, this.view.walkthrough, this.view.fileName, m.what), this.uri);
        return;
      }
    }
  }

  /** Selects the component's id at its declaration in the editor (opening one if none shows the file). */
  private async revealComponent(key: string): Promise<void> {
    const c = this.view?.walkthrough.components.find((x) => x.key === key);
    const doc = await this.document();
    if (!c || !doc || !this.analysis) return;
    this.selected = key;
    const range = toRange(this.analysis.index, c.span);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    if (editor) {
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: true, selection: range });
  }

  /** The cursor moved in an editor of this file: select the component under it in the panel. */
  private editorSelectionChanged(editor: vscode.TextEditor): void {
    if (!this.view || !this.analysis || this.analysis.version !== editor.document.version) return;
    const offset = toOffset(this.analysis.index, editor.selection.active);
    const key = componentAt(this.view.walkthrough, offset) ?? null;
    if (key === this.selected) return;
    this.selected = key;
    this.post({ type: 'select', componentKey: key });
  }

  /** Stops listening. The webview panel itself stays: VS Code restores it after a reload. */
  detach(): void {
    if (this.env.panels.get(this.uri.toString()) === this) this.env.panels.delete(this.uri.toString());
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.detach();
    this.panel.dispose();
  }
}
