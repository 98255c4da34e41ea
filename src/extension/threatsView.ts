/**
 * The Threats view: workspace folder → file → component → finding, with severity icons, counts in
 * the descriptions and a click that reveals the line. Refreshes when any analysis changes.
 */
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/analysis/finding';
import type { Component, ComponentKind } from '../core/model';
import { codeSpan, escapeMarkdown } from '../core/report/escape';
import { findingMessage } from '../core/report/messages';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import { toRange } from './convert';
import type { Analysis, EngineHost } from './engineHost';
import type { Settings } from './settings';
import { describe, passes, registerFilterCommands, SEVERITIES, type FilterState } from './threatsFilter';

export type ThreatNode =
  | { type: 'folder'; key: string; label: string; folder?: vscode.WorkspaceFolder; files: FileEntry[] }
  | { type: 'file'; key: string; entry: FileEntry }
  | { type: 'component'; key: string; analysis: Analysis; component: Component; findings: Finding[] }
  | { type: 'finding'; key: string; analysis: Analysis; finding: Finding }
  | { type: 'section'; key: string; section: TreeSection; data: unknown };

/** Top-level nodes another feature owns (the branch comparison, diffView.ts) and draws itself. */
export interface TreeSection {
  roots(): ThreatNode[];
  children(node: Extract<ThreatNode, { type: 'section' }>): ThreatNode[];
  item(node: Extract<ThreatNode, { type: 'section' }>): vscode.TreeItem;
}

interface FileEntry {
  analysis: Analysis;
  findings: Finding[];
}

const KIND_ICON: Partial<Record<ComponentKind, string>> = {
  llm: 'sparkle', agent: 'hubot', tool: 'tools', 'mcp-server': 'plug', 'code-executor': 'terminal', 'web-browser': 'globe',
  'vector-store': 'database', datastore: 'database', memory: 'database', 'embedding-model': 'symbol-array', 'ml-model': 'circuit-board',
  'document-source': 'file-text', ingestion: 'cloud-upload', 'prompt-template': 'note', guardrail: 'shield', gateway: 'shield',
  'training-pipeline': 'beaker', dataset: 'table', 'model-registry': 'package', 'external-api': 'cloud', monitoring: 'pulse',
  user: 'person', client: 'browser', service: 'server', unknown: 'question',
};

export function findingIcon(f: Finding): vscode.ThemeIcon {
  switch (f.status) {
    case 'planned': return new vscode.ThemeIcon('watch', new vscode.ThemeColor('editorInfo.foreground'));
    case 'mitigated': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'accepted': return new vscode.ThemeIcon('check');
    case 'not-applicable': return new vscode.ThemeIcon('circle-slash');
    default: break;
  }
  if (f.severity === 'critical') return new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground'));
  if (f.severity === 'high') return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  if (f.severity === 'medium') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
  return new vscode.ThemeIcon('info', new vscode.ThemeColor('editorInfo.foreground'));
}

/** `3 high · 5 medium` for the open findings, or how many are decided when none is open. */
export function countText(findings: readonly Finding[]): string {
  const open = findings.filter((f) => f.status === 'open');
  if (open.length === 0) return findings.length ? `${findings.length} decided` : 'no findings';
  const by = (s: Severity) => open.filter((f) => f.severity === s).length;
  return SEVERITIES.filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`).join(' · ');
}

export class ThreatsTreeProvider implements vscode.TreeDataProvider<ThreatNode> {
  private readonly emitter = new vscode.EventEmitter<ThreatNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  filter: FilterState = {};
  /** Shown above the workspace folders. */
  readonly sections: TreeSection[] = [];

  constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly settings: Settings) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  private visible(a: Analysis): Finding[] {
    return a.result.findings.filter((f) => passes(f, this.filter, this.settings.current));
  }

  /** Files with at least one visible finding, grouped by workspace folder. */
  roots(): ThreatNode[] {
    const groups = new Map<string, Extract<ThreatNode, { type: 'folder' }>>();
    for (const analysis of this.store.all()) {
      const findings = this.visible(analysis);
      if (findings.length === 0) continue;
      const folder = vscode.workspace.getWorkspaceFolder(analysis.uri);
      const key = folder ? folder.uri.toString() : 'outside';
      const g = groups.get(key) ?? { type: 'folder' as const, key: `folder:${key}`, label: folder ? folder.name : 'Files outside the workspace', folder, files: [] };
      g.files.push({ analysis, findings });
      groups.set(key, g);
    }
    return [...groups.values()].sort((a, b) => Number(!a.folder) - Number(!b.folder) || (a.folder?.index ?? 0) - (b.folder?.index ?? 0));
  }

  /** The file's node as `getChildren` makes it, if the file has visible findings. */
  fileNode(uri: vscode.Uri): Extract<ThreatNode, { type: 'file' }> | undefined {
    const key = `file:${uri.toString()}`;
    for (const folder of this.roots()) {
      if (folder.type !== 'folder') continue;
      const entry = folder.files.find((f) => `file:${f.analysis.uri.toString()}` === key);
      if (entry) return { type: 'file', key, entry };
    }
    return undefined;
  }

  /** Needed by `TreeView.reveal`; rebuilt from the same data, so the ids match the shown nodes. */
  getParent(node: ThreatNode): ThreatNode | undefined {
    if (node.type === 'file') return this.roots().find((r) => r.type === 'folder' && r.files.some((f) => f.analysis === node.entry.analysis));
    if (node.type === 'component') return this.fileNode(node.analysis.uri);
    if (node.type === 'finding') {
      const file = this.fileNode(node.analysis.uri);
      return file && this.getChildren(file).find((c) => c.type === 'component' && c.findings.some((f) => f.ruleId === node.finding.ruleId && f.span.start === node.finding.span.start));
    }
    return undefined;
  }

  getChildren(node?: ThreatNode): ThreatNode[] {
    if (!node) return [...this.sections.flatMap((s) => s.roots()), ...this.roots()];
    if (node.type === 'section') return node.section.children(node);
    if (node.type === 'folder') {
      return [...node.files]
        .sort((a, b) => (a.analysis.result.file.path < b.analysis.result.file.path ? -1 : 1))
        .map((entry) => ({ type: 'file', key: `file:${entry.analysis.uri.toString()}`, entry }));
    }
    if (node.type === 'file') {
      const a = node.entry.analysis;
      const out: ThreatNode[] = [];
      for (const c of a.result.file.models.flatMap((m) => m.components)) {
        const findings = node.entry.findings.filter((f) => f.componentId === c.id && f.span.start === c.span.start);
        if (findings.length) out.push({ type: 'component', key: `component:${a.uri.toString()}#${c.span.start}`, analysis: a, component: c, findings });
      }
      return out;
    }
    if (node.type === 'component') {
      return [...node.findings]
        .sort((x, y) => Number(y.status === 'open') - Number(x.status === 'open') || y.score - x.score)
        .map((finding) => ({ type: 'finding', key: `finding:${node.analysis.uri.toString()}#${finding.span.start}:${finding.ruleId}`, analysis: node.analysis, finding }));
    }
    return [];
  }

  getTreeItem(node: ThreatNode): vscode.TreeItem {
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    if (node.type === 'section') return node.section.item(node);
    if (node.type === 'folder') {
      const all = node.files.flatMap((f) => f.findings);
      const item = new vscode.TreeItem(node.label, Expanded);
      item.id = node.key;
      item.iconPath = new vscode.ThemeIcon('root-folder');
      item.description = `${countText(all)} in ${node.files.length} file${node.files.length === 1 ? '' : 's'}`;
      item.contextValue = 'threatlens.folder';
      return item;
    }
    if (node.type === 'file') {
      const a = node.entry.analysis;
      const item = new vscode.TreeItem(a.uri, Expanded);
      item.id = node.key;
      item.label = a.result.file.path.split('/').pop() ?? a.result.file.path;
      item.description = countText(node.entry.findings);
      item.tooltip = a.result.file.path;
      item.contextValue = 'threatlens.file';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [a.uri] };
      return item;
    }
    if (node.type === 'component') {
      const c = node.component;
      const item = new vscode.TreeItem(c.id, Collapsed);
      item.id = node.key;
      item.description = `${c.kind} · ${countText(node.findings)}`;
      item.iconPath = new vscode.ThemeIcon(KIND_ICON[c.kind] ?? 'symbol-misc');
      item.tooltip = new vscode.MarkdownString(`${codeSpan(c.id)} ${escapeMarkdown(c.label)}\n\nKind **${c.kind}**: ${escapeMarkdown(c.kindReason)}`);
      item.contextValue = 'threatlens.component';
      item.command = this.reveal(node.analysis, c.span);
      return item;
    }
    const f = node.finding;
    const lookup = this.host.engine.lookup;
    const primary = f.owasp[0] ?? f.ruleId;
    // The rule's title tells two findings of one OWASP entry apart; the entry's name is in the tooltip.
    const item = new vscode.TreeItem(`${primary} ${f.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    item.description = `${f.score.toFixed(1)} ${f.severity} · ${f.status}`;
    item.iconPath = findingIcon(f);
    item.tooltip = new vscode.MarkdownString(escapeMarkdown(findingMessage(f, lookup)));
    item.contextValue = `threatlens.finding.${f.status}`;
    item.command = this.reveal(node.analysis, f.span);
    return item;
  }

  private reveal(a: Analysis, span: { start: number; end: number }): vscode.Command {
    return { command: 'vscode.open', title: 'Reveal', arguments: [a.uri, { selection: toRange(a.index, span), preserveFocus: false }] };
  }
}

/** How long store changes are gathered before the tree is rebuilt. */
const STORE_REFRESH_MS = 50;

export class ThreatsView implements vscode.Disposable {
  static readonly viewId = 'threatlens.threats';
  readonly provider: ThreatsTreeProvider;
  readonly view: vscode.TreeView<ThreatNode>;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings, onFirstShow: () => void) {
    this.provider = new ThreatsTreeProvider(host, store, settings);
    this.view = vscode.window.createTreeView(ThreatsView.viewId, { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: true });
    let shown = false;
    this.disposables.push(
      this.view,
      store.onDidChange(() => this.refreshSoon()),
      settings.onDidChange(() => this.refresh()),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && !shown) {
          shown = true;
          onFirstShow();
        }
      }),
      vscode.commands.registerCommand(CMD.refresh, () => this.refresh()),
      vscode.commands.registerCommand(CMD.focusView, (uri?: unknown) => this.focus(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined)),
    );
    registerFilterCommands(context, () => this.provider.filter, (f) => this.setFilter(f), host.catalog);
    this.refresh();
  }

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings, onFirstShow: () => void): ThreatsView {
    const view = new ThreatsView(context, host, store, settings, onFirstShow);
    context.subscriptions.push(view);
    return view;
  }

  /** Opens the view; with a file, selects and expands that file's node (status bar, CodeLens). */
  async focus(uri?: vscode.Uri): Promise<void> {
    const node = uri && this.provider.fileNode(uri);
    if (node) await this.view.reveal(node, { select: true, focus: true, expand: true });
    else await vscode.commands.executeCommand(`${ThreatsView.viewId}.focus`);
  }

  private setFilter(f: FilterState): void {
    this.provider.filter = f;
    void vscode.commands.executeCommand('setContext', 'threatlens.filtered', describe(f) !== undefined);
    this.refresh();
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * A workspace scan changes the store once per file; rebuilding the tree and its badge each time
   * would cost the whole tree per file. Changes that arrive together are shown together.
   */
  private refreshSoon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.refresh();
    }, STORE_REFRESH_MS);
  }

  refresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    const filter = describe(this.provider.filter);
    this.view.description = filter;
    const open = this.provider.roots().flatMap((r) => (r.type === 'folder' ? r.files.flatMap((f) => f.findings) : [])).filter((f) => f.status === 'open').length;
    this.view.badge = open ? { value: open, tooltip: `${open} open finding${open === 1 ? '' : 's'}` } : undefined;
    this.provider.refresh();
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
