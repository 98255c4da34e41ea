import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { isUnrecognised, kindRanker, UNRECOGNISED_CODE } from '../../src/core/inference/recognition';
import { COMPONENT_KINDS } from '../../src/core/model';
import { toBriefing } from '../../src/core/report/briefing';
import { toJsonReport } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { toSarif } from '../../src/core/report/sarif';
import { toText } from '../../src/core/report/text';
import { buildWalkthrough } from '../../src/core/walkthrough';
import { run } from '../../src/cli/main';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-11-23' });
const analyze = (text: string, path = 'x.mmd') => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return r;
};

// A box between a model and a tool, and a cylinder on its own.
const MYSTERY = ['flowchart LR', '    user[Customer] --> llm[GPT-4o]', '    llm --> thing[Mystery box]', '    thing --> search[Web search tool]', '    blob[(Quux)]'].join('\n');

describe('components the engine cannot place', () => {
  it('a box with no evidence is not recognised; start/end markers, decisions and payload boxes are not components', () => {
    const r = analyze(['flowchart TD', '    __start__([__start__]) --> a[Frobnicator]', '    a --> q{Relevant?}', '    q --> p[retrieved chunks]', '    p --> __end__([__end__])'].join('\n'));
    const c = (id: string) => r.file.models[0].components.find((x) => x.id === id);
    assert.equal(isUnrecognised(c('a')!), true);
    for (const id of ['__start__', '__end__', 'q', 'p']) assert.equal(isUnrecognised(c(id)!), false, id);
    assert.deepEqual(r.problems.filter((p) => p.code === UNRECOGNISED_CODE).map((p) => r.file.text.slice(p.span.start, p.span.end)), ['a']);
  });

  it('ranks the kinds to declare by the evidence there is, then offers every other kind once', () => {
    const r = analyze(MYSTERY);
    const model = r.file.models[0];
    const rank = kindRanker(model);
    const thing = model.components.find((c) => c.id === 'thing');
    assert.ok(thing && isUnrecognised(thing));
    const choices = rank(thing);
    assert.equal(choices[0].kind, 'agent', JSON.stringify(choices.slice(0, 3)));
    assert.match(choices[0].reason, /next to (llm "GPT-4o"|tool "Web search tool")/);
    assert.deepEqual([...choices.map((c) => c.kind)].sort(), COMPONENT_KINDS.filter((k) => k !== 'unknown').sort());
    const blob = model.components.find((c) => c.id === 'blob');
    assert.ok(blob);
    if (isUnrecognised(blob)) assert.equal(rank(blob)[0].kind, 'datastore', 'a cylinder is most likely a store');
    const hint = r.problems.find((p) => p.code === UNRECOGNISED_CODE && p.span.start === thing.span.start);
    assert.equal(hint?.severity, 'info');
    assert.equal(hint?.suggestions?.[0], 'agent');
    assert.ok((hint?.suggestions?.length ?? 0) <= 5);
  });

  it('a declared kind ends it', () => {
    const r = analyze(`${MYSTERY}\n    %% @component thing kind=agent`);
    assert.ok(!r.problems.some((p) => p.code === UNRECOGNISED_CODE && r.file.text.slice(p.span.start, p.span.end) === 'thing'));
  });

  it('every report says coverage is incomplete, and the briefing never says "No risks identified"', () => {
    const r = analyze(['flowchart LR', '    a[Frobnicator] --> b[Widget hub]', '    b --> c[Quuxer]'].join('\n'), 'quiet.mmd');
    const n = r.problems.filter((p) => p.code === UNRECOGNISED_CODE).length;
    assert.ok(n >= 2, `${n}`);
    const line = `${n} components not recognised: coverage incomplete`;
    assert.ok(toText([r], engine.lookup).includes(`${line}.`));
    assert.ok(toMarkdown([r], engine.lookup).includes(`**${line}.**`));
    assert.equal(toJsonReport([r], 't').summary.unrecognised, n);
    const sarif = toSarif([r], engine.rules, engine.lookup, 't') as { runs: { properties: { coverage: string; unrecognisedComponents: number } }[] };
    assert.deepEqual(sarif.runs[0].properties, { coverage: 'incomplete', unrecognisedComponents: n });
    const brief = toBriefing(buildWalkthrough(r, catalog, engine.lookup), { path: 'quiet.mmd', date: '2026-11-23', workshop: false });
    assert.ok(!/No risks identified/.test(brief), brief);
    assert.match(brief, /not recognised/);
    const out: string[] = [];
    run(['check', 'examples/rag-support-bot.mmd', '--format', 'pr-comment', '--fail-on', 'none'], process.cwd(), { out: (s) => out.push(s), err: () => {} });
    assert.match(out.join(''), /\*\*1 component not recognised: coverage incomplete\.\*\*/);
  });

  it('a recognised model reports complete coverage', () => {
    const r = analyze(['flowchart LR', '    user[Customer] --> llm[GPT-4o]'].join('\n'));
    assert.equal(toJsonReport([r], 't').summary.unrecognised, 0);
    assert.ok(!toText([r], engine.lookup).includes('not recognised'));
    const sarif = toSarif([r], engine.rules, engine.lookup, 't') as { runs: { properties: { coverage: string } }[] };
    assert.equal(sarif.runs[0].properties.coverage, 'complete');
  });

  it('ranking stays linear: a hub with 20,000 unknown neighbours', () => {
    const lines = ['flowchart LR', '    hub[GPT-4o]'];
    for (let i = 0; i < 20000; i++) lines.push(`    hub --> n${i}[Zorb ${i}]`);
    const t0 = performance.now();
    const r = analyze(lines.join('\n'));
    const ms = performance.now() - t0;
    assert.ok(r.problems.some((p) => p.code === UNRECOGNISED_CODE));
    assert.ok(ms < 20000, `${ms.toFixed(0)} ms`);
  });
});
