import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { CATALOG_DATA } from '../../src/core/catalog/generated';
import { Engine } from '../../src/core/engine';
import { buildCompliance, type ComplianceReport } from '../../src/core/governance/build';
import { crosswalkOf } from '../../src/core/governance/crosswalk';
import { toComplianceMarkdown } from '../../src/core/governance/markdown';
import type { FileResult } from '../../src/core/report/types';
import { run } from '../../src/cli/main';

const engine = new Engine(loadBuiltinCatalog(), { today: '2026-12-01' });
const analyze = (path: string, text = readFileSync(path, 'utf8')): FileResult => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return r;
};
const group = (report: ComplianceReport, id: string) => {
  const g = report.groups.find((x) => x.obligation.id === id);
  assert.ok(g, id);
  return g;
};
const ids = (report: ComplianceReport, id: string) => group(report, id).entries.map((e) => `${e.ruleId}@${e.componentId}`).sort();
function runCli(args: string[]) {
  let out = '';
  let err = '';
  const code = run(args, process.cwd(), { out: (x) => { out += x; }, err: (x) => { err += x; } });
  return { code, out, err };
}

describe('compliance report (src/core/governance)', () => {
  it('RAG bot: every finding is under risk management, decisions keep their owner and date, GDPR only near the ticket database', () => {
    const r = analyze('examples/rag-support-bot.mmd');
    const report = buildCompliance([r]);
    assert.equal(report.findings, r.findings.length);
    assert.deepEqual(ids(report, 'EU-AI-ACT-9'), r.findings.map((f) => `${f.ruleId}@${f.componentId}`).sort(), 'Article 9 holds every finding');
    // The accepted grounding risk bears on human oversight and keeps its owner and review date.
    const oversight = group(report, 'EU-AI-ACT-14').entries.find((e) => e.ruleId === 'TL036');
    assert.equal(oversight?.status, 'accepted');
    assert.equal(oversight?.decisions.find((d) => d.type === 'accepts')?.owner, 'support-lead');
    assert.equal(oversight?.decisions.find((d) => d.type === 'accepts')?.expires, '2027-06-30');
    assert.equal(group(report, 'EU-AI-ACT-15').entries.find((e) => e.ruleId === 'TL001')?.status, 'mitigated');
    // The model can reach the ticket database (data=pii) through the orchestrator: GDPR applies to it.
    assert.ok(ids(report, 'GDPR-32').includes('TL030@llm'), ids(report, 'GDPR-32').join());
    // Ingestion is three flows from the tickets and its finding's path does not pass through them.
    const gdpr = report.groups.filter((g) => g.obligation.instrument === 'gdpr').flatMap((g) => g.entries.map((e) => e.componentId));
    assert.ok(r.findings.some((f) => f.componentId === 'ingest'));
    assert.ok(!gdpr.includes('ingest'), gdpr.join());
    const counts = group(report, 'EU-AI-ACT-9').counts;
    assert.equal(counts.open + counts.planned + counts.mitigated + counts.accepted + counts['not-applicable'], r.findings.length);

    const md = toComplianceMarkdown(report);
    assert.match(md, /^## EU AI Act Article 15: Accuracy, robustness and cybersecurity$/m);
    assert.match(md, /^## GDPR Article 32: Security of processing$/m);
    assert.match(md, /\| `TL036` .+ \| accepted \| accepted .+owner support-lead, until 2027-06-30/);
    assert.match(md, /personal data is held by `tickets`/);
    assert.match(md, /1 component not recognised/, 'the unrecognised Support API is said, not hidden');
    assert.match(md, /whether this system is one \(Article 6 and Annex III\) is for the team to decide/);
  });

  it('federated learning: no model node, but training pipelines make it an AI system; training on typed text bears on GDPR Article 5', () => {
    const report = buildCompliance([analyze('examples/federated-learning.mmd')]);
    const ai = report.instruments.find((i) => i.id === 'eu-ai-act');
    assert.ok(ai && ai.findings === report.findings && report.findings > 0);
    assert.ok(ids(report, 'EU-AI-ACT-10').includes('TL020@local'));
    assert.ok(ids(report, 'GDPR-5').some((x) => x.startsWith('TL031@')));
    assert.ok(ids(report, 'EU-AI-ACT-17').includes('TL022@agg'), 'an ungated training run bears on the quality management system');
    const md = toComplianceMarkdown(report);
    assert.match(md, /personal data is held by `typed`/);
    assert.match(md, /^## Obligations with no finding$/m);
  });

  it('a diagram with no AI component says there is no AI system and maps nothing', () => {
    const text = ['flowchart LR', '  user[Shopper] --> web[Web shop]', '  web --> api[Order service]', '  api --> db[(Orders database)]', '  %% @component db data=pii'].join('\n');
    const report = buildCompliance([analyze('shop.mmd', text)]);
    assert.equal(report.findings, 0);
    assert.ok(report.groups.every((g) => g.entries.length === 0));
    const md = toComplianceMarkdown(report);
    assert.match(md, /\*\*EU AI Act\*\*: the diagram shows no model, agent, training pipeline or model registry/);
    assert.match(md, /\*\*GDPR\*\*: personal data is held by `db`, but no finding sits on those components/);
    assert.match(md, /No finding in these files/);
  });

  it('a diagram of unrecognised components says coverage is incomplete and how to declare a model', () => {
    const report = buildCompliance([analyze('odd.mmd', 'flowchart LR\n  a[Zorblax] --> b[Quuxifier]\n')]);
    assert.equal(report.findings, 0);
    assert.equal(report.coverage, '2 components not recognised: coverage incomplete');
    const md = toComplianceMarkdown(report);
    assert.match(md, /\*\*2 components not recognised: coverage incomplete\.\*\*/);
    assert.match(md, /no AI system for its obligations to apply to\. Some components are not recognised: if one is a model or an agent, declare its kind/);
  });

  it('without personal data marked, GDPR obligations are left out and the report says how to mark it', () => {
    const text = ['flowchart LR', '  user[Customer] --> web[Chat widget]', '  web --> llm[GPT-4o chatbot]', '  %% @component web exposure=public'].join('\n');
    const report = buildCompliance([analyze('bot.mmd', text)]);
    assert.ok(report.findings > 0);
    assert.ok(report.groups.filter((g) => g.obligation.instrument === 'gdpr').every((g) => g.entries.length === 0));
    assert.match(toComplianceMarkdown(report), /no component is marked as holding personal data .+ so its obligations are left out/);
  });

  it('with every threat decided, nothing is open and the report says so', () => {
    const base = ['flowchart LR', '  user[Customer] --> web[Chat widget]', '  web --> llm[GPT-4o chatbot]', '  %% @component web exposure=public'];
    const first = analyze('bot.mmd', base.join('\n'));
    assert.ok(first.findings.length > 1);
    const decided = [...base, ...first.findings.map((f, i) => (i % 2
      ? `  %% @accepts ${f.componentId} ${f.ruleId} because "internal pilot with ten testers" owner=cto expires=2027-03-01`
      : `  %% @mitigates ${f.componentId} against ${f.ruleId} with "reviewed control" (implemented)`))];
    const report = buildCompliance([analyze('bot.mmd', decided.join('\n'))]);
    assert.equal(report.counts.open, 0);
    assert.equal(report.counts.accepted + report.counts.mitigated, first.findings.length);
    const md = toComplianceMarkdown(report);
    assert.match(md, /Every finding has a decision/);
    assert.match(md, /every one decided/);
    assert.match(md, /owner cto, until 2027-03-01/);
  });

  it('planned, not-applicable and expired decisions keep their own status in every group', () => {
    const base = ['flowchart LR', '  user[Customer] --> web[Chat widget]', '  web --> llm[GPT-4o chatbot]', '  %% @component web exposure=public'];
    const first = analyze('bot.mmd', base.join('\n'));
    const [a, b, c] = first.findings.filter((f) => f.componentId === 'llm');
    assert.ok(a && b && c, 'three findings on the model');
    const text = [...base,
      `  %% @mitigates llm against ${a.ruleId} with "rate limits at the gateway" (planned)`,
      `  %% @not-applicable llm ${b.ruleId} because "the model never sees customer data"`,
      `  %% @accepts llm ${c.ruleId} because "pilot only" owner=ana expires=2026-01-31`];
    const report = buildCompliance([analyze('bot.mmd', text.join('\n'))]);
    const art9 = group(report, 'EU-AI-ACT-9').entries;
    const status = (ruleId: string) => art9.find((e) => e.ruleId === ruleId && e.componentId === 'llm')?.status;
    assert.equal(status(a.ruleId), 'planned');
    assert.equal(status(b.ruleId), 'not-applicable');
    assert.equal(status(c.ruleId), 'open', 'an acceptance past its date no longer counts');
    const md = toComplianceMarkdown(report);
    assert.match(md, new RegExp(`\\| \`${c.ruleId}\` .+ \\| open \\| accepted, \\*\\*expired\\*\\*: pilot only \\(owner ana, until 2026-01-31\\)`));
    assert.match(md, new RegExp(`\\| \`${a.ruleId}\` .+ \\| planned \\| mitigation \\(planned\\): rate limits at the gateway`));
  });

  it('findings of rules the crosswalk does not know are listed, not dropped', () => {
    const data = CATALOG_DATA.governance;
    const partial = crosswalkOf({ ...data, links: data.links.map((l) => ({ ...l, rules: l.rules.filter((r) => r !== 'TL019') })).filter((l) => l.rules.length) });
    const report = buildCompliance([analyze('examples/rag-support-bot.mmd')], partial);
    assert.deepEqual(report.unmapped.map((e) => e.ruleId), ['TL019']);
    assert.match(toComplianceMarkdown(report), /^## Findings the crosswalk does not cover$/m);
  });

  it('labels from the diagram cannot inject Markdown or HTML', () => {
    const text = ['flowchart LR', '  user[Customer] --> web["<img src=x onerror=alert(1)> [click](https://evil.example) | x"]', '  web --> llm[GPT-4o chatbot]', '  %% @component web exposure=public'].join('\n');
    const md = toComplianceMarkdown(buildCompliance([analyze('bot.mmd', text)]));
    assert.ok(!md.includes('<img'), 'no raw HTML');
    assert.ok(!md.includes('](https://evil'), 'no link');
    for (const row of md.split('\n').filter((l) => l.startsWith('| `'))) assert.equal(row.split(/(?<!\\)\|/).length, 7, `a row keeps its five cells: ${row}`);
  });

  it('CLI: check --format compliance and compliance-json', () => {
    const md = runCli(['check', 'examples/rag-support-bot.mmd', '--format', 'compliance', '--today', '2026-12-01']);
    assert.equal(md.code, 1, 'an open high finding still fails --fail-on high');
    assert.match(md.out, /^# Threatlens compliance report$/m);
    assert.equal(md.out, toComplianceMarkdown(buildCompliance([analyze('examples/rag-support-bot.mmd')])));
    const json = runCli(['check', 'examples/federated-learning.mmd', '--format', 'compliance-json', '--today', '2026-12-01', '--fail-on', 'none']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.out) as { obligations: { id: string; findings: { ruleId: string }[] }[] };
    assert.equal(parsed.obligations.length, CATALOG_DATA.governance.obligations.length);
    assert.ok(parsed.obligations.find((o) => o.id === 'GDPR-5')?.findings.some((f) => f.ruleId === 'TL031'));
  });
});
