/**
 * Every entry of the OWASP Top 10 for Agentic Applications (2026) has at least one built-in rule,
 * and an example in examples/ that triggers it. The table is the reviewed list: a rule that stops
 * firing on its example, or an entry left without a rule, fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';

/** ASI entry → rules citing it → the example each one fires on (the component it lands on). */
const COVERAGE: Readonly<Record<string, readonly [rule: string, example: string, component: string][]>> = {
  'ASI01:2026': [['TL042', 'examples/agentic-ops.mmd', 'triage'], ['TL054', 'examples/multi-agent-mcp.md', 'coder'], ['TL013', 'examples/travel-agent.threatlens.yaml', 'assistant']],
  'ASI02:2026': [['TL043', 'examples/agentic-ops.mmd', 'k8s'], ['TL012', 'examples/sql-code-agent.mmd', 'agent'], ['TL011', 'examples/sql-code-agent.mmd', 'agent']],
  'ASI03:2026': [['TL044', 'examples/agentic-ops.mmd', 'fixer'], ['TL014', 'examples/agentic-ops.mmd', 'fixer']],
  'ASI04:2026': [['TL045', 'examples/agentic-ops.mmd', 'k8s'], ['TL046', 'examples/agentic-ops.mmd', 'vendoragent']],
  'ASI05:2026': [['TL047', 'examples/agentic-ops.mmd', 'shell'], ['TL006', 'examples/agentic-ops.mmd', 'shell']],
  'ASI06:2026': [['TL048', 'examples/agentic-ops.mmd', 'mem'], ['TL049', 'examples/sql-code-agent.mmd', 'mem']],
  'ASI07:2026': [['TL050', 'examples/agentic-ops.mmd', 'vendoragent'], ['TL051', 'examples/multi-agent-mcp.md', 'planner']],
  'ASI08:2026': [['TL051', 'examples/agentic-ops.mmd', 'fixer'], ['TL035', 'examples/agentic-ops.mmd', 'triage']],
  'ASI09:2026': [['TL052', 'examples/agentic-ops.mmd', 'fixer']],
  'ASI10:2026': [['TL053', 'examples/agentic-ops.mmd', 'fixer'], ['TL041', 'examples/agentic-ops.mmd', 'triage']],
};

describe('OWASP Agentic Top 10 coverage', function () {
  const catalog = loadBuiltinCatalog();
  const engine = new Engine(catalog, { today: '2026-11-23' });
  const results = new Map<string, ReturnType<Engine['analyze']>>();
  const analysed = (path: string) => {
    if (!results.has(path)) results.set(path, engine.analyze(path, readFileSync(path, 'utf8')));
    const r = results.get(path);
    assert.ok(r, path);
    return r;
  };

  it('lists every entry ASI01–ASI10 of the catalog', function () {
    assert.deepEqual(Object.keys(COVERAGE), catalog.agentic.map((e) => e.qid));
  });

  for (const [asi, rows] of Object.entries(COVERAGE)) {
    it(`${asi}: has rules, each firing on its example`, function () {
      assert.ok(rows.length > 0);
      for (const [rule, example, component] of rows) {
        assert.ok(catalog.ruleById.get(rule)?.owasp.includes(asi), `${rule} cites ${asi}`);
        const hit = analysed(example).findings.find((f) => f.ruleId === rule && f.componentId === component);
        assert.ok(hit, `${rule} fires on ${component} in ${example}`);
        assert.ok(hit.owasp.includes(asi));
      }
    });
  }

  it('every rule citing an ASI entry is in the table', function () {
    const listed = new Set(Object.entries(COVERAGE).flatMap(([asi, rows]) => rows.map(([rule]) => `${asi} ${rule}`)));
    const cited = catalog.rules.flatMap((r) => r.owasp.filter((o) => o.startsWith('ASI')).map((o) => `${o} ${r.id}`));
    const missing = cited.filter((c) => !listed.has(c) && !['ASI05:2026 TL038', 'ASI05:2026 TL008', 'ASI02:2026 TL010'].includes(c));
    assert.deepEqual(missing, []);
  });

  it('examples/agentic-ops.mmd parses cleanly and its decision applies', function () {
    const r = analysed('examples/agentic-ops.mmd');
    assert.deepEqual(r.problems.filter((p) => p.severity !== 'info').map((p) => p.message), []);
    assert.deepEqual(r.problems.map((p) => p.code), []);
    assert.equal(r.findings.find((f) => f.ruleId === 'TL043' && f.componentId === 'k8s')?.status, 'planned');
  });
});
