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
    const shown = a.result.findings.filter((f) => !hidden.includes(f.status));
    const models = a.result.file.models;
    return models.flatMap((m, i) => {
      const findings = shown.filter((f) => f.span.start >= m.span.start && f.span.start <= m.span.end);
      // With several diagrams a lens counts its own; the file's total is what the status bar shows.
      const title = models.length === 1 ? `Threatlens: ${countText(findings)}` : `Threatlens · diagram ${i + 1} of ${models.length}: ${countText(findings)} (file: ${countText(shown)})`;
      // In Markdown, above the ```mermaid line that opens the diagram.
      const at = toPosition(a.index, m.span.start);
      const line = a.result.file.format === 'markdown' ? Math.max(0, at.line - 1) : at.line;
      const range = new vscode.Range(line, 0, line, 0);
      return [
        new vscode.CodeLens(range, { title, command: CMD.focusView, arguments: [doc.uri.toString()], tooltip: 'Show this file in the Threats view' }),
        new vscode.CodeLens(range, { title: 'Open walkthrough', command: WALKTHROUGH_CMD.open, arguments: [{ uri: doc.uri.toString(), anchor: m.span.start }], tooltip: 'Threatlens: Open STRIDE-for-AI walkthrough' }),
      ];
    });
  }
}
