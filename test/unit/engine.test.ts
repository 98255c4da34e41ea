import { strict as assert } from 'node:assert';
import { analyzeModel, type ThreatCatalogView } from '../../src/core/analysis/analyze';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { resolveKinds } from '../../src/core/inference/infer';
import { ruleSchema, type Rule } from '../../src/core/rules/schema';
import { score, severityOf } from '../../src/core/analysis/score';
import { fingerprint } from '../../src/core/analysis/fingerprint';

function rule(partial: Record<string, unknown>): Rule {
  return ruleSchema.parse({
    id: 'T1', title: 'test rule', owasp: ['LLM01:2025'], atlas: ['AML.T0051'], stride: ['T'], likelihood: 4, impact: 4,
    mitigations: ['m1'], plain: 'plain words here', security: 'security words here', ...partial,
  });
}

function view(rules: Rule[]): ThreatCatalogView {
  return {
    rules,
    mitigation: (id) => ({ id, name: `name ${id}`, stub: `stub ${id}` }),
    resolveThreat: (ref) => {
      const r = ref === 'LLM01' ? 'LLM01:2025' : ref;
      return ['LLM01:2025', 'LLM09:2025', 'AML.T0051', 'T1', 'T2'].includes(r) ? [r] : undefined;
    },
    threatIds: () => ['LLM01:2025', 'LLM09:2025', 'AML.T0051', 'T1'],
  };
}

function run(src: string, rules: Rule[], today = '2026-11-23') {
  const { model } = parseMermaid(src);
  resolveKinds(model);
  return analyzeModel(model, view(rules), { today });
}

const untrustedToLlm = rule({ match: { path: { from: { untrusted: true }, to: { kind: ['llm'] } } } });

describe('rule engine', () => {
  it('finds transitive paths and records the evidence in order', () => {
    const r = run('flowchart LR\n  u[Customer] --> api[Backend API] --> o[Orchestrator service] --> llm[GPT-4o]\n', [untrustedToLlm]);
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.findings[0].evidence.map((e) => e.componentId), ['u', 'api', 'o', 'llm']);
    assert.equal(r.findings[0].componentId, 'llm');
  });

  it('cuts paths at an avoided component, such as a guardrail', () => {
    const guarded = rule({ match: { path: { from: { untrusted: true }, to: { kind: ['llm'] }, avoiding: { kind: ['guardrail'] } } } });
    assert.equal(run('flowchart LR\n  u[User] --> g[Llama Guard] --> llm[GPT-4o]\n', [guarded]).findings.length, 0);
    assert.equal(run('flowchart LR\n  u[User] --> g[Llama Guard] --> llm[GPT-4o]\n  u --> llm\n', [guarded]).findings.length, 1);
  });

  it('honours maxHops, flowText and crossesBoundary', () => {
    const short = rule({ match: { path: { from: { untrusted: true }, to: { kind: ['llm'] }, maxHops: 1 } } });
    assert.equal(run('flowchart LR\n  u[User] --> a[Backend] --> llm[GPT-4o]\n', [short]).findings.length, 0);
    const upload = rule({ match: { path: { from: { untrusted: true }, to: { kind: ['vector-store'] }, flowText: ['upload'] } } });
    assert.equal(run('flowchart LR\n  u[User] -->|uploads PDF| i[Ingestion] --> v[(Pinecone)]\n', [upload]).findings.length, 1);
    assert.equal(run('flowchart LR\n  u[User] -->|asks| i[Ingestion] --> v[(Pinecone)]\n', [upload]).findings.length, 0);
    const crossing = rule({ match: { path: { from: { kind: ['agent'] }, to: { kind: ['agent'] }, crossesBoundary: true } } });
    assert.equal(run('flowchart LR\n  subgraph a\n    p[Planner agent]\n  end\n  subgraph b\n    w[Worker agent]\n  end\n  p --> w\n', [crossing]).findings.length, 1);
    assert.equal(run('flowchart LR\n  subgraph a\n    p[Planner agent]\n    w[Worker agent]\n  end\n  p --> w\n', [crossing]).findings.length, 0);
  });

  it('evaluates requires and unless conditions', () => {
    const noMonitor = rule({ match: { component: { kind: ['llm'] } }, unless: [{ neighbor: { select: { kind: ['monitoring'] }, hops: 2 } }, { property: ['logging'] }] });
    assert.equal(run('flowchart LR\n  llm[GPT-4o]\n', [noMonitor]).findings.length, 1);
    assert.equal(run('flowchart LR\n  llm[GPT-4o] --> x[Proxy] --> m[Langfuse]\n', [noMonitor]).findings.length, 0);
    assert.equal(run('flowchart LR\n  llm[GPT-4o]\n  %% @component llm logging=langsmith\n', [noMonitor]).findings.length, 0);
    assert.equal(run('flowchart LR\n  llm[GPT-4o]\n  %% @component llm logging=no\n', [noMonitor]).findings.length, 1);
    const withTools = rule({ match: { component: { kind: ['agent'] } }, requires: [{ neighbor: { select: { kind: ['tool'] }, direction: 'out' } }] });
    assert.equal(run('flowchart LR\n  a[Agent] --> t[Email tool]\n', [withTools]).findings.length, 1);
    assert.equal(run('flowchart LR\n  t[Email tool] --> a[Agent]\n', [withTools]).findings.length, 0);
  });

  it('treats public boundaries and properties as untrusted sources', () => {
    const r = run('flowchart LR\n  subgraph internet [Public Internet]\n    w[Partner webhook]\n  end\n  w --> llm[GPT-4o]\n', [untrustedToLlm]);
    assert.equal(r.findings.length, 1);
    const p = run('flowchart LR\n  w[Partner webhook] --> llm[GPT-4o]\n  %% @component w exposure=public\n', [untrustedToLlm]);
    assert.equal(p.findings.length, 1);
    assert.equal(run('flowchart LR\n  w[Partner webhook] --> llm[GPT-4o]\n', [untrustedToLlm]).findings.length, 0);
  });

  it('ignores invisible links and follows both directions of <-->', () => {
    assert.equal(run('flowchart LR\n  u[User] ~~~ llm[GPT-4o]\n', [untrustedToLlm]).findings.length, 0);
    assert.equal(run('flowchart LR\n  llm[GPT-4o] <--> u[User]\n', [untrustedToLlm]).findings.length, 1);
  });

  it('applies decisions: planned, mitigated, accepted, expired, not applicable', () => {
    const base = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
    const status = (extra: string) => run(base + extra, [untrustedToLlm]).findings[0].status;
    assert.equal(status(''), 'open');
    assert.equal(status('  %% @mitigates llm against LLM01 with "x"\n'), 'planned');
    assert.equal(status('  %% @mitigates llm against LLM01:2025 with "x" (implemented)\n'), 'mitigated');
    assert.equal(status('  %% @mitigates llm against AML.T0051 with "x" (verified)\n'), 'mitigated');
    assert.equal(status('  %% @mitigates llm against T1 with "x" (implemented)\n'), 'mitigated');
    assert.equal(status('  %% @accepts llm LLM01 because "demo only" expires=2027-01-01\n'), 'accepted');
    assert.equal(status('  %% @not-applicable llm LLM01 because "no user text"\n'), 'not-applicable');
    const expired = run(`${base}  %% @accepts llm LLM01 because "demo only" expires=2026-01-01\n`, [untrustedToLlm]);
    assert.equal(expired.findings[0].status, 'open');
    assert.ok(expired.problems.some((p) => p.code === 'annotation/expired'));
  });

  it('reports annotations on unknown nodes and threats with near matches', () => {
    const r = run('flowchart LR\n  u[User] --> llm[GPT-4o]\n  %% @mitigates lm against LLM01 with "x"\n  %% @accepts llm LLM1 because "y"\n  %% @accepts llm LLM09:2025 because "z"\n', [untrustedToLlm]);
    const node = r.problems.find((p) => p.code === 'annotation/unknown-node');
    assert.ok(node);
    assert.deepEqual(node.suggestions?.[0], 'llm');
    const threat = r.problems.find((p) => p.code === 'annotation/unknown-threat');
    assert.ok(threat?.suggestions?.includes('LLM01:2025'), JSON.stringify(threat));
    assert.ok(r.problems.some((p) => p.code === 'annotation/unused'));
  });

  it('scores with the documented formula and bands', () => {
    assert.equal(score(5, 5), 10);
    assert.equal(score(4, 4), 8);
    assert.equal(score(3, 3), 6);
    assert.equal(score(1, 1), 2);
    assert.deepEqual([9, 8.9, 7, 6.9, 4, 3.9].map(severityOf), ['critical', 'high', 'high', 'medium', 'medium', 'low']);
    const pub = run('flowchart LR\n  u[User] --> llm[GPT-4o]\n  %% @component llm exposure=public data=pii\n', [untrustedToLlm]);
    assert.equal(pub.findings[0].likelihood, 5);
    assert.equal(pub.findings[0].impact, 5);
  });

  it('fingerprints depend on rule and component only', () => {
    const a = run('flowchart LR\n  u[User] --> llm[GPT-4o]\n', [untrustedToLlm]).findings[0];
    const b = run('flowchart LR\n\n\n  x[Other thing renamed]\n  u[Customer] --> llm[GPT-4o mini]\n', [untrustedToLlm]).findings[0];
    assert.equal(a.fingerprint, b.fingerprint);
    assert.equal(a.fingerprint, fingerprint('T1', 'llm'));
    assert.notEqual(fingerprint('T1', 'llm'), fingerprint('T1', 'llm2'));
  });

  it('stays linear: a long chain with many flows analyses quickly', () => {
    const lines = ['flowchart LR', '  u0[User]'];
    for (let i = 1; i < 3000; i++) lines.push(`  u${i - 1} --> u${i}[Service ${i}]`, `  u${i} --> llm[GPT-4o]`);
    const t0 = Date.now();
    const r = run(lines.join('\n'), [rule({ match: { path: { from: { untrusted: true }, to: { kind: ['llm'] }, maxHops: 20 } } })]);
    assert.equal(r.findings.length, 1);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  });
});
