/**
 * OWASP editions: the crosswalk covers all twenty current LLM entries, findings list the ids of
 * every enabled edition and list (grouped by risk, headline edition first), the editions and
 * lists shown are chosen by options (settings and CLI flags), and an unqualified id means the
 * configured edition. Ids and names of each edition are checked against the official reference
 * data in catalogAccuracy.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/main';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { counterparts, owaspGroups, DEFAULT_OWASP_VIEW } from '../../src/core/catalog/editions';
import { Engine } from '../../src/core/engine';
import { findingMessage } from '../../src/core/report/messages';

const catalog = loadBuiltinCatalog();
const SQL = 'examples/sql-code-agent.mmd';
const sqlText = readFileSync(SQL, 'utf8');
const analyse = (engine: Engine, path = SQL, text = sqlText) => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return r;
};

describe('OWASP editions', function () {
  it('the crosswalk links every 2025 and 2026 entry to the other edition (exact or partial)', function () {
    const current = [...catalog.owasp.values()].filter((e) => e.list === 'llm');
    assert.equal(current.length, 20);
    for (const e of current) {
      const other = e.edition === 2025 ? 2026 : 2025;
      const links = counterparts(catalog, e.qid).filter((l) => l.toEdition === other);
      assert.equal(links.length, 1, `${e.qid} has one counterpart in ${other}`);
      assert.ok(links[0].match === 'exact' || links[0].match === 'partial');
    }
    // The judgement calls: everything moved but kept its meaning, except System Prompt Leakage.
    const partial = current.filter((e) => e.edition === 2025 && counterparts(catalog, e.qid).some((l) => l.match === 'partial' && l.toEdition === 2026));
    assert.deepEqual(partial.map((e) => e.qid), ['LLM07:2025']);
  });

  it('groups a finding\'s ids by risk, headline edition first (newest by default), Agentic ids as they are', function () {
    assert.deepEqual(DEFAULT_OWASP_VIEW.editions, [2026, 2025], 'both editions, the newer first');
    assert.equal(DEFAULT_OWASP_VIEW.defaultEdition, 2025, 'a bare id in an existing annotation still means 2025');
    assert.deepEqual(owaspGroups(catalog, ['LLM06:2025', 'ASI02:2026'], DEFAULT_OWASP_VIEW), [['LLM03:2026', 'LLM06:2025'], ['ASI02:2026']]);
    assert.deepEqual(owaspGroups(catalog, ['LLM06:2025', 'ASI02:2026'], { ...DEFAULT_OWASP_VIEW, editions: [2025, 2026] }), [['LLM06:2025', 'LLM03:2026'], ['ASI02:2026']]);
    assert.deepEqual(owaspGroups(catalog, ['LLM07:2025'], { ...DEFAULT_OWASP_VIEW, editions: [2025, 2026] }), [['LLM07:2025', 'LLM08:2026']]);
    assert.deepEqual(owaspGroups(catalog, ['LLM03:2026'], { ...DEFAULT_OWASP_VIEW, editions: [2025] }), [['LLM06:2025']]);
    assert.deepEqual(owaspGroups(catalog, ['LLM06:2025', 'ASI02:2026'], { ...DEFAULT_OWASP_VIEW, lists: ['agentic'] }), [['ASI02:2026']]);
  });

  it('findings carry both lists and both editions where both apply (LLM06 and ASI02)', function () {
    const r = analyse(new Engine(catalog, { today: '2026-11-23' }));
    const f = r.findings.find((x) => x.ruleId === 'TL012' && x.componentId === 'agent');
    assert.ok(f);
    assert.deepEqual(f.owasp, ['LLM03:2026', 'LLM06:2025', 'ASI02:2026']);
    assert.deepEqual(f.owaspGroups, [['LLM03:2026', 'LLM06:2025'], ['ASI02:2026']]);
    const message = findingMessage(f, new Engine(catalog).lookup);
    assert.match(message, /^LLM03:2026 Excessive Agency: .+ \(also ASI02:2026\) \[/);
    assert.ok(!message.includes(':2025'), 'one edition in the headline; the other is in the hover');
  });

  it('shows only the editions and lists chosen, and switches off rules of lists that are off', function () {
    const only2025 = analyse(new Engine(catalog, { today: '2026-11-23', owasp: { editions: [2025] } }));
    assert.ok(only2025.findings.every((f) => f.owasp.every((o) => o.endsWith(':2025') || o.startsWith('ASI'))));
    const llmOnly = analyse(new Engine(catalog, { today: '2026-11-23', owasp: { lists: ['llm'] } }));
    assert.ok(llmOnly.findings.length > 0 && llmOnly.findings.every((f) => f.owasp.every((o) => o.startsWith('LLM'))));
    assert.ok(!llmOnly.findings.some((f) => f.ruleId === 'TL043'), 'TL043 cites only ASI02 and is off');
    const agenticOnly = analyse(new Engine(catalog, { today: '2026-11-23', owasp: { lists: ['agentic'] } }));
    assert.ok(agenticOnly.findings.length > 0 && agenticOnly.findings.every((f) => f.owasp.every((o) => o.startsWith('ASI'))));
  });

  it('reads an unqualified id in the configured edition, 2025 by default', function () {
    const text = `${sqlText}\n    %% @mitigates agent against LLM06 with "writes need approval" (implemented)\n`;
    const by2025 = analyse(new Engine(catalog, { today: '2026-11-23' }), SQL, text);
    assert.equal(by2025.findings.find((f) => f.ruleId === 'TL012' && f.componentId === 'agent')?.status, 'mitigated', 'LLM06 = Excessive Agency (2025)');
    const by2026 = analyse(new Engine(catalog, { today: '2026-11-23', owasp: { defaultEdition: 2026 } }), SQL, text);
    assert.equal(by2026.findings.find((f) => f.ruleId === 'TL012' && f.componentId === 'agent')?.status, 'open', 'LLM06:2026 is Unbounded Consumption');
    assert.ok(by2026.findings.some((f) => f.componentId === 'agent' && f.owasp.includes('LLM06:2026') && f.status === 'mitigated'));
  });

  it('a decision written in either edition decides the finding', function () {
    for (const id of ['LLM06:2025', 'LLM03:2026', 'LLM08:2023']) {
      const text = `${sqlText}\n    %% @mitigates agent against ${id} with "writes need approval" (implemented)\n`;
      const r = analyse(new Engine(catalog, { today: '2026-11-23' }), SQL, text);
      assert.equal(r.findings.find((f) => f.ruleId === 'TL012' && f.componentId === 'agent')?.status, 'mitigated', id);
    }
  });

  it('the CLI takes --editions, --default-edition and --catalogs', function () {
    let out = '';
    let err = '';
    const io = { out: (s: string) => { out += s; }, err: (s: string) => { err += s; } };
    assert.equal(run(['check', SQL, '--editions', '2025', '--catalogs', 'llm', '--fail-on', 'none', '--today', '2026-11-23'], process.cwd(), io), 0, err);
    assert.ok(out.includes('LLM06:2025 Excessive Agency:'));
    assert.ok(!/:2026/.test(out), 'no 2026 id and no Agentic id');
    out = '';
    assert.equal(run(['check', SQL, '--editions', '2024'], process.cwd(), io), 2);
    assert.match(err, /--editions must be one of 2026, 2025/);
  });
});
