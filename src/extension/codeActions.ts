/**
 * Quick fixes, linked to diagnostics by their code: for an open finding, "Mitigate TL001
 * (LLM01:2026 Prompt Injection) on 'llm': <control>" per suggested control (the first preferred),
 * "Accept risk …" and "Mark … not applicable", each deciding that one finding (the reason is
 * selected, to be typed over); for problems with near matches, the replacements; for a component of unknown
 * kind, "Declare kind"; and a "Fix all" that adds planned stubs for every open finding, also
 * offered as the source action `source.threatlens.addMitigationStubs`. Edits come from
 * src/core/edits, a finding's fixes and their titles from src/core/agent/fixes.ts (the agent
 * tools list the same ones); this file only wraps them.
 */
import * as vscode from 'vscode';
import { findingFixes } from '../core/agent';
import { decisionEdits, fixAllEdits, replaceEdit, replacementSuggestions } from '../core/edits';
import type { Finding } from '../core/analysis/finding';
import type { Component, ComponentKind } from '../core/model';
import { isUnrecognised, UNRECOGNISED_CODE } from '../core/inference/recognition';
import { isComponentKind } from '../core/model';
import { CMD, type DecisionArgs, type ShowAllFixesArgs } from './commandIds';
import { toOffset } from './convert';
import { findingFor, problemFor } from './diagnostics';
import type { Analysis, EngineHost } from './engineHost';
import { SELECTOR } from './hover';
import { toWorkspaceEdit } from './workspaceEdits';
import { buildFixMenu, MAX_MENU_ITEMS, PROBLEM_RISK, showAllLabel, type FixEntry } from '../core/present/fixMenu';
import { appendAll } from '../core/arrays';

export const ADD_STUBS_KIND = vscode.CodeActionKind.Source.append('threatlens').append('addMitigationStubs');
export const FIX_ALL_TITLE = 'Fix all: add planned mitigation stubs for every open finding in this file';

/** Kinds offered first when a component's kind is unknown. */
const AI_KINDS: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'mcp-server', 'vector-store', 'embedding-model', 'ml-model', 'guardrail'];

/**
 * One action per menu entry: two findings on one component often share an OWASP id and a control,
 * so their fixes write the same line; the kept action lists every diagnostic the entry resolves.
 */
function merged(items: readonly vscode.CodeAction[]): vscode.CodeAction {
  const [kept, ...rest] = items;
  for (const a of rest) {
    kept.diagnostics = [...(kept.diagnostics ?? []), ...(a.diagnostics ?? [])];
    kept.isPreferred = kept.isPreferred === true || a.isPreferred === true ? true : undefined;
  }
  return kept;
}

/** Fixes as menu entries: `risk` of what they resolve, `order` among that thing's fixes. */
function entries(actions: readonly vscode.CodeAction[], risk: number): FixEntry<vscode.CodeAction>[] {
  return actions.map((item, order) => ({ label: item.title, risk, order, item }));
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
    const provider = new ThreatCodeActions(host);
    context.subscriptions.push(
      vscode.languages.registerCodeActionsProvider(SELECTOR, provider, { providedCodeActionKinds: ThreatCodeActions.providedCodeActionKinds }),
      vscode.commands.registerCommand(CMD.showAllFixes, (arg: unknown) => provider.showAll(arg)),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return this.fixes(doc, range, context, false);
  }

  /** `all`: the uncapped list, for "Show all fixes…". */
  private fixes(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, all: boolean): vscode.CodeAction[] {
    const a = this.host.analyzeDocument(doc);
    if (!a) return [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
    const actions: FixEntry<vscode.CodeAction>[] = [];
    let openFinding = false;
    if (wants(vscode.CodeActionKind.QuickFix)) {
      // Findings and problems under the range, whether or not the editor has their diagnostics yet
      // (they reach the renderer asynchronously); the diagnostics given are attached when they match.
      const start = toOffset(a.index, range.start);
      const end = toOffset(a.index, range.end);
      const hits = (s: { start: number; end: number }) => s.start <= end && start <= s.end;
      for (const f of a.result.findings.filter((x) => hits(x.span))) {
        if (f.status === 'open') openFinding = true;
        appendAll(actions, entries(this.findingFixes(a, f, context.diagnostics.filter((d) => findingFor(a, d) === f)), f.score));
      }
      for (const p of a.result.problems.filter((x) => hits(x.span))) {
        const diagnostics = context.diagnostics.filter((d) => problemFor(a, d) === p);
        const replacements: vscode.CodeAction[] = [];
        for (const [i, s] of replacementSuggestions(a.result.file.text, p).entries()) {
          const edits = replaceEdit(a.result.file.text, p.span, s);
          if (!edits.length) continue;
          const written = a.result.file.text.slice(p.span.start, p.span.end);
          replacements.push(this.action(`Replace '${written}' with '${s}'`, vscode.CodeActionKind.QuickFix, a, edits, diagnostics, i === 0));
        }
        appendAll(actions, entries(replacements, PROBLEM_RISK));
      }
      appendAll(actions, entries(this.kindFixes(a, range), 0));
    }
    if (wants(vscode.CodeActionKind.RefactorRewrite)) appendAll(actions, this.confirmKind(a, range).map((item) => ({ label: item.title, risk: 0, order: 1, item })));
    const asSource = context.only?.contains(ADD_STUBS_KIND) === true;
    const fixAll = ((openFinding && wants(vscode.CodeActionKind.QuickFix)) || asSource) && a.result.findings.some((f) => f.status === 'open' && f.mitigations.length > 0)
      ? new FixAllAction(asSource ? ADD_STUBS_KIND : vscode.CodeActionKind.QuickFix, doc.uri)
      : undefined;
    return this.menu(actions, fixAll, doc, range, all);
  }

  /**
   * At most MAX_MENU_ITEMS entries, deduplicated and riskiest first (src/core/present/fixMenu);
   * "Fix all" keeps its place at the end, and what does not fit is behind "Show all fixes…".
   */
  private menu(list: readonly FixEntry<vscode.CodeAction>[], fixAll: vscode.CodeAction | undefined, doc: vscode.TextDocument, range: vscode.Range, all: boolean): vscode.CodeAction[] {
    const built = buildFixMenu(list, all ? Number.MAX_SAFE_INTEGER : MAX_MENU_ITEMS - (fixAll ? 1 : 0));
    const out = built.shown.map((e) => merged(e.items));
    if (built.hidden) {
      const more = new vscode.CodeAction(showAllLabel(built.hidden), vscode.CodeActionKind.QuickFix);
      const args: ShowAllFixesArgs = { uri: doc.uri.toString(), range: [range.start.line, range.start.character, range.end.line, range.end.character] };
      more.command = { command: CMD.showAllFixes, title: 'Show all fixes', arguments: [args] };
      out.push(more);
    }
    if (fixAll) out.push(fixAll);
    return out;
  }

  /** The "Show all fixes…" entry: every fix of the range in a quick pick, the chosen one applied. */
  private async showAll(arg: unknown): Promise<void> {
    const args = arg as Partial<ShowAllFixesArgs> | undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args?.uri);
    const r = args?.range;
    if (!doc || !Array.isArray(r) || r.length !== 4 || !r.every((n) => Number.isInteger(n) && n >= 0)) return;
    const range = new vscode.Range(r[0], r[1], r[2], r[3]);
    const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.intersection(range) !== undefined);
    const fixes = this.fixes(doc, range, { diagnostics, only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke }, true);
    const picked = await vscode.window.showQuickPick(fixes.map((action) => ({ label: action.title, action })), { placeHolder: 'Fixes for this line, riskiest first' });
    if (!picked) return;
    const action = this.resolveCodeAction(picked.action);
    if (action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof FixAllAction)) return action;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === action.uri.toString());
    const a = doc ? this.host.analyzeDocument(doc) : undefined;
    if (a) action.edit = toWorkspaceEdit(a, fixAllEdits(a.result.file, a.result.findings, this.host.engine));
    return action;
  }

  /** In the order of src/core/agent/fixes.ts: the preferred control, accept, not applicable, the other controls. */
  private findingFixes(a: Analysis, f: Finding, d: vscode.Diagnostic[]): vscode.CodeAction[] {
    return findingFixes(a.result.file, f, this.host.engine).map((x) => this.action(x.title, vscode.CodeActionKind.QuickFix, a, x.edits, d, x.preferred));
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
      if (!isUnrecognised(c)) continue;
      // The engine ranked the likely kinds by the evidence there is (recognition.ts); offer those first.
      const hint = a.result.problems.find((p) => p.code === UNRECOGNISED_CODE && p.span.start === c.span.start);
      const ranked = (hint?.suggestions ?? AI_KINDS).filter(isComponentKind).slice(0, 5);
      for (const kind of ranked) {
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
