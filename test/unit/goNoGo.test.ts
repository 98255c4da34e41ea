import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { toBriefing } from '../../src/core/report/briefing';
import { DEFAULT_RELEASE_POLICY, releaseRecommendation, residualRisk, type ReleasePolicy } from '../../src/core/report/goNoGo';
import { buildWalkthrough, type Walkthrough } from '../../src/core/walkthrough';
import type { FindingView } from '../../src/core/walkthrough/types';
import { run } from '../../src/cli/main';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-12-03' });
const walk = (path: string, text = readFileSync(path, 'utf8')): Walkthrough => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return buildWalkthrough(r, catalog, engine.lookup);
};
function runCli(args: string[]) {
  let out = '';
  let err = '';
  const code = run(args, process.cwd(), { out: (x) => { out += x; }, err: (x) => { err += x; } });
  return { code, out, err };
}
const policy = (p: Partial<ReleasePolicy>): ReleasePolicy => ({ ...DEFAULT_RELEASE_POLICY, ...p });
const findingsOf = (w: Walkthrough): FindingView[] => w.steps.flatMap((s) => (s.type === 'component' ? s.findings : []));

const BOT = ['flowchart LR', '  user[Customer] --> web[Chat widget]', '  web --> llm[GPT-4o chatbot]', '  llm --> runner[Python code interpreter]'];

describe('go / no-go and residual risk', function () {
  it('no-go while a high finding is open; the requirement names the threat, the component and a control', function () {
    const w = walk('bot.mmd', BOT.join('\n'));
    const high = findingsOf(w).filter((f) => f.status === 'open' && (f.severity === 'high' || f.severity === 'critical'));
    assert.ok(high.length > 0);
    const r = releaseRecommendation(w);
    assert.equal(r.go, false);
    const open = r.blockers.filter((b) => b.type === 'open');
    assert.equal(open.length, high.length, 'one blocker per open high or critical finding');
    assert.match(open[0].requirement, /^Mitigate TL\d{3} .+ on ".+" \(suggested: .+\), or have its owner accept it with a reason and a review date\.$/);
    // The policy is the user's: blocking on nothing lets the same model through, on low blocks more.
    assert.equal(releaseRecommendation(w, policy({ blockOn: 'none' })).go, true);
    assert.ok(releaseRecommendation(w, policy({ blockOn: 'low' })).blockers.length > open.length);
  });

  it('deciding every blocking finding turns it into a go, and the residual risk falls by the documented weights', function () {
    const w = walk('bot.mmd', BOT.join('\n'));
    const before = residualRisk(findingsOf(w));
    assert.equal(before.residual, before.inherent, 'nothing decided: all of it remains');
    assert.equal(before.percent, 100);
    const blocking = releaseRecommendation(w).blockers.filter((b) => b.type === 'open');
    const text = [...BOT];
    for (const f of findingsOf(w).filter((x) => x.severity === 'high' || x.severity === 'critical')) {
      text.push(`  %% @mitigates ${f.componentId} against ${f.threat} with "sandboxed, allow-listed execution" (implemented)`);
    }
    const after = walk('bot.mmd', text.join('\n'));
    const r = releaseRecommendation(after);
    assert.ok(blocking.length > 0);
    assert.deepEqual(r.blockers.filter((b) => b.type === 'open'), []);
    assert.equal(r.go, true);
    const mitigated = findingsOf(after).filter((f) => f.status === 'mitigated');
    assert.ok(mitigated.length > 0);
    const expected = findingsOf(after).reduce((n, f) => n + f.score * ({ open: 1, accepted: 1, planned: 0.75, mitigated: 0.25, 'not-applicable': 0 })[f.status], 0);
    assert.equal(r.residual.residual, Math.round(expected * 10) / 10);
    assert.ok(r.residual.percent < 100);
  });

  it('an expired acceptance, a placeholder reason and an unrecognised component each block, unless the policy allows them', function () {
    const w0 = walk('bot.mmd', BOT.join('\n'));
    const f = findingsOf(w0).sort((a, b) => b.score - a.score)[0];
    const text = [...BOT, '  api[Frobnicator 3000] --> llm',
      `  %% @accepts ${f.componentId} ${f.threat} because "sandbox reviewed" owner=sec expires=2026-01-01`];
    const w = walk('bot.mmd', text.join('\n'));
    const types = new Set(releaseRecommendation(w, policy({ blockOn: 'none' })).blockers.map((b) => b.type));
    assert.ok(types.has('expired') && types.has('unrecognised'), [...types].join());
    assert.equal(releaseRecommendation(w, policy({ blockOn: 'none', expiredAcceptance: false, unrecognised: false })).go, true);
    const todo = walk('bot.mmd', [...BOT, `  %% @accepts ${f.componentId} ${f.threat} because "TODO: write why"`].join('\n'));
    assert.ok(releaseRecommendation(todo, policy({ blockOn: 'none' })).blockers.some((b) => b.type === 'incomplete'));
  });

  it('the briefing says go or no-go, the residual figure with its method, and what turns a no-go into a go', function () {
    const brief = toBriefing(walk('bot.mmd', BOT.join('\n')), { path: 'bot.mmd', date: '2026-12-03', workshop: false });
    assert.match(brief, /## Recommendation\n\n\*\*No-go\.\*\* \d+ items? must be settled first\. No-go while a high or worse finding is open/);
    assert.match(brief, /Residual risk: \*\*100%\*\* of the identified risk remains/);
    assert.match(brief, /Method: each threat counts its score/);
    assert.match(brief, /### What turns this into a go\n\n- Mitigate TL\d{3}/);
    assert.doesNotMatch(brief, /mark its step done/, 'no workshop chores without a workshop');
    const none = toBriefing(walk('plain.mmd', 'flowchart LR\n  a[Browser] --> b[Web server]\n'), { path: 'plain.mmd', date: '2026-12-03', workshop: false, policy: policy({ unrecognised: false }) });
    assert.match(none, /\*\*Go\.\*\*/);
    assert.match(none, /Residual risk: none identified/);
  });

  it('threatlens brief takes the policy from --block-on and --allow', function () {
    const ok = runCli(['brief', 'examples/rag-support-bot.mmd', '--block-on', 'none', '--allow', 'unrecognised,expired,incomplete', '--today', '2026-12-03']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /\*\*Go\.\*\* Nothing the release policy blocks on is open\. This policy blocks nothing/);
    const strict = runCli(['brief', 'examples/rag-support-bot.mmd', '--block-on', 'medium', '--today', '2026-12-03']);
    assert.match(strict.out, /\*\*No-go\.\*\*/);
    assert.equal(runCli(['brief', 'examples/rag-support-bot.mmd', '--block-on', 'severe']).code, 2);
    assert.equal(runCli(['brief', 'examples/rag-support-bot.mmd', '--allow', 'everything']).code, 2);
  });
});

describe('briefing: honest about coverage', function () {
  it('never says "No risks identified" while components are unrecognised', function () {
    const text = 'flowchart LR\n  a[Frobnicator] --> b[Quux relay]\n';
    const brief = toBriefing(walk('unknown.mmd', text), { path: 'unknown.mmd', date: '2026-12-03', workshop: false });
    assert.doesNotMatch(brief, /No risks identified/);
    assert.match(brief, /\*\*Coverage incomplete\.\*\*/);
    assert.match(brief, /2 components not recognised \(Frobnicator, Quux relay\): coverage incomplete\./);
    assert.match(brief, /\*\*No-go\.\*\*/, 'the default policy blocks on unrecognised components');
  });
});
