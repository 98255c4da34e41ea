import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { attackTree, AttackTreeError, buildAttackTree, mermaidText } from '../../src/core/attackTree';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import type { FileResult } from '../../src/core/report/types';
import { diffAgainstOracle, mermaidOracle } from '../helpers/mermaidOracle';

const root = resolve(__dirname, '..', '..');
const engine = new Engine(undefined, { today: '2026-06-01' });
const catalog = loadBuiltinCatalog();

function analyze(name: string): FileResult {
  const r = engine.analyze(`examples/${name}`, readFileSync(resolve(root, 'examples', name), 'utf8'));
  assert.ok(r);
  return r;
}

/** Both parsers read the tree: ours without errors, Mermaid's as a flowchart, and they agree. */
async function assertRenders(tree: string): Promise<void> {
  const ours = parseMermaid(tree);
  assert.deepEqual(ours.problems.filter((p) => p.severity === 'error'), [], tree);
  const oracle = await mermaidOracle(tree);
  assert.equal(oracle.kind, 'flowchart', `${JSON.stringify(oracle)}\n${tree}`);
  if (oracle.kind === 'flowchart') assert.deepEqual(diffAgainstOracle(ours, oracle), [], tree);
}

describe('attack trees', function () {
  this.timeout(60_000);

  it('render in our parser and in Mermaid for every component of every example', async () => {
    for (const name of readdirSync(resolve(root, 'examples')).sort()) {
      const r = engine.analyze(`examples/${name}`, readFileSync(resolve(root, 'examples', name), 'utf8'));
      if (!r) continue;
      for (const c of r.file.models.flatMap((m) => m.components)) {
        await assertRenders(attackTree(r, c.id, undefined, { lookup: engine.lookup }));
      }
    }
  });

  it('has the goal, one OR branch per top threat, steps in ATLAS tactic order and the cuts with status', () => {
    const r = analyze('rag-support-bot.mmd');
    const t = buildAttackTree(r, 'llm');
    assert.ok(t.branches.length >= 3 && t.branches.length <= 6);
    const tacticRank = new Map([...catalog.atlas.tactics.values()].map((x, i) => [x.name, i]));
    for (const b of t.branches) {
      const ranks = b.steps.filter((s) => s.tactic).map((s) => tacticRank.get(s.tactic as string) ?? -1);
      assert.deepEqual(ranks, [...ranks].sort((a, b2) => a - b2), `steps of ${b.finding.ruleId} follow the ATLAS tactic order`);
      for (const s of b.steps) if (s.techniqueId) assert.ok(b.finding.atlas.includes(s.techniqueId));
    }
    const mitigated = t.branches.find((b) => b.finding.owasp.includes('LLM01:2025'));
    assert.ok(mitigated, 'the mitigated prompt-injection branch is shown');
    assert.deepEqual(mitigated.cuts.map((c) => c.status), ['implemented']);
    const accepted = t.branches.find((b) => b.finding.ruleId === 'TL036');
    assert.ok(accepted);
    assert.equal(accepted.cuts[0].status, 'accepted');
    const open = t.branches.find((b) => b.finding.status === 'open');
    assert.ok(open && open.cuts.length > 0 && open.cuts.every((c) => c.status === 'suggested'));

    const text = attackTree(r, 'llm', undefined, { lookup: engine.lookup });
    assert.match(text, /^%% Threatlens attack tree for "llm" in examples\/rag-support-bot\.mmd\nflowchart TB\n {4}g\["Goal: compromise llm \(GPT-4o via Azure OpenAI\)"\]/);
    assert.match(text, /g -->\|OR\| t1\n/);
    assert.match(text, /t\d+c1\["implemented: retrieved chunks wrapped in delimiters/);
    assert.match(text, /class t\d+c\d+(,t\d+c\d+)* suggested/);
  });

  it('marks an expired acceptance as such', () => {
    const later = new Engine(undefined, { today: '2027-07-01' });
    const r = later.analyze('examples/rag-support-bot.mmd', readFileSync(resolve(root, 'examples/rag-support-bot.mmd'), 'utf8'));
    assert.ok(r);
    const t = buildAttackTree(r, 'llm', 'LLM09');
    assert.equal(t.branches.length, 1);
    assert.equal(t.branches[0].finding.status, 'open');
    assert.equal(t.branches[0].cuts[0].status, 'accepted, expired');
  });

  it('picks the component with the riskiest finding, filters by threat and explains unknown names', () => {
    const r = analyze('sql-code-agent.mmd');
    const top = Math.max(...r.findings.filter((f) => f.status === 'open').map((f) => f.score));
    const chosen = buildAttackTree(r).component.id;
    assert.ok(r.findings.some((f) => f.componentId === chosen && f.status === 'open' && f.score === top), chosen);
    const only = buildAttackTree(r, undefined, 'LLM06:2025');
    assert.ok(only.branches.length > 0 && only.branches.every((b) => b.finding.owasp.includes('LLM06:2025')));
    assert.ok(buildAttackTree(r, undefined, 'LLM06').branches.length === only.branches.length, 'unqualified ids mean the 2025 edition');
    assert.throws(() => buildAttackTree(r, 'agnet'), (e: unknown) => e instanceof AttackTreeError && e.suggestions.includes('agent'));
    assert.throws(() => buildAttackTree(r, undefined, 'LLM99'), AttackTreeError);
  });

  it('escapes hostile labels: both parsers read back exactly the text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom('a', 'Z', ' ', '"', '#', '&', '<', '>', '`', '\\', ';', '|', '[', ']', '(', ')', '{', '}', '%', ':', '-', 'é', '\n', 'x') }).filter((s) => s.trim() !== ''), async (label) => {
      const tree = `flowchart TB\n    a["${mermaidText(label)}"]\n`;
      const ours = parseMermaid(tree);
      assert.deepEqual(ours.problems.filter((p) => p.severity === 'error'), []);
      const want = label.replace(/\s+/g, ' ').trim();
      assert.equal(ours.model.components[0].label, want);
      const oracle = await mermaidOracle(tree);
      assert.equal(oracle.kind, 'flowchart');
      if (oracle.kind === 'flowchart') assert.equal(oracle.labels.get('a'), want);
    }), { numRuns: 60 });
  });

  it('renders a YAML model with hostile labels in both parsers', async () => {
    const yaml = [
      'threatlens: 1',
      'components:',
      '  bot: { kind: llm, label: "Bot \\"quoted\\" <img src=x onerror=alert(1)> #hash; `tick` [x](javascript:1)", exposure: public }',
      '  user: { kind: user }',
      'flows:',
      '  - user -> bot',
    ].join('\n');
    const r = engine.analyze('m.threatlens.yaml', yaml);
    assert.ok(r);
    const tree = attackTree(r, 'bot', undefined, { lookup: engine.lookup });
    assert.ok(!tree.includes('<img'));
    await assertRenders(tree);
  });
});
