/**
 * The generalisation corpus (test/corpus/generalisation/, see its README): labels are well formed,
 * and the tuning part stays above floors measured when the corpus was added.
 *
 * Held-out figures are never asserted here, nor looked at diagram by diagram: asserting them would
 * turn the held-out part into a tuning target.
 */
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { checkLabels, loadCorpus, pairKey, ratio, readSplit, scoreCorpus, scoreEntry, type CorpusEntry } from '../../scripts/eval';

const entries = loadCorpus();

/**
 * Floors per folder of this part of the corpus, a few points under the tuning figures measured
 * when the labels were finished (npm run eval, no split yet: kinds 43.7 / 20.5 / 43.7 %, recall
 * 54.0 / 17.9 / 63.2 %, precision 58.8 / 46.2 / 57.8 %, must-not 0.3 / 0 / 0 % for flowchart /
 * langgraph / markdown). The margin leaves room for the random split; re-measure once it exists.
 * Held-out figures are never asserted.
 */
const FLOORS: Record<string, { kindsRight: number; recall: number; precision: number; mustNotAtMost: number }> = {
  flowchart: { kindsRight: 0.56, recall: 0.5, precision: 0.52, mustNotAtMost: 0.03 },
  langgraph: { kindsRight: 0.74, recall: 0.15, precision: 0.3, mustNotAtMost: 0.05 },
  markdown: { kindsRight: 0.58, recall: 0.5, precision: 0.5, mustNotAtMost: 0.03 },
};

describe('generalisation corpus', () => {
  it('has diagrams of every type this part collects', () => {
    for (const type of ['flowchart', 'langgraph', 'markdown']) {
      assert.ok(entries.some((e) => e.type === type), `no labelled ${type} diagram`);
    }
  });

  it('has well-formed labels that match the diagrams as the parser reads them', () => {
    const problems = entries.flatMap((e) => checkLabels(e).map((p) => `${e.rel}: ${p}`));
    assert.deepEqual(problems, []);
  });

  it('names only diagrams that exist in the split, when there is one', () => {
    const split = readSplit();
    if (!split) return;
    const known = new Set(entries.map((e) => e.rel));
    assert.deepEqual(split.heldOut.filter((rel) => !known.has(rel)), []);
  });

  it('keeps the tuning part above its floors', function () {
    this.timeout(120_000);
    const { tuning } = scoreCorpus(entries, readSplit());
    const failures: string[] = [];
    for (const [type, floor] of Object.entries(FLOORS)) {
      const t = tuning.byType[type];
      if (!t) continue;
      const got = {
        kindsRight: ratio(t.kindsRight, t.components) ?? 0,
        recall: ratio(t.obviousFound, t.obvious) ?? 0,
        precision: ratio(t.reportedRight, t.reportedLabelled) ?? 0,
        mustNot: ratio(t.mustNotHits, t.reported) ?? 0,
      };
      if (got.kindsRight < floor.kindsRight) failures.push(`${type}: kinds right ${got.kindsRight.toFixed(3)} < ${floor.kindsRight}`);
      if (got.recall < floor.recall) failures.push(`${type}: recall ${got.recall.toFixed(3)} < ${floor.recall}`);
      if (got.precision < floor.precision) failures.push(`${type}: precision ${got.precision.toFixed(3)} < ${floor.precision}`);
      if (got.mustNot > floor.mustNotAtMost) failures.push(`${type}: must-not hits ${got.mustNot.toFixed(3)} > ${floor.mustNotAtMost}`);
    }
    assert.deepEqual(failures, []);
  });
});

describe('corpus scoring', () => {
  const engine = new Engine();
  const text = ['flowchart LR', '  U[User] --> A[Support agent using GPT-4o]', '  A --> D[(Vector DB)]', '  A --> X[Reply]', ''].join('\n');
  const entry = (labels: Partial<CorpusEntry>): CorpusEntry => ({
    rel: 'flowchart/000-test.mmd', type: 'flowchart', text, obvious: [], defensible: [], mustNot: [], raw: {},
    components: new Map(), ...labels,
  });

  it('counts a kind right only when it equals the label, and a missing component as wrong', () => {
    const probe = scoreEntry(entry({ components: new Map([['U', { kind: 'user' }]]) }), engine);
    const gotUser = probe.wrongKinds.length === 0;
    const s = scoreEntry(entry({ components: new Map([['U', { kind: 'user' }], ['Z', { kind: 'llm' }], ['X', { kind: 'none' }]]) }), engine);
    assert.equal(s.tally.components, 2);
    assert.equal(s.tally.kindsRight, gotUser ? 1 : 0);
    assert.ok(s.wrongKinds.some((w) => w.id === 'Z' && w.got === '(not produced)'));
  });

  it('splits reported pairs into right, false positives, must-not hits and unlabelled', () => {
    const all = scoreEntry(entry({ components: new Map([['U', { kind: 'user' }], ['A', { kind: 'agent' }], ['D', { kind: 'vector-store' }], ['X', { kind: 'none' }]]) }), engine);
    const reported = all.falsePositives.filter((p) => !p.startsWith('D '));
    assert.ok(reported.length > 0, 'the probe diagram should draw findings');
    const [first, ...rest] = reported;
    const [component, owasp] = first.split(' ');
    const s = scoreEntry(entry({
      components: new Map([['U', { kind: 'user' }], ['A', { kind: 'agent' }], ['X', { kind: 'none' }]]),
      obvious: [first, pairKey('A', 'LLM99:2025')],
      mustNot: rest.slice(0, 1),
    }), engine);
    assert.ok(!s.missed.includes(first), `${component} ${owasp} was reported, so it is not missed`);
    assert.ok(s.missed.includes(pairKey('A', 'LLM99:2025')));
    assert.equal(s.tally.obviousFound, 1);
    assert.deepEqual(s.mustNotHits, rest.slice(0, 1));
    assert.equal(s.tally.reported, s.tally.reportedLabelled + s.tally.unlabelled);
    assert.ok(s.unlabelled.every((p) => p.startsWith('D ')), 'pairs on the unlabelled D are set apart');
  });

  it('numbers Markdown fences in file order, counting fences the parser does not read', () => {
    const md = ['# Notes', '```mermaid', 'pie title Share', '  "a" : 1', '```', '', '```mermaid', 'flowchart LR', '  A[User] --> B[LLM]', '```', ''].join('\n');
    const base: CorpusEntry = { rel: 'markdown/000-test.md', type: 'markdown', text: md, obvious: [], defensible: [], mustNot: [], raw: {}, components: new Map() };
    assert.deepEqual(checkLabels({ ...base, components: new Map([['2/A', { kind: 'user' }], ['2/B', { kind: 'llm' }]]) }), []);
    const wrong = checkLabels({ ...base, components: new Map([['1/A', { kind: 'user' }], ['1/B', { kind: 'llm' }]]) });
    assert.ok(wrong.some((p) => p.startsWith('1/A: labelled, but')) && wrong.some((p) => p.startsWith('2/A: an edge endpoint')), JSON.stringify(wrong));
    const s = scoreEntry({ ...base, components: new Map([['2/A', { kind: 'user' }], ['2/B', { kind: 'llm' }]]) }, engine);
    assert.ok(s.unlabelled.length === 0 && [...s.falsePositives].every((p) => p.startsWith('2/')), JSON.stringify(s));
  });

  it('rejects labels that do not fit the diagram', () => {
    const problems = checkLabels(entry({
      components: new Map([['U', { kind: 'person' }], ['A', { kind: 'agent' }], ['Q', { kind: 'llm' }]]),
      obvious: [pairKey('X', 'LLM01:2025'), pairKey('A', 'LLM01')],
      mustNot: [pairKey('X', 'LLM01:2025')],
    }));
    for (const needle of ['unknown kind "person"', 'Q: labelled, but the parser', 'D: an edge endpoint with no label', 'names an unlabelled component', 'is not LLM01..LLM10:2025', 'in both obvious and must_not']) {
      assert.ok(problems.some((p) => p.includes(needle)), `expected a problem containing "${needle}" in ${JSON.stringify(problems)}`);
    }
  });
});
