import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { applyEdits, decisionEdits } from '../../src/core/edits';
import { Engine } from '../../src/core/engine';
import type { ComponentKind } from '../../src/core/model';
import type { FileResult } from '../../src/core/report/types';
import {
  buildWalkthrough, componentStepId, diagramViews, lensesFor, questionsFor, SCOPE_STEP_ID, strideLettersFor, SUMMARY_STEP_ID,
  type ComponentStep, type Walkthrough,
} from '../../src/core/walkthrough';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-11-23' });

function analyze(path: string, text = readFileSync(path, 'utf8')): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

function walk(r: FileResult, done: string[] = []): Walkthrough {
  return buildWalkthrough(r, catalog, engine.lookup, { done });
}

const componentSteps = (w: Walkthrough) => w.steps.filter((s): s is ComponentStep => s.type === 'component');
const EXAMPLES = ['examples/rag-support-bot.mmd', 'examples/sql-code-agent.mmd', 'examples/fine-tuning-pipeline.mmd', 'examples/multi-agent-mcp.md', 'examples/travel-agent.threatlens.yaml'];

describe('walkthrough: steps', function () {
  for (const file of EXAMPLES) {
    it(`${file}: scope, one step per component by risk, summary`, function () {
      const w = walk(analyze(file));
      assert.equal(w.steps[0].id, SCOPE_STEP_ID);
      assert.equal(w.steps[w.steps.length - 1].id, SUMMARY_STEP_ID);
      const steps = componentSteps(w);
      assert.equal(steps.length, w.components.length, 'one step per component');
      assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
      const declared = new Map(w.components.map((c, i) => [c.key, i]));
      // Risk is the top score of all of a component's findings, decided or not, so decisions never move a step.
      const score = (s: ComponentStep) => s.findings.reduce((m, f) => Math.max(m, f.score), 0);
      for (let i = 1; i < steps.length; i++) {
        const [a, b] = [steps[i - 1], steps[i]];
        assert.ok(score(a) > score(b) || (score(a) === score(b) && (declared.get(a.componentKey) ?? 0) < (declared.get(b.componentKey) ?? 0)),
          `${a.componentKey} (${score(a)}) must come before ${b.componentKey} (${score(b)})`);
      }
    });
  }

  it('orders by the highest score, then by declaration; recording decisions never moves a step', function () {
    const text = [
      'flowchart LR',
      '    quiet[Marketing page]',
      '    user[Customer] --> bot[GPT-4o chatbot]',
      '    bot --> runner[Python code interpreter]',
      '    bot --> kb[(Chroma vector store)]',
    ].join('\n');
    const w = walk(analyze('order.mmd', text));
    const order = componentSteps(w).map((s) => s.componentKey);
    const byScore = [...w.components].sort((a, b) => b.openScore - a.openScore);
    assert.equal(order[0], byScore[0].key, 'the riskiest component first');
    const nothingOpen = w.components.filter((c) => c.openScore === 0).map((c) => c.key);
    assert.deepEqual(order.slice(order.length - nothingOpen.length), nothingOpen, 'components with no findings last, in declaration order');
    // Deciding every finding of the first component keeps every step where it was (the team is working on it).
    const first = componentSteps(w)[0];
    let edited = text;
    for (const f of first.findings) {
      const r = analyze('order.mmd', edited);
      edited = applyEdits(edited, decisionEdits(r.file, { type: 'accepts', componentId: f.componentId, anchor: undefined, threat: f.threat, reason: 'test' }, engine));
    }
    const decided = walk(analyze('order.mmd', edited));
    assert.ok(componentSteps(decided)[0].findings.every((f) => f.status !== 'open'), 'all decided');
    assert.deepEqual(componentSteps(decided).map((s) => s.componentKey), order);
  });

  it('keeps components of two diagrams apart (Markdown)', function () {
    const w = walk(analyze('examples/multi-agent-mcp.md'));
    const planners = w.components.filter((c) => c.id === 'planner');
    assert.equal(planners.length, 2, 'planner is in both diagrams');
    assert.notEqual(planners[0].key, planners[1].key);
    for (const p of planners) assert.ok(w.steps.some((s) => s.id === componentStepId(p.key)));
    for (const s of componentSteps(w)) for (const f of s.findings) assert.equal(f.componentKey, s.componentKey);
    // One component drawn twice: each step names its diagram, and both drawings show the same colour.
    const titles = componentSteps(w).map((s) => s.title);
    assert.equal(new Set(titles).size, titles.length, `no two steps read the same: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /^Planner agent \(planner\) · diagram 2$/.test(t)), titles.join(' | '));
    assert.equal(planners[0].highestOpen, planners[1].highestOpen);
    assert.ok(planners[0].highestOpen);
  });
});

describe('walkthrough: what applies to which kind', function () {
  const cases: [ComponentKind, string[], string[]][] = [
    ['llm', ['T', 'R', 'I', 'D', 'E'], ['hallucination', 'non-determinism', 'third-party']],
    ['user', ['S'], ['hallucination']],
    ['vector-store', ['T', 'I', 'D'], []],
    ['agent', ['S', 'R', 'D', 'E'], ['hallucination', 'non-determinism']],
    ['embedding-model', ['I'], ['third-party']],
    ['unknown', [], []],
  ];
  for (const [kind, letters, lenses] of cases) {
    it(`${kind}: STRIDE ${letters.join('') || 'none'}, lenses ${lenses.join(', ') || 'none'}`, function () {
      assert.deepEqual(strideLettersFor(catalog, kind), letters);
      assert.deepEqual(lensesFor(catalog, kind), lenses);
    });
  }

  it('every kind but unknown has its own questions', function () {
    assert.ok(questionsFor(catalog, 'llm').length >= 3);
    assert.notDeepEqual(questionsFor(catalog, 'llm'), questionsFor(catalog, 'agent'));
    assert.deepEqual(questionsFor(catalog, 'unknown'), []);
  });

  it('a step shows the kind\'s categories, lenses and questions, plus any letter its findings cite', function () {
    const w = walk(analyze('examples/rag-support-bot.mmd'));
    for (const s of componentSteps(w)) {
      const c = w.components.find((x) => x.key === s.componentKey);
      assert.ok(c);
      const forKind = strideLettersFor(catalog, c.kind);
      assert.deepEqual(s.stride.filter((x) => x.forKind).map((x) => x.letter), forKind, c.id);
      const cited = new Set(s.findings.flatMap((f) => f.stride.map((r) => r.id)));
      for (const x of s.stride) assert.ok(x.forKind || cited.has(x.letter), `${c.id}: ${x.letter} neither for the kind nor cited`);
      for (const letter of cited) assert.ok(s.stride.some((x) => x.letter === letter), `${c.id}: cited ${letter} missing`);
      for (const l of lensesFor(catalog, c.kind)) assert.ok(s.lenses.some((x) => x.id === l), `${c.id}: lens ${l}`);
      assert.deepEqual(s.questions, questionsFor(catalog, c.kind));
    }
  });

  it('findings carry OWASP, ATLAS and STRIDE names and links, and plain-language explanations', function () {
    const w = walk(analyze('examples/rag-support-bot.mmd'));
    const findings = componentSteps(w).flatMap((s) => s.findings);
    assert.ok(findings.length > 5);
    for (const f of findings) {
      // A threat no OWASP entry covers (missing logs is repudiation) is filed under STRIDE alone.
      assert.ok(f.owasp.length > 0 || f.stride.length > 0, `${f.ruleId}: OWASP or STRIDE refs`);
      assert.ok(f.owasp.every((r) => r.name && /^https:\/\//.test(r.url ?? '')), `${f.ruleId}: OWASP refs`);
      assert.ok(f.atlas.every((r) => r.name && /^https:\/\//.test(r.url ?? '')), `${f.ruleId}: ATLAS refs`);
      assert.ok(f.stride.length > 0 && f.stride.every((r) => r.name), `${f.ruleId}: STRIDE names`);
      assert.ok(f.plain.length > 20 && f.security.length > 20);
      assert.equal(f.threat, f.ruleId, 'decisions name the rule, so each decides one finding');
    }
    const open = (s: ComponentStep) => s.findings.findIndex((f) => f.status !== 'open');
    for (const s of componentSteps(w)) {
      const firstDecided = open(s);
      if (firstDecided >= 0) assert.ok(s.findings.slice(firstDecided).every((f) => f.status !== 'open'), 'open findings first');
    }
  });
});

describe('walkthrough: progress, plan and open items', function () {
  it('counts steps marked done (ignoring unknown ids) and decided findings', function () {
    const r = analyze('examples/rag-support-bot.mmd');
    const fresh = walk(r);
    assert.equal(fresh.progress.stepsDone, 0);
    assert.equal(fresh.progress.stepsTotal, fresh.steps.length);
    const all = componentSteps(fresh).flatMap((s) => s.findings);
    assert.equal(fresh.progress.findingsTotal, all.length);
    assert.equal(fresh.progress.findingsDecided, all.filter((f) => f.status !== 'open').length);
    assert.ok(fresh.progress.findingsDecided >= 2, 'the example has a mitigation and an acceptance');

    const some = walk(r, ['scope', componentSteps(fresh)[0].id, 'component:9:gone', 'scope']);
    assert.deepEqual(some.progress.done, ['scope', componentSteps(fresh)[0].id]);
    assert.equal(some.progress.stepsDone, 2);
  });

  it('a decision written into the file counts as decided and moves into the plan as decided', function () {
    const path = 'examples/rag-support-bot.mmd';
    const text = readFileSync(path, 'utf8');
    const before = walk(analyze(path, text));
    const f = componentSteps(before).flatMap((s) => s.findings).find((x) => x.status === 'open' && x.mitigations.length > 0);
    assert.ok(f);
    const edited = applyEdits(text, decisionEdits(analyze(path, text).file, { type: 'mitigates', componentId: f.componentId, anchor: f.anchor, threat: f.threat, control: 'a control', status: 'implemented' }, engine));
    const after = walk(analyze(path, edited));
    assert.ok(after.progress.findingsDecided > before.progress.findingsDecided);
    const row = after.plan.find((p) => p.findingKey === f.key);
    assert.equal(row?.control, 'a control');
    assert.equal(row?.controlSource, 'decided');
    assert.equal(row?.status, 'mitigated');
  });

  it('the plan lists what is not accepted, highest score first, and the accepted ones are listed apart', function () {
    const w = walk(analyze('examples/rag-support-bot.mmd'));
    for (let i = 1; i < w.plan.length; i++) assert.ok(w.plan[i - 1].score >= w.plan[i].score);
    assert.ok(w.plan.every((p) => p.status !== 'accepted' && p.status !== 'not-applicable'));
    assert.ok(w.plan.filter((p) => p.status === 'open').every((p) => p.controlSource === 'suggested' && p.control.length > 0));
    // The example accepts misinformation (LLM09:2025) on the model.
    assert.deepEqual(w.accepted.map((f) => f.componentId), ['llm']);
    assert.ok(w.accepted[0].owasp.some((r) => r.name === 'Misinformation'));
    assert.equal(w.accepted[0].decisions[0]?.owner, 'support-lead');
  });

  it('open items: unknown kinds, undecided findings, placeholder reasons, steps not done', function () {
    const text = [
      'flowchart LR',
      '    user[Customer] --> bot[GPT-4o chatbot]',
      '    bot --> thing[Frobnicator]',
      '    %% @accepts bot LLM10:2025 because "TODO: explain why this risk is acceptable"',
    ].join('\n');
    const w = walk(analyze('open.mmd', text));
    assert.ok(w.openItems.some((i) => i.type === 'unknown-kind' && i.stepId === 'scope' && i.text.includes('Frobnicator')));
    assert.ok(w.openItems.some((i) => i.type === 'finding' && i.stepId.startsWith('component:0:bot')));
    assert.ok(w.openItems.some((i) => i.type === 'placeholder-reason' && i.text.includes('LLM10:2025')));
    assert.ok(w.openItems.some((i) => i.type === 'step' && i.text.includes('Customer')));
    const doneAll = walk(analyze('open.mmd', text), w.steps.map((s) => s.id));
    assert.ok(!doneAll.openItems.some((i) => i.type === 'step'));
  });
});

describe('walkthrough: drawings', function () {
  it('one drawing per model, mapping every drawn node back to a component', function () {
    for (const file of EXAMPLES) {
      const r = analyze(file);
      const views = diagramViews(r.file);
      assert.equal(views.length, r.file.models.length, file);
      const w = walk(r);
      for (const v of views) {
        const keys = Object.values(v.nodes).sort();
        assert.deepEqual(keys, w.components.filter((c) => c.modelIndex === v.modelIndex).map((c) => c.key).sort(), file);
        assert.ok(Object.keys(v.nodes).every((id) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(id)));
        assert.ok(!/%%\s*@/.test(v.source), 'the drawing leaves annotations out');
      }
    }
  });

  it('keeps the direction written in the diagram', function () {
    assert.match(diagramViews(analyze('examples/sql-code-agent.mmd').file)[0].source, /^flowchart TD$/m);
    assert.match(diagramViews(analyze('examples/rag-support-bot.mmd').file)[0].source, /^flowchart LR$/m);
  });
});
