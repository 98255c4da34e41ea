/**
 * "Threatlens: Compare Threats with Branch…": the threat model of a workspace folder at a git
 * branch, compared with the working tree, shown as a "Changes since <branch>" node on top of the
 * Threats view. The base side is read once from git; the head side is the live analysis of the
 * workspace, so the comparison follows edits. New, re-opened and re-decided findings are ordinary
 * finding items: they reveal their line and "Copy as Review Comment" works on them.
 */
import * as vscode from 'vscode';
import { diffResults, type ComponentChange, type DiffFinding, type FlowChange, type ResolvedFinding, type ThreatDiff } from '../core/diff';
import type { FileResult } from '../core/report/types';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import { enginePath, type Analysis, type EngineHost } from './engineHost';
import { isScanned } from './fileFilter';
import { listBranches, resolveCommit, treeAt } from './gitRefs';
import type { Settings } from './settings';
import type { ThreatNode, ThreatsView, TreeSection } from './threatsView';
import type { WorkspaceScan } from './workspaceScan';

type Group = 'new' | 'open-again' | 'decided' | 'expired' | 'resolved' | 'architecture';

type Data =
  | { kind: 'root' }
  | { kind: 'none' }
  | { kind: 'group'; group: Group; count: number }
  | { kind: 'resolved'; r: ResolvedFinding }
  | { kind: 'component'; c: ComponentChange; added: boolean }
  | { kind: 'flow'; f: FlowChange; added: boolean };

type SectionNode = Extract<ThreatNode, { type: 'section' }>;

const GROUPS: Record<Group, { label: string; icon: string; expanded: boolean }> = {
  new: { label: 'New findings', icon: 'diff-added', expanded: true },
  'open-again': { label: 'Open again', icon: 'warning', expanded: true },
  expired: { label: 'Expired risk acceptances', icon: 'history', expanded: true },
  decided: { label: 'Decided', icon: 'pass', expanded: false },
  resolved: { label: 'Resolved', icon: 'diff-removed', expanded: false },
  architecture: { label: 'Architecture changes', icon: 'type-hierarchy', expanded: false },
};

/** What the command returns (tests and other extensions read it). */
export interface ComparisonSummary {
  ref: string;
  sha: string;
  newFindings: number;
  resolved: number;
  statusChanges: number;
  reopened: number;
  componentsAdded: number;
  componentsRemoved: number;
}

interface State {
  folder: vscode.WorkspaceFolder;
  ref: string;
  sha: string;
  base: FileResult[];
}

export class ThreatComparison implements TreeSection {
  private state: State | undefined;

  private constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly settings: Settings, private readonly scan: WorkspaceScan, private readonly view: ThreatsView) {}

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings, scan: WorkspaceScan, view: ThreatsView): ThreatComparison {
    const c = new ThreatComparison(host, store, settings, scan, view);
    view.provider.sections.push(c);
    context.subscriptions.push(
      vscode.commands.registerCommand(CMD.compareWithBranch, (arg?: unknown) => c.compare(arg)),
      vscode.commands.registerCommand(CMD.clearComparison, () => c.clear()),
    );
    return c;
  }

  private async pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (folders.length <= 1) return folders[0];
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Compare the threats of which folder?' });
  }

  private async pickRef(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
    const branches = await listBranches(folder.uri.fsPath);
    if (branches.length === 0) {
      void vscode.window.showInformationMessage(`Threatlens: ${folder.name} has no git branches to compare with.`);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(branches.map((b) => ({ label: b.name, description: b.remote ? 'remote branch' : 'branch', detail: b.subject })), {
      placeHolder: 'Compare the threat model with which branch?', matchOnDescription: true, matchOnDetail: true,
    });
    return pick?.label;
  }

  /** Runs the comparison; `arg` may name the branch (`"main"` or `{ ref: "main" }`) to skip the quick pick. */
  async compare(arg?: unknown): Promise<ComparisonSummary | undefined> {
    // Git reads the folder's own .git/config; in Restricted Mode nothing of the workspace's may decide what runs.
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Threatlens: comparing with a branch runs git, which Threatlens does not do in Restricted Mode. Trust this workspace to compare threats with a branch.', 'Manage Workspace Trust')
        .then((choice) => { if (choice) void vscode.commands.executeCommand('workbench.trust.manage'); });
      return undefined;
    }
    const folder = await this.pickFolder();
    if (!folder) {
      void vscode.window.showInformationMessage('Threatlens: open a folder in a git repository to compare threats with a branch.');
      return undefined;
    }
    const given = typeof arg === 'string' ? arg : arg && typeof arg === 'object' && typeof (arg as { ref?: unknown }).ref === 'string' ? (arg as { ref: string }).ref : undefined;
    try {
      const ref = given ?? (await this.pickRef(folder));
      if (!ref) return undefined;
      const state = await vscode.window.withProgress({ location: { viewId: 'threatlens.threats' }, title: `Threatlens: reading ${ref}` }, async () => {
        const sha = await resolveCommit(folder.uri.fsPath, ref);
        const tree = await treeAt(folder.uri.fsPath, sha);
        const base: FileResult[] = [];
        for (const rel of tree.files) {
          const uri = vscode.Uri.joinPath(folder.uri, rel);
          if (!isScanned(uri, this.settings.current)) continue;
          // Same path the head side gets, so that files match; never cached under the live file's URI.
          const r = this.host.engine.analyze(enginePath(uri), await tree.read(rel));
          if (r) base.push(r);
        }
        await this.scan.run(vscode.ProgressLocation.Window);
        return { folder, ref, sha, base };
      });
      this.state = state;
      await vscode.commands.executeCommand('setContext', 'threatlens.comparing', true);
      this.view.refresh();
      // The result is a tree in the Threats view: bring it into sight, as SCM does after a compare.
      await vscode.commands.executeCommand('threatlens.threats.focus');
      const d = this.diff();
      return d && { ref: state.ref, sha: state.sha, newFindings: d.newFindings.length, resolved: d.resolved.length, statusChanges: d.statusChanges.length, reopened: d.reopened.length, componentsAdded: d.components.added.length, componentsRemoved: d.components.removed.length };
    } catch (e) {
      void vscode.window.showErrorMessage(`Threatlens: cannot compare with the branch: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  async clear(): Promise<void> {
    this.state = undefined;
    await vscode.commands.executeCommand('setContext', 'threatlens.comparing', false);
    this.view.refresh();
  }

  private headAnalyses(folder: vscode.WorkspaceFolder): Analysis[] {
    return this.store.all().filter((a) => vscode.workspace.getWorkspaceFolder(a.uri)?.uri.toString() === folder.uri.toString() && isScanned(a.uri, this.settings.current));
  }

  /** The comparison with the workspace as it is now. */
  diff(): ThreatDiff | undefined {
    const s = this.state;
    if (!s) return undefined;
    return diffResults(s.base, this.headAnalyses(s.folder).map((a) => a.result), { base: { label: s.ref, kind: 'revision' }, head: { label: 'working tree', kind: 'working-tree' } });
  }

  private node(key: string, data: Data): SectionNode {
    return { type: 'section', key: `comparison:${key}`, section: this, data };
  }

  roots(): ThreatNode[] {
    return this.state ? [this.node('root', { kind: 'root' })] : [];
  }

  private groups(d: ThreatDiff): Record<Group, number> {
    const regress = d.statusChanges.filter((c) => c.to === 'open');
    return {
      new: d.newFindings.length,
      'open-again': regress.length,
      expired: d.reopened.filter((x) => !regress.some((c) => c.finding === x.finding)).length,
      decided: d.statusChanges.length - regress.length,
      resolved: d.resolved.length,
      architecture: d.components.added.length + d.components.removed.length + d.flows.added.length + d.flows.removed.length,
    };
  }

  private findingNodes(group: Group, items: readonly DiffFinding[]): ThreatNode[] {
    const s = this.state;
    if (!s) return [];
    const byPath = new Map(this.headAnalyses(s.folder).map((a) => [a.result.file.path, a]));
    return items.flatMap((x) => {
      const analysis = byPath.get(x.path);
      return analysis ? [{ type: 'finding' as const, key: `comparison:${group}:${analysis.uri.toString()}#${x.finding.span.start}:${x.finding.ruleId}`, analysis, finding: x.finding }] : [];
    });
  }

  children(n: SectionNode): ThreatNode[] {
    const d = this.diff();
    const data = n.data as Data;
    if (!d) return [];
    if (data.kind === 'root') {
      const counts = this.groups(d);
      const groups = (Object.keys(GROUPS) as Group[]).filter((g) => counts[g] > 0).map((g) => this.node(g, { kind: 'group', group: g, count: counts[g] }));
      return groups.length ? groups : [this.node('none', { kind: 'none' })];
    }
    if (data.kind !== 'group') return [];
    const regress = d.statusChanges.filter((c) => c.to === 'open');
    switch (data.group) {
      case 'new': return this.findingNodes('new', d.newFindings);
      case 'open-again': return this.findingNodes('open-again', regress);
      case 'expired': return this.findingNodes('expired', d.reopened.filter((x) => !regress.some((c) => c.finding === x.finding)));
      case 'decided': return this.findingNodes('decided', d.statusChanges.filter((c) => c.to !== 'open'));
      case 'resolved': return d.resolved.map((r, i) => this.node(`resolved:${i}`, { kind: 'resolved', r }));
      case 'architecture': return [
        ...d.components.added.map((c, i) => this.node(`c+${i}`, { kind: 'component', c, added: true })),
        ...d.components.removed.map((c, i) => this.node(`c-${i}`, { kind: 'component', c, added: false })),
        ...d.flows.added.map((f, i) => this.node(`f+${i}`, { kind: 'flow', f, added: true })),
        ...d.flows.removed.map((f, i) => this.node(`f-${i}`, { kind: 'flow', f, added: false })),
      ];
    }
  }

  item(n: SectionNode): vscode.TreeItem {
    const data = n.data as Data;
    const s = this.state;
    const None = vscode.TreeItemCollapsibleState.None;
    let item: vscode.TreeItem;
    switch (data.kind) {
      case 'root': {
        const d = this.diff();
        item = new vscode.TreeItem(`Changes since ${s?.ref ?? ''}`, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('git-compare');
        item.description = d ? `${d.newFindings.length} new · ${d.resolved.length} resolved · ${d.statusChanges.length} changed` : '';
        item.tooltip = s ? `Threat model of ${s.folder.name} at ${s.ref} (${s.sha.slice(0, 7)}) compared with the working tree` : '';
        item.contextValue = 'threatlens.comparison';
        break;
      }
      case 'none':
        item = new vscode.TreeItem('No threat changes', None);
        item.iconPath = new vscode.ThemeIcon('check');
        break;
      case 'group': {
        const g = GROUPS[data.group];
        item = new vscode.TreeItem(g.label, g.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(g.icon);
        item.description = String(data.count);
        item.contextValue = `threatlens.comparison.${data.group}`;
        break;
      }
      case 'resolved': {
        const r = data.r.record;
        item = new vscode.TreeItem(`${r.owasp[0] ?? r.ruleId} ${r.title ?? ''}`.trim(), None);
        item.iconPath = new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
        item.description = `${r.componentId} · ${data.r.reason.replace(/-/g, ' ')}`;
        item.tooltip = `${r.path}${r.line ? `:${r.line}` : ''} (${r.ruleId}) was ${r.status ?? 'known'} at ${s?.ref ?? 'the base'}`;
        break;
      }
      case 'component': {
        const c = data.c;
        item = new vscode.TreeItem(`${data.added ? 'Added' : 'Removed'} ${c.id}`, None);
        item.iconPath = new vscode.ThemeIcon(data.added ? 'add' : 'remove');
        item.description = `${c.kind} · ${c.label}`;
        item.tooltip = `${c.path}:${c.line}`;
        if (data.added) item.command = this.reveal(c.path, c.line);
        break;
      }
      case 'flow': {
        const f = data.f;
        item = new vscode.TreeItem(`${f.from} → ${f.to}`, None);
        item.iconPath = new vscode.ThemeIcon(data.added ? 'arrow-right' : 'remove');
        item.description = `${data.added ? 'flow added' : 'flow removed'}${f.label ? ` · ${f.label}` : ''}`;
        item.tooltip = `${f.path}:${f.line}`;
        if (data.added) item.command = this.reveal(f.path, f.line);
        break;
      }
    }
    item.id = n.key;
    return item;
  }

  private reveal(path: string, line: number): vscode.Command | undefined {
    const a = this.state && this.headAnalyses(this.state.folder).find((x) => x.result.file.path === path);
    if (!a) return undefined;
    const at = new vscode.Position(Math.max(0, line - 1), 0);
    return { command: 'vscode.open', title: 'Reveal', arguments: [a.uri, { selection: new vscode.Range(at, at) }] };
  }
}
