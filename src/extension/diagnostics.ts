/**
 * Findings and problems as diagnostics. One diagnostic per finding on the component's id,
 * `source: "Threatlens"`, `code: { value: <rule id>, target: <OWASP page> }`, the evidence path as
 * related locations. Problems keep their own code (`annotation/unknown-node`, …), which is how
 * the code action provider links a diagnostic back to the fixes for it.
 */
import * as vscode from 'vscode';
import { UNRECOGNISED_CODE } from '../core/inference/recognition';
import type { Finding } from '../core/analysis/finding';
import type { Problem } from '../core/model';
import { owaspPage, type CatalogLookup } from '../core/report/types';
import { findingMessage } from '../core/report/messages';
import { moreNote, topPerLine } from '../core/present/perLine';
import type { AnalysisStore } from './analysisStore';
import { sameRange, toRange } from './convert';
import type { Analysis, EngineHost } from './engineHost';
import type { Settings, SeverityName, ThreatlensSettings } from './settings';

export const SOURCE = 'Threatlens';

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const PROBLEM_SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Severity for a finding under the settings, or undefined when it is not shown. */
export function findingSeverity(f: Finding, s: ThreatlensSettings): vscode.DiagnosticSeverity | undefined {
  if (s.hiddenStatuses.includes(f.status)) return undefined;
  if (f.status === 'open') return SEVERITY[s.severity[f.severity]];
  if (f.status === 'planned') return vscode.DiagnosticSeverity.Information;
  return s.decidedFindings === 'hidden' ? undefined : vscode.DiagnosticSeverity.Hint;
}

export function findingDiagnostic(a: Analysis, f: Finding, severity: vscode.DiagnosticSeverity, lookup: CatalogLookup): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(a.index, f.span), findingMessage(f, lookup), severity);
  d.source = SOURCE;
  const url = owaspPage(f.owasp, lookup);
  d.code = url ? { value: f.ruleId, target: vscode.Uri.parse(url) } : f.ruleId;
  // The evidence path, one location per hop. A one-hop path is the component itself, which the
  // diagnostic already points at: repeating it would only add noise to the Problems panel.
  if (f.evidence.length > 1) {
    d.relatedInformation = f.evidence.map((hop, i) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(a.uri, toRange(a.index, hop.span)),
      `step ${i + 1} of ${f.evidence.length}: ${hop.componentId}`,
    ));
  }
  return d;
}

export function problemDiagnostic(a: Analysis, p: Problem): vscode.Diagnostic {
  // "Not recognised" is a hint, as the issue of coverage it is, not a problem with the file.
  const severity = p.code === UNRECOGNISED_CODE ? vscode.DiagnosticSeverity.Hint : PROBLEM_SEVERITY[p.severity];
  const d = new vscode.Diagnostic(toRange(a.index, p.span), p.message, severity);
  d.source = SOURCE;
  d.code = p.code;
  return d;
}

/**
 * Problems, then the findings the settings show, at most `maxPerLine` on a line (riskiest first);
 * the last one shown on a crowded line says how many more the hover and the Threats view hold.
 */
export function toDiagnostics(a: Analysis, s: ThreatlensSettings, lookup: CatalogLookup): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const p of a.result.problems) out.push(problemDiagnostic(a, p));
  const severities = new Map(a.result.findings.map((f) => [f, findingSeverity(f, s)] as const));
  const visible = a.result.findings.filter((f) => severities.get(f) !== undefined);
  const { shown, more } = topPerLine(visible, (f) => a.index.positionAt(f.span.start).line, s.maxPerLine);
  for (const f of shown) {
    const d = findingDiagnostic(a, f, severities.get(f) ?? vscode.DiagnosticSeverity.Hint, lookup);
    const left = more.get(f);
    if (left) d.message += moreNote(left);
    out.push(d);
  }
  return out;
}

function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The finding a Threatlens diagnostic stands for (same rule, same range). */
export function findingFor(a: Analysis, d: vscode.Diagnostic): Finding | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = codeValue(d);
  return a.result.findings.find((f) => f.ruleId === code && sameRange(toRange(a.index, f.span), d.range));
}

/** The problem a Threatlens diagnostic stands for (same code, same range). */
export function problemFor(a: Analysis, d: vscode.Diagnostic): Problem | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = codeValue(d);
  return a.result.problems.find((p) => p.code === code && sameRange(toRange(a.index, p.span), d.range));
}

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('threatlens');
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly settings: Settings) {
    this.disposables.push(
      store.onDidChange((uris) => this.update(uris)),
      settings.onDidChange(() => this.update(store.all().map((a) => a.uri))),
    );
    this.update(store.all().map((a) => a.uri));
  }

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings): Diagnostics {
    const d = new Diagnostics(host, store, settings);
    context.subscriptions.push(d);
    return d;
  }

  private update(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const a = this.store.get(uri);
      if (a) this.collection.set(uri, toDiagnostics(a, this.settings.current, this.host.engine.lookup));
      else this.collection.delete(uri);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
