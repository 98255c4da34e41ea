/**
 * Quick fixes, linked to diagnostics by their code: for an open finding, "Mitigate TL001
 * (LLM01:2026 Prompt Injection) on 'llm': <control>" per suggested control (the first preferred),
 * "Accept risk …" and "Mark … not applicable", each deciding that one finding (the reason is
 * selected, to be typed over); for problems with near matches, the replacements; for a component of unknown
 * kind, "Declare kind"; and a "Fix all" that adds planned stubs for every open finding, also
 * offered as the source action `source.threatlens.addMitigationStubs`. Edits come from
 * src/core/edits; this file only chooses titles and wraps them.
 */
import * as vscode from 'vscode';
import {
  decisionEdits, fixAllEdits, mitigationRequest, replaceEdit, replacementSuggestions, DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON,
} from '../core/edits';
import type { Finding } from '../core/analysis/finding';
import { ruleRef } from '../core/report/messages';
import type { Component, ComponentKind } from '../core/model';
import { kindForRules } from '../core/model';
import { CMD, type DecisionArgs } from './commandIds';
import { toOffset } from './convert';
import { findingFor, problemFor } from './diagnostics';
import type { Analysis, EngineHost } from './engineHost';
import { SELECTOR } from './hover';
import { toWorkspaceEdit } from './workspaceEdits';

export const ADD_STUBS_KIND = vscode.CodeActionKind.Source.append('threatlens').append('addMitigationStubs');
export const FIX_ALL_TITLE = 'Fix all: add planned mitigation stubs for every open finding in this file';

/** Kinds offered first when a component's kind is unknown. */
const AI_KINDS: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'mcp-server', 'vector-store', 'embedding-model', 'ml-model', 'guardrail'];

/**
 * The same fix offered through several diagnostics of one finding writes the same line: keep one
 * action per title, listing every diagnostic it resolves.
 */
function dedupe(actions: vscode.CodeAction[]): vscode.CodeAction[] {
  const byTitle = new Map<string, vscode.CodeAction>();
  for (const a of actions) {
    const kept = byTitle.get(a.title);
    if (!kept) {
      byTitle.set(a.title, a);
      continue;
    }
    kept.diagnostics = [...(kept.diagnostics ?? []), ...(a.diagnostics ?? [])];
    kept.isPreferred = kept.isPreferred === true || a.isPreferred === true ? true : undefined;
  }
  return [...byTitle.values()];
}

/** "Fix all" computes its edit only when chosen (resolveCodeAction): it touches the whole file. */
class FixAllAction extends vscode.CodeAction {
  constructor(kind: vscode.CodeActionKind, readonly uri: vscode.Uri) {
    super(FIX_ALL_TITLE, kind);
  }
}

export class ThreatCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite, ADD_STUBS_KIND];

  private constructor(private readonly host: EngineHost) {}

  static register(context: vscode.ExtensionContext, host: EngineHost): void {
    context.subscriptions.push(vscode.languages.registerCodeActionsProvider(SELECTOR, new ThreatCodeActions(host), {
      providedCodeActionKinds: ThreatCodeActions.providedCodeActionKinds,
    }));
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const a = this.host.analyzeDocument(doc);
    if (!a) return [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
    const actions: vscode.CodeAction[] = [];
    let openFinding = false;
    if (wants(vscode.CodeActionKind.QuickFix)) {
      // Findings and problems under the range, whether or not the editor has their diagnostics yet
      // (they reach the renderer asynchronously); the diagnostics given are attached when they match.
      const start = toOffset(a.index, range.start);
      const end = toOffset(a.index, range.end);
      const hits = (s: { start: number; end: number }) => s.start <= end && start <= s.end;
      for (const f of a.result.findings.filter((x) => hits(x.span))) {
        if (f.status === 'open') openFinding = true;
        actions.push(...this.findingFixes(a, f, context.diagnostics.filter((d) => findingFor(a, d) === f)));
      }
      for (const p of a.result.problems.filter((x) => hits(x.span))) {
        const diagnostics = context.diagnostics.filter((d) => problemFor(a, d) === p);
        for (const [i, s] of replacementSuggestions(a.result.file.text, p).entries()) {
          const edits = replaceEdit(a.result.file.text, p.span, s);
          if (!edits.length) continue;
          const written = a.result.file.text.slice(p.span.start, p.span.end);
          actions.push(this.action(`Replace '${written}' with '${s}'`, vscode.CodeActionKind.QuickFix, a, edits, diagnostics, i === 0));
        }
      }
      actions.push(...this.kindFixes(a, range));
    }
    const asSource = context.only?.contains(ADD_STUBS_KIND) === true;
    if ((openFinding && wants(vscode.CodeActionKind.QuickFix)) || asSource) {
      const open = a.result.findings.some((f) => f.status === 'open' && f.mitigations.length > 0);
      if (open) actions.push(new FixAllAction(asSource ? ADD_STUBS_KIND : vscode.CodeActionKind.QuickFix, doc.uri));
    }
    if (wants(vscode.CodeActionKind.RefactorRewrite)) actions.push(...this.confirmKind(a, range));
    return dedupe(actions);
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof FixAllAction)) return action;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === action.uri.toString());
    const a = doc ? this.host.analyzeDocument(doc) : undefined;
    if (a) action.edit = toWorkspaceEdit(a, fixAllEdits(a.result.file, a.result.findings, this.host.engine));
    return action;
  }

  private findingFixes(a: Analysis, f: Finding, d: vscode.Diagnostic[]): vscode.CodeAction[] {
    if (f.status !== 'open') return [];
    const out: vscode.CodeAction[] = [];
    const file = a.result.file;
    const engine = this.host.engine;
    // The rule names the one finding the decision is for; the OWASP id (with its edition: LLM08
    // means different risks in 2025 and 2026) says what it is about.
    const what = `${ruleRef(f, engine.lookup)} on '${f.componentId}'`;
    f.mitigations.forEach((m, i) => {
      const req = mitigationRequest(f, i);
      const edits = req ? decisionEdits(file, req, engine) : [];
      if (edits.length) out.push(this.action(`Mitigate ${what}: ${m.name}`, vscode.CodeActionKind.QuickFix, a, edits, d, i === 0));
    });
    const base = { componentId: f.componentId, anchor: f.span.start, threat: f.ruleId };
    const accept = decisionEdits(file, { type: 'accepts', ...base, reason: DEFAULT_ACCEPT_REASON }, engine);
    if (accept.length) out.push(this.action(`Accept risk ${what} (write the reason)`, vscode.CodeActionKind.QuickFix, a, accept, d));
    const na = decisionEdits(file, { type: 'not-applicable', ...base, reason: DEFAULT_NOT_APPLICABLE_REASON }, engine);
    if (na.length) out.push(this.action(`Mark ${what} not applicable (write why)`, vscode.CodeActionKind.QuickFix, a, na, d));
    return out;
  }

  private componentsAt(a: Analysis, range: vscode.Range): Component[] {
    const start = toOffset(a.index, range.start);
    const end = toOffset(a.index, range.end);
    const hit = (s: { start: number; end: number } | undefined) => s !== undefined && s.start <= end && start <= s.end;
    return a.result.file.models.flatMap((m) => m.components).filter((c) => hit(c.span) || hit(c.labelSpan));
  }

  private kindFixes(a: Analysis, range: vscode.Range): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const c of this.componentsAt(a, range)) {
      if (kindForRules(c) !== 'unknown') continue;
      for (const kind of AI_KINDS) {
        const edits = decisionEdits(a.result.file, { type: 'kind', componentId: c.id, anchor: c.span.start, kind }, this.host.engine);
        if (edits.length) out.push(this.action(`Declare kind of '${c.id}': ${kind}`, vscode.CodeActionKind.QuickFix, a, edits));
      }
      const more = new vscode.CodeAction(`Declare kind of '${c.id}'…`, vscode.CodeActionKind.QuickFix);
      const args: DecisionArgs = { uri: a.uri.toString(), componentId: c.id, anchor: c.span.start };
      more.command = { command: CMD.declareKind, title: 'Declare kind', arguments: [args] };
      out.push(more);
    }
    return out;
  }

  /** For an inferred kind: write it down, so the findings no longer depend on inference. */
  private confirmKind(a: Analysis, range: vscode.Range): vscode.CodeAction[] {
    return this.componentsAt(a, range)
      .filter((c) => c.kindSource === 'inferred')
      .flatMap((c) => {
        const edits = decisionEdits(a.result.file, { type: 'kind', componentId: c.id, anchor: c.span.start, kind: c.kind }, this.host.engine);
        return edits.length ? [this.action(`Declare kind of '${c.id}' as ${c.kind} (now inferred)`, vscode.CodeActionKind.RefactorRewrite, a, edits)] : [];
      });
  }

  private action(title: string, kind: vscode.CodeActionKind, a: Analysis, edits: Parameters<typeof toWorkspaceEdit>[1], diagnostics?: vscode.Diagnostic[], preferred = false): vscode.CodeAction {
    const action = new vscode.CodeAction(title, kind);
    action.edit = toWorkspaceEdit(a, edits);
    if (diagnostics?.length) action.diagnostics = diagnostics;
    if (preferred) action.isPreferred = true;
    return action;
  }
}
