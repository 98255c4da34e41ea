/**
 * Threatlens in VS Code. activate() only wires the features together; each lives in its own
 * file and registers itself. All analysis is in src/core; this folder is glue.
 */
import * as vscode from 'vscode';
import { AnalysisStore } from './analysisStore';
import type { ThreatlensApi } from './api';
import { ThreatCodeActions } from './codeActions';
import { ThreatCodeLens } from './codeLens';
import { DecisionCommands } from './decisionCommands';
import { ThreatComparison } from './diffView';
import { Diagnostics } from './diagnostics';
import { DocumentSync } from './documentSync';
import { EngineHost } from './engineHost';
import { registerExamples } from './examples';
import { registerBriefingExport } from './briefingExport';
import { ReportExport } from './exportReport';
import { registerVerificationPlan } from './verificationPlan';
import { registerWorkshopExport } from './workshopExport';
import { registerGovernanceExports } from './governanceExports';
import { registerAttackTree } from './attackTreeCommand';
import { ThreatHoverProvider } from './hover';
import { registerLmTools } from './lmTools/register';
import { ReviewComments } from './reviewComment';
import { Settings } from './settings';
import { ThreatStatusBar } from './statusBar';
import { ThreatsView } from './threatsView';
import { registerWalkthrough } from './walkthrough/register';
import { WorkspaceScan } from './workspaceScan';

export function activate(context: vscode.ExtensionContext): ThreatlensApi {
  const activated = performance.now();
  const settings = Settings.register(context);
  const host = EngineHost.register(context, settings);
  const store = AnalysisStore.register(context);
  Diagnostics.register(context, host, store, settings);
  DocumentSync.register(context, host, store, settings);
  const scan = WorkspaceScan.register(context, host, store, settings);
  const view = ThreatsView.register(context, host, store, settings, () => void scan.run({ viewId: ThreatsView.viewId }));
  const statusBar = ThreatStatusBar.register(context, store, settings);
  ThreatHoverProvider.register(context, host);
  ThreatCodeActions.register(context, host);
  ThreatCodeLens.register(context, host, store, settings);
  DecisionCommands.register(context, host);
  ReportExport.register(context, host, store, scan);
  registerBriefingExport(context, host);
  registerVerificationPlan(context, host);
  registerWorkshopExport(context, host);
  registerGovernanceExports(context, host);
  registerAttackTree(context, host);
  ReviewComments.register(context, host, () => view.view.selection);
  ThreatComparison.register(context, host, store, settings, scan, view);
  registerExamples(context);
  registerWalkthrough(context, host, store);
  const lmTools = registerLmTools(context, host);
  return {
    analysis: (uri) => store.get(uri),
    onDidAnalyze: store.onDidChange,
    threats: view.provider,
    threatsView: view.view,
    statusBar: statusBar.item,
    scan: () => scan.run(vscode.ProgressLocation.Window),
    ready: host.ready,
    activationMs: host.ready.then(() => performance.now() - activated),
    reloadRules: () => host.reload(),
    lmTools,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
