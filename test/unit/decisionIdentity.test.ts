/**
 * Issue 15, point 1: a decision decides the finding it was made for. Quick fixes, "Fix all" and
 * the walkthrough name the rule; a hand-written OWASP-id decision still covers every finding of
 * that id, and says so; a placeholder reason or control is not a decision.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import type { Finding } from '../../src/core/analysis/finding';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import {
  applyEdits, decisionEdits, DEFAULT_ACCEPT_REASON, fixAllEdits, mitigationRequest, type DecisionRequest, type TextEdit,
} from '../../src/core/edits';
import { snippetParts } from '../../src/core/edits/snippet';
import { diffReportSchema, diffResults, diffToJson, diffToText } from '../../src/core/diff';
import { Engine } from '../../src/core/engine';
import { componentHover, threatHover } from '../../src/extension/hoverContent';
import { jsonReportSchema } from '../../src/core/report/contract';
import { toJsonReport } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { findingMessage } from '../../src/core/report/messages';
import type { FileResult } from '../../src/core/report/types';
import { buildWalkthrough, type ComponentStep } from '../../src/core/walkthrough';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-11-23' });
const SQL_AGENT = 'examples/sql-code-agent.mmd';
const RAG = 'examples/rag-support-bot.mmd';

function analyze(path: string, text = readFileSync(path, 'utf8')): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

function finding(r: FileResult, ruleId: string, componentId: string): Finding {
  const f = r.findings.find((x) => x.ruleId === ruleId && x.componentId === componentId);
  assert.ok(f, `no ${ruleId} on ${componentId}`);
  return f;
}

function write(r: FileResult, request: DecisionRequest): FileResult {
  const edits = decisionEdits(r.file, request, engine);
  assert.ok(edits.length > 0, 'expected an edit');
  return analyze(r.file.path, applyEdits(r.file.text, edits));
}

/** Rule ids of `componentId`'s findings with status `status`. */
const withStatus = (r: FileResult, componentId: string, status: Finding['status']) =>
  r.findings.filter((f) => f.componentId === componentId && f.status === status).map((f) => f.ruleId).sort();

describe('decisions: one decision per finding', () => {
  it('the walkthrough mitigates the finding it shows and no other finding citing the same OWASP id', () => {
    const r = analyze(SQL_AGENT);
    // TL011, TL012, TL014 and TL041 on the agent all cite LLM03:2026 (LLM06:2025).
    for (const id of ['TL012', 'TL014', 'TL041']) assert.ok(finding(r, id, 'agent').owasp.includes('LLM06:2025'));
    const w = buildWalkthrough(r, catalog, engine.lookup, { done: [] });
    const view = w.steps.filter((s): s is ComponentStep => s.type === 'component').flatMap((s) => s.findings).find((f) => f.ruleId === 'TL014' && f.componentId === 'agent');
    assert.ok(view);
    const control = view.mitigations.find((m) => m.id === 'least-privilege-tools');
    assert.ok(control, 'TL014 suggests least-privilege tools');
    const after = write(r, { type: 'mitigates', componentId: view.componentId, anchor: view.anchor, threat: view.threat, control: control.stub, status: 'implemented' });
    assert.deepEqual(withStatus(after, 'agent', 'mitigated'), ['TL014']);
    assert.equal(finding(after, 'TL041', 'agent').status, 'open', 'the audit-trail finding is not mitigated by tool scopes');
    assert.equal(finding(after, 'TL012', 'agent').status, 'open');
    assert.match(after.file.text, /%% @mitigates agent against TL014 with /);
    assert.deepEqual(finding(after, 'TL014', 'agent').decisions.map((d) => d.covers), [['TL014']]);
  });

  it('fix all writes each finding its own stub: the gateway plan does not cover logging, nor the DPA plan pinning, nor scanning tenant isolation', () => {
    const r = analyze(RAG);
    const after = analyze(RAG, applyEdits(r.file.text, fixAllEdits(r.file, r.findings, engine)));
    for (const [id, component, sibling] of [['TL040', 'llm', 'TL033'], ['TL039', 'llm', 'TL026'], ['TL017', 'kb', 'TL015']]) {
      const f = finding(after, id, component);
      assert.equal(f.status, 'planned', `${id} gets a planned stub`);
      assert.deepEqual(f.decisions.map((d) => d.text), [f.mitigations[0].stub], `${id} is planned with its own control, not ${sibling}'s`);
      assert.deepEqual(f.decisions.map((d) => d.covers), [[id]]);
      assert.deepEqual(finding(after, sibling, component).decisions.map((d) => d.covers), [[sibling]]);
    }
    assert.deepEqual(fixAllEdits(after.file, after.findings, engine), [], 'nothing left to fix');
  });

  it('a TODO acceptance leaves the finding open (acceptance incomplete), warns on its line, and --fail-on counts it', () => {
    const r = analyze(SQL_AGENT);
    const f = finding(r, 'TL041', 'agent');
    const request: DecisionRequest = { type: 'accepts', componentId: 'agent', anchor: f.span.start, threat: f.ruleId, reason: DEFAULT_ACCEPT_REASON };
    const edits = decisionEdits(r.file, request, engine);
    const marked = edits.find((e) => e.placeholder);
    assert.ok(marked, 'the edit says where the placeholder is');
    assert.equal(marked.newText.slice(marked.placeholder!.start, marked.placeholder!.end), DEFAULT_ACCEPT_REASON);
    const text = applyEdits(r.file.text, edits);
    assert.match(text, /%% @accepts agent TL041 because "TODO: /);
    const after = analyze(SQL_AGENT, text);
    const g = finding(after, 'TL041', 'agent');
    assert.equal(g.status, 'open');
    assert.equal(g.decisions[0].incomplete, true);
    assert.match(findingMessage(g, engine.lookup), / \(acceptance incomplete\)$/);
    const warning = after.problems.find((p) => p.code === 'annotation/incomplete');
    assert.equal(warning?.severity, 'warning');
    assert.ok(text.slice(warning.span.start, warning.span.end).includes('@accepts agent TL041 because'), 'the warning sits on the decision');
    assert.match(toMarkdown([after], engine.lookup), /open \(acceptance incomplete\)/);

    const dir = mkdtempSync(join(tmpdir(), 'tl-decisions-'));
    const file = join(dir, 'agent.mmd');
    const check = () => {
      let out = '';
      const code = run(['check', file, '--fail-on', g.severity, '--today', '2026-11-23'], dir, { out: (s) => { out += s; }, err: () => undefined });
      return { code, out };
    };
    // Only TL041 is left undecided, so the gate is about it alone.
    const others = after.findings.filter((x) => x.ruleId !== 'TL041' && x.status === 'open');
    const rest = others.map((x) => `%% @not-applicable ${x.componentId} ${x.ruleId} because "out of scope for this test"`).join('\n');
    writeFileSync(file, `${text}\n${rest}\n`);
    const todo = check();
    assert.equal(todo.code, 1, todo.out);
    assert.match(todo.out, /1 open finding/);
    writeFileSync(file, `${text.replace(DEFAULT_ACCEPT_REASON, 'nightly jobs are logged by the scheduler')}\n${rest}\n`);
    const written = check();
    assert.equal(written.code, 0, written.out);
    assert.match(written.out, / 0 open finding/);
  });

  it('a mitigation without a control is not a decision either', () => {
    const base = readFileSync(SQL_AGENT, 'utf8');
    const mitigated = (control: string) => analyze(SQL_AGENT, `${base}    %% @mitigates agent against TL014 with ${control} (implemented)\n`);
    // An empty or blank string is already a syntax error: no decision is read at all.
    for (const control of ['""', '"   "']) {
      const r = mitigated(control);
      assert.equal(finding(r, 'TL014', 'agent').status, 'open');
      assert.ok(r.problems.some((p) => p.code === 'annotation/syntax'));
    }
    for (const control of ['"TODO: name the control"', '"todo"']) {
      const r = mitigated(control);
      const f = finding(r, 'TL014', 'agent');
      assert.equal(f.status, 'open', control);
      assert.match(findingMessage(f, engine.lookup), / \(mitigation incomplete\)$/);
      assert.ok(r.problems.some((p) => p.code === 'annotation/incomplete' && p.severity === 'warning'), control);
    }
  });

  it('an old OWASP-id decision still covers every finding of that id, and the reports list them', () => {
    const base = readFileSync(SQL_AGENT, 'utf8');
    for (const threat of ['LLM06:2025', 'LLM06', 'LLM03:2026']) {
      const r = analyze(SQL_AGENT, `${base}    %% @mitigates agent against ${threat} with "tool scopes per task" (implemented)\n`);
      assert.deepEqual(withStatus(r, 'agent', 'mitigated'), ['TL011', 'TL012', 'TL014', 'TL041'], threat);
      const f = finding(r, 'TL041', 'agent');
      assert.deepEqual(f.decisions[0].covers, ['TL011', 'TL012', 'TL014', 'TL041']);
      assert.match(findingMessage(f, engine.lookup), /\(mitigated by a decision that also covers TL011, TL012, TL014\)$/);
      const json = jsonReportSchema.parse(toJsonReport([r], 'test')).files[0].findings.find((x) => x.ruleId === 'TL041');
      assert.deepEqual(json?.decisions.map((d) => d.covers), [['TL011', 'TL012', 'TL014', 'TL041']]);
      assert.match(toMarkdown([r], engine.lookup), new RegExp(`Decision: mitigation \\(implemented\\) \\(${threat}, covers TL011, TL012, TL014, TL041\\): tool scopes per task`));
    }
  });

  it('a rule-id decision and an older OWASP-id one for the same finding are one decision', () => {
    const base = readFileSync(SQL_AGENT, 'utf8');
    const r = analyze(SQL_AGENT, `${base}    %% @mitigates agent against LLM06:2025 with "tool scopes per task" (planned)\n`);
    const anchor = finding(r, 'TL014', 'agent').span.start;
    const updated = write(r, { type: 'mitigates', componentId: 'agent', anchor, threat: 'TL014', control: 'tool scopes per task', status: 'implemented' });
    const decisions = (x: FileResult) => x.file.models.flatMap((m) => m.annotations).flatMap((a) => (a.type !== 'component' && a.target === 'agent' ? [a] : []));
    assert.deepEqual(decisions(updated).map((a) => `${a.type} ${a.threat}`), ['mitigates TL014'], 'updated in place, not a second line');
    assert.equal(finding(updated, 'TL014', 'agent').status, 'mitigated');
    const superseded = write(r, { type: 'accepts', componentId: 'agent', anchor, threat: 'TL014', reason: 'read-only replica', supersede: true });
    assert.deepEqual(decisions(superseded).map((a) => `${a.type} ${a.threat}`), ['accepts TL014']);
  });

  it('in YAML, changing the OWASP-keyed entry of one finding re-keys it by the rule instead of adding a second entry', () => {
    const path = 'examples/travel-agent.threatlens.yaml';
    const r = analyze(path);
    assert.match(r.file.text, /\n {6}LLM06:2025:\n {8}control: /);
    const f = finding(r, 'TL014', 'assistant');
    assert.deepEqual(f.decisions.map((d) => d.threat), ['LLM06:2025']);
    const after = write(r, { type: 'mitigates', componentId: 'assistant', anchor: f.span.start, threat: 'TL014', control: f.decisions[0].text, status: 'verified' });
    assert.doesNotMatch(after.file.text, /\n {6}LLM06:2025:\n/);
    assert.match(after.file.text, /\n {6}TL014:\n {8}control: .+\n {8}status: verified\n/);
    const g = finding(after, 'TL014', 'assistant');
    assert.deepEqual(g.decisions.map((d) => `${d.threat} ${d.status ?? ''} ${d.covers.join(',')}`), ['TL014 verified TL014']);
  });

  it('YAML decisions are keyed by the rule id', () => {
    const path = 'examples/travel-agent.threatlens.yaml';
    const r = analyze(path);
    const f = r.findings.find((x) => x.componentId === 'gpt' && x.status === 'open' && x.mitigations.length > 0);
    assert.ok(f);
    const req = mitigationRequest(f);
    assert.ok(req);
    const after = write(r, req);
    assert.match(after.file.text, new RegExp(`\\n      ${f.ruleId}:\\n        control: `));
    assert.deepEqual(finding(after, f.ruleId, 'gpt').decisions.map((d) => d.covers), [[f.ruleId]]);
    const siblings = after.findings.filter((x) => x.componentId === 'gpt' && x.ruleId !== f.ruleId && x.owasp.some((o) => f.owasp.includes(o)));
    for (const s of siblings) assert.equal(s.status, 'open', `${s.ruleId} is not decided by ${f.ruleId}'s stub`);
  });
});

describe('decisions: the hover says what a decision covers', () => {
  const uri = 'file:///w/agent.mmd';
  const hovers = (text: string) => {
    const r = analyze(SQL_AGENT, text);
    const agent = r.file.models[0].components.find((c) => c.id === 'agent');
    assert.ok(agent);
    const decision = r.file.models[0].annotations.flatMap((a) => (a.type !== 'component' && a.target === 'agent' ? [a] : []))[0];
    assert.ok(decision);
    const affected = r.findings.filter((f) => f.componentId === 'agent' && f.decisions.some((d) => d.span.start === decision.span.start));
    return {
      component: componentHover(agent, r.findings.filter((f) => f.componentId === 'agent'), uri, engine.lookup),
      threat: threatHover(decision, engine.resolveThreat(decision.threat), affected, undefined, engine.lookup, (id) => engine.rules.find((x) => x.id === id)?.title),
    };
  };
  const base = readFileSync(SQL_AGENT, 'utf8');

  it('an OWASP-id decision lists every finding it covers; a rule-id one only its own', () => {
    const wide = hovers(`${base}    %% @mitigates agent against LLM06:2025 with "tool scopes per task" (implemented)\n`);
    assert.ok(wide.component.includes('Decision: mitigation (implemented) (LLM06:2025, covers TL011, TL012, TL014, TL041): tool scopes per task'), wide.component);
    assert.match(wide.threat, /Decides 4 findings/);
    const narrow = hovers(`${base}    %% @mitigates agent against TL014 with "tool scopes per task" (implemented)\n`);
    assert.ok(narrow.component.includes('Decision: mitigation (implemented): tool scopes per task'), narrow.component);
    assert.match(narrow.threat, /Decides 1 finding on/);
  });

  it('a placeholder decision is shown as incomplete', () => {
    const todo = hovers(`${base}    %% @accepts agent TL041 because "${DEFAULT_ACCEPT_REASON}"\n`);
    assert.ok(todo.component.includes('Decision: acceptance **incomplete**'), todo.component);
    assert.match(todo.threat, /still a placeholder, so this decides nothing yet: `TL041` stays open/);
  });
});

describe('decisions: diff says what a decision covers', () => {
  it('a status change by an OWASP-id decision lists the findings it covers; a TODO acceptance is no change', () => {
    const base = analyze(SQL_AGENT);
    const text = readFileSync(SQL_AGENT, 'utf8');
    const wide = analyze(SQL_AGENT, `${text}    %% @accepts agent LLM06:2025 because "read-only warehouse role"\n`);
    const d = diffResults([base], [wide]);
    assert.deepEqual(d.statusChanges.map((c) => c.finding.ruleId).sort(), ['TL011', 'TL012', 'TL014', 'TL041']);
    const json = diffReportSchema.parse(diffToJson(d, 'test'));
    for (const c of json.statusChanges) assert.deepEqual(c.decisions.map((x) => x.covers), [['TL011', 'TL012', 'TL014', 'TL041']]);
    assert.match(diffToText(d, engine.lookup), /changed open -> accepted .*TL041 .*\(risk accepted by a decision that also covers TL011, TL012, TL014\)/);
    const todo = analyze(SQL_AGENT, `${text}    %% @accepts agent TL041 because "${DEFAULT_ACCEPT_REASON}"\n`);
    assert.deepEqual(diffResults([base], [todo]).statusChanges, [], 'a placeholder changes no status');
  });
});

describe('decisions: snippet edits', () => {
  /** What an editor does to a snippet edit: every later line gets the insertion line's indentation. */
  function asEditorApplies(original: string, edits: readonly TextEdit[]): string {
    const parts = snippetParts(original, edits);
    assert.ok(parts);
    return applyEdits(original, parts.map(({ edit, text }) => {
      const lineStart = original.lastIndexOf('\n', edit.span.start - 1) + 1;
      const indent = /^[ \t]*/.exec(original.slice(lineStart, edit.span.start))![0];
      return { span: edit.span, newText: text.replace(/\n/g, `\n${indent}`) };
    }));
  }

  it('the file ends up as the plain edits write it, and the placeholder still spans the reason', () => {
    const cases: [string, DecisionRequest][] = [
      [SQL_AGENT, { type: 'accepts', componentId: 'agent', threat: 'TL041', reason: DEFAULT_ACCEPT_REASON }],
      ['examples/travel-agent.threatlens.yaml', { type: 'accepts', componentId: 'gpt', threat: 'TL036', reason: DEFAULT_ACCEPT_REASON, owner: 'ops' }],
      ['examples/travel-agent.threatlens.yaml', { type: 'accepts', componentId: 'gpt', threat: 'TL036', reason: DEFAULT_ACCEPT_REASON }],
    ];
    for (const [path, request] of cases) {
      const r = analyze(path);
      const edits = decisionEdits(r.file, request, engine);
      assert.ok(edits.some((e) => e.placeholder), path);
      assert.equal(asEditorApplies(r.file.text, edits), applyEdits(r.file.text, edits), path);
      for (const { edit, text } of snippetParts(r.file.text, edits)!) {
        if (edit.placeholder) assert.equal(text.slice(edit.placeholder.start, edit.placeholder.end), DEFAULT_ACCEPT_REASON);
      }
    }
  });

  it('edits without a placeholder stay plain text edits', () => {
    const r = analyze(SQL_AGENT);
    assert.equal(snippetParts(r.file.text, fixAllEdits(r.file, r.findings, engine)), undefined);
  });
});
