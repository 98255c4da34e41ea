/** Status bar item: open findings by severity in the active file; a click opens the Threats view. */
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import type { Settings } from './settings';
import { countText } from './threatsView';

export class ThreatStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('threatlens.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly store: AnalysisStore, private readonly settings: Settings) {
    this.item.name = 'Threatlens';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      store.onDidChange(() => this.update()),
      settings.onDidChange(() => this.update()),
    );
    this.update();
  }

  static register(context: vscode.ExtensionContext, store: AnalysisStore, settings: Settings): ThreatStatusBar {
    const bar = new ThreatStatusBar(store, settings);
    context.subscriptions.push(bar);
    return bar;
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const a = doc ? this.store.get(doc.uri) : undefined;
    if (!a || a.result.file.models.length === 0) {
      this.item.hide();
      return;
    }
    const findings = a.result.findings.filter((f) => !this.settings.current.hiddenStatuses.includes(f.status));
    const open = findings.filter((f) => f.status === 'open');
    const severe = open.some((f) => f.severity === 'critical' || f.severity === 'high');
    this.item.text = `$(shield) ${open.length ? countText(findings) : 'no open threats'}`;
    this.item.tooltip = `Threatlens: ${open.length} open finding${open.length === 1 ? '' : 's'} in this file (${findings.length - open.length} decided). Click to show this file in the Threats view.`;
    this.item.command = { command: CMD.focusView, title: 'Show in the Threats view', arguments: [a.uri.toString()] };
    this.item.backgroundColor = severe ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
