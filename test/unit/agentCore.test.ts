/**
 * The agent layer both front ends share (src/core/agent): decision input checks, placeholder
 * refusals, the lines a write shows, the text renderings, and the package.json declaration of the
 * language model tools against the same constants.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  checkLines, checkedFile, decisionInputOf, explainThreat, explanationText, findingFixes, planDecision, unknownThreatText, writtenLines,
  DECISION_KINDS, DECISION_STATUSES,
} from '../../src/core/agent';
import { applyEdits, decisionEdits } from '../../src/core/edits';
import { Engine } from '../../src/core/engine';
import { LM_TOOL } from '../../src/extension/lmTools/names';

const repo = resolve(__dirname, '..', '..');
const engine = new Engine(undefined, { today: '2026-11-23' });
const example = (name: string) => engine.analyze(name, readFileSync(join(repo, 'examples', name), 'utf8'))!;

describe('agent layer', () => {
  describe('decisionInputOf', () => {
    it('keeps the fields of each kind of decision', () => {
      assert.deepEqual(decisionInputOf({ componentId: ' llm ', ruleId: 'TL001', decision: 'mitigate', control: 'Guardrail', status: 'verified', reason: 'ignored' }),
        { componentId: 'llm', ruleId: 'TL001', decision: 'mitigate', control: 'Guardrail', status: 'verified' });
      assert.deepEqual(decisionInputOf({ componentId: 'llm', ruleId: 'TL001', decision: 'accept', reason: 'Internal', owner: 'bob', expires: '2027-01-01' }),
        { componentId: 'llm', ruleId: 'TL001', decision: 'accept', reason: 'Internal', owner: 'bob', expires: '2027-01-01' });
      assert.deepEqual(decisionInputOf({ componentId: 'llm', ruleId: 'TL001', decision: 'not-applicable' }), { componentId: 'llm', ruleId: 'TL001', decision: 'not-applicable', reason: '' });
    });

    it('says what is wrong with malformed input', () => {
      const error = (raw: unknown) => { const r = decisionInputOf(raw); return 'error' in r ? r.error : ''; };
      assert.match(error(null), /object/);
      assert.match(error({ ruleId: 'TL001', decision: 'accept' }), /componentId and ruleId/);
      assert.match(error({ componentId: 'a', ruleId: 'TL001', decision: 'ignore' }), /decision must be one of mitigate, accept, not-applicable/);
      assert.match(error({ componentId: 'a', ruleId: 'TL001', decision: 'mitigate', control: 'x', status: 'done' }), /status must be one of planned, implemented, verified/);
      assert.match(error({ componentId: 'a', ruleId: 'TL001', decision: 'accept', reason: 42 }), /reason must be a string/);
    });
  });

  describe('planDecision', () => {
    const r = example('rag-support-bot.mmd');
    const f = r.findings.find((x) => x.status === 'open')!;
    const base = { componentId: f.componentId, ruleId: f.ruleId };

    it('refuses placeholder reasons, controls and owners, bad dates, and findings the file does not have', () => {
      const refused = (input: Parameters<typeof planDecision>[2]) => { const p = planDecision(engine, r, input); return p.kind === 'refused' ? p.message : `not refused: ${p.kind}`; };
      for (const reason of ['', '  ', 'TODO', 'todo: ask Alice', 'TODO: explain why this risk is acceptable']) assert.match(refused({ ...base, decision: 'accept', reason }), /placeholder/, reason);
      assert.match(refused({ ...base, decision: 'not-applicable', reason: 'TODO: explain why this threat does not apply' }), /threat does not apply/);
      assert.match(refused({ ...base, decision: 'mitigate', control: ' ' }), /control is blank or a placeholder/);
      assert.match(refused({ ...base, decision: 'accept', reason: 'Reviewed', owner: 'TODO' }), /owner/);
      assert.match(refused({ ...base, decision: 'accept', reason: 'Reviewed', expires: 'next year' }), /YYYY-MM-DD/);
      assert.match(refused({ componentId: f.componentId, ruleId: 'TL999', decision: 'accept', reason: 'Reviewed' }), new RegExp(`no finding TL999 on "${f.componentId}"; its findings there are .*${f.ruleId}`));
      assert.match(refused({ componentId: 'nobody', ruleId: f.ruleId, decision: 'accept', reason: 'Reviewed' }), /no finding on "nobody"; components with findings: /);
    });

    it('writes the same edit as the quick fix, naming the rule, and is idempotent', () => {
      const plan = planDecision(engine, r, { ...base, decision: 'mitigate', control: f.mitigations[0].stub });
      assert.equal(plan.kind, 'edit');
      if (plan.kind !== 'edit') return;
      const quickFix = findingFixes(r.file, f, engine)[0];
      assert.deepEqual(plan.edits, quickFix.edits);
      assert.deepEqual(plan.lines.map((l) => l.trim()), [`%% @mitigates ${f.componentId} against ${f.ruleId} with "${f.mitigations[0].stub}" (planned)`]);
      const after = engine.analyze(r.file.path, plan.text)!;
      assert.equal(after.findings.find((x) => x.ruleId === f.ruleId && x.componentId === f.componentId)!.status, 'planned');
      assert.equal(planDecision(engine, after, { ...base, decision: 'mitigate', control: f.mitigations[0].stub }).kind, 'unchanged');
    });

    it('replaces the placeholder a quick fix left with the real reason', () => {
      const accept = findingFixes(r.file, f, engine).find((x) => x.kind === 'accept')!;
      const withTodo = engine.analyze(r.file.path, applyEdits(r.file.text, accept.edits))!;
      const plan = planDecision(engine, withTodo, { ...base, decision: 'accept', reason: 'Staff only' });
      assert.equal(plan.kind, 'edit');
      if (plan.kind !== 'edit') return;
      assert.ok(!plan.text.includes('TODO: explain why this risk is acceptable'));
      assert.equal(plan.text.split(`@accepts ${f.componentId} ${f.ruleId} because "Staff only"`).length, 2);
    });
  });

  describe('writtenLines', () => {
    it('gives the whole lines an insertion wrote, in Mermaid with CRLF and in YAML', () => {
      const crlf = 'flowchart LR\r\n  user[User] --> llm[GPT-4o chat model]\r\n';
      const r = engine.analyze('x.mmd', crlf)!;
      const f = r.findings.find((x) => x.componentId === 'llm')!;
      const edits = decisionEdits(r.file, { type: 'accepts', componentId: 'llm', anchor: f.span.start, threat: f.ruleId, reason: 'ok' }, engine);
      const { text, lines } = writtenLines(crlf, edits);
      assert.equal(text, applyEdits(crlf, edits));
      assert.equal(lines.length, 1);
      assert.ok(text.split(/\r\n/).includes(lines[0]), JSON.stringify(lines));
      assert.match(lines[0], /^\s*%% @accepts llm TL\d+ because "ok"$/);
      const y = example('travel-agent.threatlens.yaml');
      const g = y.findings.find((x) => x.status === 'open')!;
      const plan = planDecision(engine, y, { componentId: g.componentId, ruleId: g.ruleId, decision: 'accept', reason: 'Reviewed', owner: 'ops' });
      assert.ok(plan.kind === 'edit');
      for (const l of plan.lines) assert.ok(plan.text.split('\n').includes(l), l);
      assert.ok(plan.lines.some((l) => l.includes(g.ruleId)) && plan.lines.some((l) => l.includes('"Reviewed"')), plan.lines.join('\n'));
    });
  });

  describe('texts', () => {
    it('check lines: a summary, then one line per finding with rule, ids, line, severity, status and the plain words', () => {
      const r = example('rag-support-bot.mmd');
      const lines = checkLines(r, engine.lookup);
      const file = checkedFile(r);
      assert.equal(lines[0], `rag-support-bot.mmd: ${r.findings.length} finding(s), ${file.summary.open} open, ${file.summary.decided} decided, ${r.problems.length} problem(s).`);
      r.findings.forEach((f, i) => {
        const line = lines[i + 1];
        assert.ok(line.startsWith(`rag-support-bot.mmd:${file.findings[i].range.start.line + 1} ${f.severity} ${f.status} ${f.ruleId} ${f.owasp[0] ?? ""}`.trimEnd()), line);
        assert.ok(line.endsWith(f.plain) && f.atlas.every((a) => line.includes(a)), line);
      });
    });

    it('explanations in both voices, for a rule, an OWASP id with or without edition, and an unknown id', () => {
      const rule = engine.rules.find((x) => x.id === 'TL001')!;
      const text = explanationText(explainThreat(engine, 'TL001')!);
      assert.ok(text.includes(`In plain words: ${rule.plain}`) && text.includes(`For the security team: ${rule.security}`));
      for (const m of rule.mitigations) assert.ok(text.includes(`(${m})`), m);
      assert.equal(explainThreat(engine, 'llm01')?.id, `LLM01:${engine.owaspView.defaultEdition}`);
      const asi = explainThreat(engine, 'ASI01:2026')!;
      assert.equal(asi.plain, engine.catalog.owasp.get('ASI01:2026')!.plain);
      assert.ok(asi.rules!.every((id) => engine.rules.find((x) => x.id === id)!.owasp.includes('ASI01:2026')));
      assert.equal(explainThreat(engine, 'TL9999'), undefined);
      assert.match(unknownThreatText(engine, 'LLM1:2025'), /Did you mean LLM01:2025/);
    });
  });

  describe('package.json languageModelTools', () => {
    interface Tool { name: string; toolReferenceName: string; modelDescription: string; userDescription: string; canBeReferencedInPrompt: boolean; inputSchema: { properties: Record<string, { enum?: string[] }>; required?: string[] } }
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { activationEvents: string[]; engines: { vscode: string }; contributes: { languageModelTools: Tool[] } };

    it('declares the tools the extension registers, each activating it', () => {
      assert.deepEqual(pkg.contributes.languageModelTools.map((t) => t.name), Object.values(LM_TOOL));
      for (const t of pkg.contributes.languageModelTools) {
        assert.ok(pkg.activationEvents.includes(`onLanguageModelTool:${t.name}`), t.name);
        assert.ok(t.modelDescription.length > 80 && t.userDescription.length > 20 && t.canBeReferencedInPrompt && /^threatlens[A-Z]/.test(t.toolReferenceName), t.name);
      }
      assert.match(pkg.engines.vscode, /^\^1\.(9[5-9]|1\d\d)\./, 'the tool API is final from VS Code 1.95 on');
    });

    it('the decision tool\'s schema has the fields and values decisionInputOf accepts', () => {
      const propose = pkg.contributes.languageModelTools.find((t) => t.name === LM_TOOL.proposeDecision)!;
      assert.deepEqual(Object.keys(propose.inputSchema.properties).sort(), ['componentId', 'control', 'decision', 'expires', 'file', 'owner', 'reason', 'ruleId', 'status']);
      assert.deepEqual(propose.inputSchema.properties.decision.enum, [...DECISION_KINDS]);
      assert.deepEqual(propose.inputSchema.properties.status.enum, [...DECISION_STATUSES]);
      assert.deepEqual(propose.inputSchema.required, ['componentId', 'ruleId', 'decision']);
    });
  });
});
