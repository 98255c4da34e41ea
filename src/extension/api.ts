/** What `activate` returns: read-only access for tests and other extensions. */
import type * as vscode from 'vscode';
import type { Analysis } from './engineHost';
import type { LmTools } from './lmTools/register';
import type { ThreatNode, ThreatsTreeProvider } from './threatsView';
import type { ScanSummary } from './workspaceScan';

export interface ThreatlensApi {
  /** Latest analysis of a file (open, or read by a scan). */
  analysis(uri: vscode.Uri): Analysis | undefined;
  /**
   * Fires with the files whose analysis changed, after their diagnostics are published (the
   * diagnostics subscribe first, during activation).
   */
  readonly onDidAnalyze: vscode.Event<readonly vscode.Uri[]>;
  /** The Threats view's data provider (the tree as the view shows it). */
  readonly threats: ThreatsTreeProvider;
  /** The Threats view itself (its selection shows what the status bar and CodeLens revealed). */
  readonly threatsView: vscode.TreeView<ThreatNode>;
  /** The status bar item (text and visibility). */
  readonly statusBar: vscode.StatusBarItem;
  /** Runs (or joins) a workspace scan in the window's progress area. */
  scan(): Promise<ScanSummary>;
  /** Resolves once the workspace rules have been read. */
  readonly ready: Promise<void>;
  /** Milliseconds from the start of `activate` to `ready` (measured by the benchmarks). */
  readonly activationMs: Promise<number>;
  /** Re-reads the workspace rules now. */
  reloadRules(): Promise<void>;
  /** The language model tools as registered (tests call prepareInvocation and invoke on them directly). */
  readonly lmTools: LmTools;
}
