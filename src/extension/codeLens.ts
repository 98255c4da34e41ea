/** CodeLens above each diagram (and YAML model): "Threatlens: 3 high · 5 medium". */
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import { toPosition } from './convert';
import type { EngineHost } from './engineHost';
import { SELECTOR } from './hover';
import type { Settings } from './settings';
import { countText } from './threatsView';
import { WALKTHROUGH_CMD } from './walkthrough/ids';

export class ThreatCodeLens implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  private constructor(private readonly host: EngineHost, private readonly settings: Settings) {}

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings): void {
    const provider = new ThreatCodeLens(host, settings);
    context.subscriptions.push(
      provider.emitter,
      vscode.languages.registerCodeLensProvider(SELECTOR, provider),
      store.onDidChange(() => provider.emitter.fire()),
      settings.onDidChange(() => provider.emitter.fire()),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.settings.current.codeLens) return [];
    const a = this.host.analyzeDocument(doc);
    if (!a) return [];
    const hidden = this.settings.current.hiddenStatuses;
    return a.result.file.models.flatMap((m) => {
      const findings = a.result.findings.filter((f) => f.span.start >= m.span.start && f.span.start <= m.span.end && !hidden.includes(f.status));
      // In Markdown, above the ```mermaid line that opens the diagram.
      const at = toPosition(a.index, m.span.start);
      const line = a.result.file.format === 'markdown' ? Math.max(0, at.line - 1) : at.line;
      const range = new vscode.Range(line, 0, line, 0);
      return [
        new vscode.CodeLens(range, { title: `Threatlens: ${countText(findings)}`, command: CMD.focusView, tooltip: 'Open the Threats view' }),
        new vscode.CodeLens(range, { title: 'Open walkthrough', command: WALKTHROUGH_CMD.open, arguments: [{ uri: doc.uri.toString(), anchor: m.span.start }], tooltip: 'Threatlens: Open STRIDE-for-AI walkthrough' }),
      ];
    });
  }
}
