import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { attackTree, attackTreeDocument, attackTreeMarkdown, AttackTreeError, buildAttackTree, mermaidText, walk, type AndNode, type AttackTreeModel, type EntryNode, type TreeNode } from '../../src/core/attackTree';
import { ModelGraph } from '../../src/core/analysis/graph';
import { isUntrusted } from '../../src/core/analysis/select';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import type { FileResult } from '../../src/core/report/types';
import { COMPONENT_KINDS } from '../../src/core/model';
import { buildWalkthrough, diagramViews } from '../../src/core/walkthrough';
import { withAttackTrees } from '../../src/core/walkthrough/attackTrees';
import { parseToWebview } from '../../src/shared/walkthroughProtocol';
import { diffAgainstOracle, mermaidOracle } from '../helpers/mermaidOracle';

const root = resolve(__dirname, '..', '..');
const engine = new Engine(undefined, { today: '2026-06-01' });
const catalog = loadBuiltinCatalog();
const OUTCOMES = new Set(['Exfiltration', 'Impact']);
const tacticRank = new Map([...catalog.atlas.tactics.values()].map((x, i) => [x.name, i]));

function analyze(name: string, e = engine): FileResult {
  const r = e.analyze(`examples/${name}`, readFileSync(resolve(root, 'examples', name), 'utf8'));
  assert.ok(r);
  return r;
}

function allExamples(): FileResult[] {
  return readdirSync(resolve(root, 'examples')).sort()
    .map((name) => engine.analyze(`examples/${name}`, readFileSync(resolve(root, 'examples', name), 'utf8')))
    .filter((r): r is FileResult => r !== undefined);
}

const nodes = (t: AttackTreeModel): TreeNode[] => [...walk(t.root)];
const ands = (t: AttackTreeModel): AndNode[] => nodes(t).filter((n): n is AndNode => n.type === 'and');
const findingAnd = (t: AttackTreeModel, ruleId: string): AndNode | undefined => ands(t).find((n) => n.finding?.ruleId === ruleId);

/** Both parsers read the tree: ours without errors, Mermaid's as a flowchart, and they agree. */
async function assertRenders(tree: string): Promise<void> {
  const ours = parseMermaid(tree);
  assert.deepEqual(ours.problems.filter((p) => p.severity === 'error'), [], tree);
  const oracle = await mermaidOracle(tree);
  assert.equal(oracle.kind, 'flowchart', `${JSON.stringify(oracle)}\n${tree}`);
  if (oracle.kind === 'flowchart') assert.deepEqual(diffAgainstOracle(ours, oracle), [], tree);
}

/** The technique steps of an AND node: sequential steps keep the tactic order; OR groups hold alternatives. */
function assertTacticOrder(a: AndNode): void {
  const ranks: number[] = [];
  let outcomes = 0;
  for (const c of a.children) {
    if (c.type === 'step' && c.tactic) {
      ranks.push(tacticRank.get(c.tactic) ?? -1);
      if (OUTCOME_TACTICS_OF(c.tactic)) outcomes++;
    }
    if (c.type === 'or') {
      const tactics = c.children.map((s) => (s.type === 'step' ? s.tactic ?? '' : ''));
      ranks.push(Math.min(...tactics.map((x) => tacticRank.get(x) ?? -1)));
      if (tactics.some(OUTCOME_TACTICS_OF)) outcomes++;
      assert.ok(c.children.length > 1, 'an OR has alternatives');
    }
  }
  assert.deepEqual(ranks, [...ranks].sort((x, y) => x - y), `steps of ${a.text} follow the ATLAS tactic order`);
  assert.equal(new Set(ranks).size, ranks.length, `one sequential step per tactic in ${a.text}`);
  assert.ok(outcomes <= 1, `end results are alternatives, not a chain, in ${a.text}`);
}
const OUTCOME_TACTICS_OF = (t: string) => OUTCOMES.has(t);

describe('attack trees', function () {
  this.timeout(120_000);

  it('render in our parser and in Mermaid for every component of every example, trees and chains', async () => {
    for (const r of allExamples()) {
      for (const c of r.file.models.flatMap((m) => m.components)) {
        await assertRenders(attackTree(r, c.id, undefined, { lookup: engine.lookup }));
        if (r.findings.some((f) => f.componentId === c.id)) await assertRenders(attackTree(r, c.id, undefined, { lookup: engine.lookup, chain: true }));
      }
    }
  });

  it('never writes a placeholder step, and every AND keeps tactics in order with alternatives as OR', () => {
    let checked = 0;
    for (const r of allExamples()) {
      for (const c of r.file.models.flatMap((m) => m.components)) {
        const trees = [buildAttackTree(r, c.id, undefined, { maxThreats: 50 })];
        if (r.findings.some((f) => f.componentId === c.id)) trees.push(buildAttackTree(r, c.id, undefined, { chain: true }));
        for (const t of trees) {
          const text = attackTree(r, c.id, undefined, { chain: t.kind === 'chain', maxThreats: 50 });
          assert.doesNotMatch(text, /Exploit:/, `${r.file.path} ${c.id}`);
          assert.doesNotMatch(text, /Goal: compromise /i);
          for (const a of ands(t)) {
            if (a.finding) assertTacticOrder(a);
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 100, `${checked} AND nodes checked`);
  });

  it('on rag-support-bot: goals as OR, each way in an AND of entry, steps and the missing control', () => {
    const r = analyze('rag-support-bot.mmd');
    const t = buildAttackTree(r, 'llm', undefined, { lookup: engine.lookup });
    assert.equal(t.root.type, 'or');
    const goals = t.root.children;
    assert.ok(goals.length >= 3 && goals.every((g) => g.type === 'goal'));
    assert.ok(goals.some((g) => g.text === "Make GPT-4o via Azure OpenAI follow the attacker's instructions instead of its own"), goals.map((g) => g.text).join('\n'));
    for (const g of goals) {
      assert.ok(g.type === 'goal' && g.children.length > 0 && g.children.every((c) => c.type === 'and' && c.finding?.componentId === 'llm'));
    }
    const open = findingAnd(t, 'TL030');
    assert.ok(open);
    const entry = open.children[0] as EntryNode;
    assert.equal(entry.type, 'entry');
    // The attacker is the customer, who reaches the model through the widget and the orchestrator.
    assert.deepEqual(entry.path, ['customer', 'web', 'api', 'orchestrator', 'llm']);
    assert.match(entry.text, /^Entry: Customer → Support chat widget → \(question\) Support API → RAG orchestrator → \(prompt \+ context\) GPT-4o/);
    assert.deepEqual(open.children.slice(1).map((c) => c.type === 'step' ? c.techniqueId : c.type), ['AML.T0085', 'AML.T0057', 'condition']);
    assert.ok(open.cuts.length > 0 && open.cuts.every((c) => c.status === 'suggested'));

    const text = attackTree(r, 'llm', undefined, { lookup: engine.lookup });
    assert.match(text, /^%% Threatlens attack tree for "llm" in examples\/rag-support-bot\.mmd\nflowchart TB\n {4}g\["OR: Attacks on GPT-4o via Azure OpenAI: any one of these goals"\]/);
    assert.match(text, /\n {4}g -->\|OR\| n\d+\n/);
    assert.match(text, /\n {4}n\d+ -->\|AND 1\| n\d+\n/);
    assert.match(text, /\["1\. Entry: Customer/);
    assert.match(text, /class c\d+(,c\d+)* suggested/);
  });

  it('a federated aggregator is entered the way data reaches it: through a client and its model update', () => {
    const t = buildAttackTree(analyze('federated-learning.mmd'), 'agg', undefined, { lookup: engine.lookup });
    const poisoned = findingAnd(t, 'TL061');
    assert.ok(poisoned);
    const entry = poisoned.children[0] as EntryNode;
    assert.equal(entry.type, 'entry');
    assert.deepEqual(entry.path, ['phone', 'typed', 'local', 'agg']);
    assert.match(entry.text, /\(model update gradients\) Secure aggregation server$/);
  });

  it('puts the techniques of TL033 side by side as alternatives, not in a chain', () => {
    const r = analyze('rag-support-bot.mmd');
    const a = findingAnd(buildAttackTree(r, 'llm', 'TL033'), 'TL033');
    assert.ok(a);
    assert.deepEqual(a.children.map((c) => c.type), ['entry', 'or', 'condition']);
    const or = a.children[1];
    assert.ok(or.type === 'or');
    assert.deepEqual(or.children.map((s) => (s.type === 'step' ? s.techniqueId : '')).sort(), ['AML.T0029', 'AML.T0034.000', 'AML.T0034.001']);
    const text = attackTree(r, 'llm', 'TL033');
    const ids = new Map([...text.matchAll(/^ {4}(n\d+)\["[^"]*\((AML\.T[\d.]+)\)"\]$/gm)].map((m) => [m[2], m[1]]));
    const orId = /^ {4}(n\d+)\["2\. OR: Impact: any one of"\]$/m.exec(text)?.[1];
    assert.ok(orId, text);
    for (const tech of ['AML.T0029', 'AML.T0034.000', 'AML.T0034.001']) {
      assert.ok(text.includes(`    ${orId} -->|OR| ${ids.get(tech)}\n`), `${tech} hangs off the OR gate`);
    }
    assert.doesNotMatch(text, new RegExp(`${ids.get('AML.T0029')} --> `), 'no technique leads on to another');
  });

  it('gives a rule without ATLAS techniques its own attack steps from the rule catalog', () => {
    const r = analyze('rag-support-bot.mmd');
    const a = findingAnd(buildAttackTree(r, 'llm', 'TL040'), 'TL040');
    assert.ok(a);
    const rule = catalog.ruleById.get('TL040');
    assert.ok(rule?.attack && rule.atlas.length === 0);
    assert.deepEqual(a.children.filter((c) => c.type === 'step').map((c) => c.text), rule.attack);
  });

  it('shows a decided finding with its control cutting its branch', () => {
    const r = analyze('rag-support-bot.mmd');
    const t = buildAttackTree(r, 'llm', undefined, { lookup: engine.lookup });
    const mitigated = findingAnd(t, 'TL001');
    assert.ok(mitigated && mitigated.finding?.status === 'mitigated');
    assert.deepEqual(mitigated.cuts, [{ status: 'implemented', text: 'retrieved chunks wrapped in delimiters and never placed in the system role' }]);
    assert.ok(!mitigated.children.some((c) => c.type === 'condition'), 'a cut branch needs no missing control');
    const accepted = findingAnd(t, 'TL036');
    assert.ok(accepted);
    assert.equal(accepted.cuts[0].status, 'accepted');
    const text = attackTree(r, 'llm', undefined, { lookup: engine.lookup });
    const andId = /^ {4}(n\d+)\["AND: LLM01:2026 Prompt Injection: [^"]*mitigated\)"\]$/m.exec(text)?.[1];
    const cutId = /^ {4}(c\d+)\["cut by \(implemented\): retrieved chunks wrapped/m.exec(text)?.[1];
    assert.ok(andId && cutId, text);
    assert.ok(text.includes(`    ${andId} -.->|cut| ${cutId}\n`), 'the control hangs off the AND node of its finding');
    assert.match(text, new RegExp(`class [^\\n]*\\b${cutId}\\b[^\\n]* implemented`));
  });

  it('marks an expired acceptance as such', () => {
    const r = analyze('rag-support-bot.mmd', new Engine(undefined, { today: '2027-07-01' }));
    const t = buildAttackTree(r, 'llm', 'LLM09');
    const a = ands(t);
    assert.equal(a.length, 1);
    assert.equal(a[0].finding?.status, 'open');
    assert.equal(a[0].cuts[0].status, 'accepted, expired');
    assert.ok(a[0].children.some((c) => c.type === 'condition' && /expired/.test(c.text)));
  });

  it('chains across components on rag-support-bot: upload, ingestion, vector store, model, widget', () => {
    const r = analyze('rag-support-bot.mmd');
    const t = buildAttackTree(r, 'web', undefined, { chain: true, lookup: engine.lookup });
    assert.equal(t.kind, 'chain');
    assert.equal(t.root.type, 'goal');
    assert.match(t.root.text, /Support chat widget/);
    const chains = t.root.children;
    assert.ok(chains.length >= 2 && chains.every((c) => c.type === 'and' && !c.finding));
    const stationsOf = (c: TreeNode) => (c.type === 'and' ? c.children.filter((x): x is AndNode => x.type === 'and').map((x) => `${x.componentId}:${x.finding?.ruleId}`) : []);
    const poisoned = chains.find((c) => stationsOf(c).join(' ') === 'ingest:TL019 kb:TL015 llm:TL001 web:TL009');
    assert.ok(poisoned && poisoned.type === 'and', chains.map((c) => stationsOf(c).join(' ')).join('\n'));
    const entry = poisoned.children[0];
    assert.ok(entry.type === 'entry');
    assert.deepEqual(entry.path, ['customer', 'uploads', 'ingest']);
    assert.match(entry.text, /\(upload attachment\) Customer file uploads/);
    // The model's finding is mitigated: the chain shows where it is cut.
    const atModel = poisoned.children.find((x) => x.type === 'and' && x.componentId === 'llm');
    assert.ok(atModel && atModel.type === 'and' && atModel.cuts.some((c) => c.status === 'implemented'));
    const atWidget = poisoned.children[poisoned.children.length - 1];
    assert.ok(atWidget.type === 'and' && atWidget.children[0].type === 'step' && /^Carried on: GPT-4o via Azure OpenAI → \(answer\) RAG orchestrator → \(answer rendered as HTML\) Support chat widget$/.test(atWidget.children[0].text));
    // A direct injection through the widget's question is another way, an alternative.
    assert.ok(chains.some((c) => stationsOf(c).join(' ') === 'llm:TL001 web:TL009'));
    const text = attackTree(r, 'web', undefined, { chain: true });
    assert.match(text, /^%% Threatlens attack chain for "web"/);
    assert.match(text, /\n {4}g -->\|OR\| n\d+\n/);
  });

  it('writes the editor document: the tree, then the chains, each a Mermaid fence with the legend', async () => {
    const r = analyze('rag-support-bot.mmd');
    const md = attackTreeDocument(r, 'web', { lookup: engine.lookup });
    assert.match(md, /^# Attack trees: Support chat widget in examples\/rag-support-bot\.mmd\n\n## Attack tree for Support chat widget \(`web`\)\n/);
    assert.match(md, /\n## Attack chains to Support chat widget \(`web`\)\n/);
    const fences = [...md.matchAll(/```mermaid\n([^]*?)```/g)].map((m) => m[1]);
    assert.equal(fences.length, 2);
    assert.equal(fences[0], attackTree(r, 'web', undefined, { lookup: engine.lookup }));
    assert.equal(fences[1], attackTree(r, 'web', undefined, { lookup: engine.lookup, chain: true }));
    for (const f of fences) await assertRenders(f);
    assert.equal(md.match(/^- \*\*Goal\*\*/gm)?.length, 2);
    // A component without threats has no chain to end at it.
    assert.equal(attackTreeDocument(r, 'customer').match(/```mermaid/g)?.length, 1);
  });

  it('gives each walkthrough step with findings its tree, which the webview protocol carries', async () => {
    for (const name of ['rag-support-bot.mmd', 'multi-agent-mcp.md']) {
      const r = analyze(name);
      const w = withAttackTrees(buildWalkthrough(r, catalog, engine.lookup), r, catalog, engine.lookup);
      const view = { documentUri: `file:///${name}`, fileName: name, walkthrough: w, diagrams: diagramViews(r.file), kinds: COMPONENT_KINDS.filter((k) => k !== 'unknown'), problems: [] };
      const parsed = parseToWebview({ type: 'state', view, stepId: 'scope' });
      assert.ok(parsed && parsed.type === 'state', 'the state with trees passes the protocol');
      let drawn = 0;
      for (const s of parsed.view.walkthrough.steps) {
        if (s.type !== 'component') continue;
        const c = w.components.find((x) => x.key === s.componentKey);
        assert.ok(c);
        assert.equal(s.attackTree !== undefined, s.findings.length > 0, s.componentKey);
        if (!s.attackTree) continue;
        // The tree of that diagram's component, even where an id repeats across diagrams.
        assert.ok(s.attackTree.startsWith(`%% Threatlens attack tree for "${mermaidText(c.id)}"`));
        const own = r.findings.filter((f) => f.componentId === c.id && r.file.models[c.modelIndex].components.some((m) => m.id === c.id && m.span.start === f.span.start));
        for (const f of own.filter((x) => x.status !== 'not-applicable').sort((a, b) => b.score - a.score).slice(0, 1)) assert.ok(s.attackTree.includes(`(${f.ruleId}, `), `${c.key}: ${f.ruleId}`);
        if (drawn++ < 3) await assertRenders(s.attackTree);
      }
      assert.ok(drawn > 2, name);
    }
  });

  it('chains are ways in, not tours: each station once, the target only at the end (unless untrusted)', () => {
    let chains = 0;
    for (const r of allExamples()) {
      for (const c of r.file.models.flatMap((m) => m.components)) {
        if (!r.findings.some((f) => f.componentId === c.id && f.status !== 'not-applicable')) continue;
        const t = buildAttackTree(r, c.id, undefined, { chain: true });
        for (const way of t.root.children) {
          assert.ok(way.type === 'and');
          const stations = way.children.filter((x): x is AndNode => x.type === 'and');
          assert.equal(stations[stations.length - 1].componentId, t.component.id);
          const ids = stations.map((x) => x.componentId);
          assert.equal(new Set(ids).size, ids.length, `${r.file.path} ${c.id}: ${ids.join(' ')}`);
          const entry = way.children[0];
          assert.ok(entry.type === 'entry' && entry.path.length > 0);
          const model = r.file.models.find((m) => m.components.includes(t.component));
          assert.ok(model);
          const passed = entry.path.slice(0, -1).includes(t.component.id) || way.children.some((x) => x.type === 'and' && x.componentId !== t.component.id && x.children.some((y) => y.type === 'step' && y.text.startsWith('Carried on:') && y.text.slice(0, -1).includes(` ${t.component.label} →`)));
          if (passed) assert.ok(isUntrusted(new ModelGraph(model), t.component), `${r.file.path}: only an untrusted target is passed on the way`);
          chains++;
        }
      }
    }
    assert.ok(chains > 20, `${chains} chains`);
    // The agents' example: hijacked triage hands work to the remediation agent, directly or via the memory store.
    const ops = buildAttackTree(analyze('agentic-ops.mmd'), 'fixer', undefined, { chain: true });
    const routes = ops.root.children.map((w) => (w.type === 'and' ? w.children.filter((x): x is AndNode => x.type === 'and').map((x) => x.componentId).join(' ') : ''));
    assert.ok(routes.includes('triage fixer') && routes.includes('triage mem fixer'), routes.join('\n'));
  });

  it('picks the component with the riskiest finding, filters by threat and explains unknown names', () => {
    const r = analyze('sql-code-agent.mmd');
    const top = Math.max(...r.findings.filter((f) => f.status === 'open').map((f) => f.score));
    const chosen = buildAttackTree(r).component.id;
    assert.ok(r.findings.some((f) => f.componentId === chosen && f.status === 'open' && f.score === top), chosen);
    const only = ands(buildAttackTree(r, undefined, 'LLM06:2025'));
    assert.ok(only.length > 0 && only.every((b) => b.finding?.owasp.includes('LLM06:2025')));
    assert.ok(ands(buildAttackTree(r, undefined, 'LLM06')).length === only.length, 'unqualified ids mean the 2025 edition');
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

  it('neutralises quotes, brackets, line breaks, %% and <script> in labels and flow labels, trees and chains', async () => {
    const hostile = 'Bot \\"quoted\\" [x](javascript:1) ]] %% comment\\n<script>alert(1)</script> #hash; `tick`';
    const yaml = [
      'threatlens: 1',
      'components:',
      `  bot: { kind: llm, label: "${hostile}", exposure: public }`,
      `  kb: { kind: vector-store, label: "KB %%{init: {}}%% <script>x</script>" }`,
      '  user: { kind: user, label: "User\\n%% flowchart" }',
      'flows:',
      '  - user -> bot: "ask \\"]\\n%% <script>"',
      '  - bot -> kb: read',
      '  - user -> kb',
    ].join('\n');
    const r = engine.analyze('m.threatlens.yaml', yaml);
    assert.ok(r);
    assert.ok(r.file.models[0].components.find((c) => c.id === 'bot')?.label.includes('<script>'));
    for (const chain of [false, true]) {
      const tree = attackTree(r, 'bot', undefined, { lookup: engine.lookup, chain });
      assert.ok(!/<script|<\/script/i.test(tree), tree);
      assert.deepEqual(tree.split('\n').filter((l) => l.trim().startsWith('%%')), [tree.split('\n')[0]], 'only the header is a comment');
      await assertRenders(tree);
      const ours = parseMermaid(tree);
      assert.ok(ours.model.components.some((c) => c.label.includes('<script>alert(1)</script>')), 'the text reads back as it was, as text');
    }
    const md = attackTreeMarkdown(buildAttackTree(r, 'bot'));
    assert.match(md, /^## Attack tree for Bot /);
    assert.ok(!md.split('```')[0].includes('<script'));
  });
});
