import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../../src/core/engine';
import {
  baselineKeys, diffBaseline, diffReportSchema, diffResults, diffToJson, diffToMarkdown, diffToPrComment, diffToText,
  failingFindings, lineUrl, makeBaseline, normalizeLinkBase, parseBaseline, PR_COMMENT_MARKER, serializeBaseline,
} from '../../src/core/diff';
import type { FileResult } from '../../src/core/report/types';

const root = resolve(__dirname, '..', '..');
const RAG = readFileSync(resolve(root, 'examples/rag-support-bot.mmd'), 'utf8');
const engine = new Engine(undefined, { today: '2026-06-01' });

function analyze(path: string, text: string, e = engine): FileResult {
  const r = e.analyze(path, text);
  assert.ok(r, path);
  return r;
}

/** A pull request on the RAG example: a new agent with a payment tool, decisions, a removed path, an expired acceptance. */
function headText(): string {
  return RAG
    .replace('    customer -->|upload attachment| uploads\n    uploads --> ingest\n', '')
    .replace('    uploads[/Customer file uploads/]\n', '    refunds[[Refund agent]]\n    stripe[Stripe refunds API tool]\n')
    .replace('    orchestrator -->|conversation log| tickets\n', '    orchestrator -->|conversation log| tickets\n    orchestrator -->|refund request| refunds\n    refunds -->|issue refund| stripe\n')
    .replace('expires=2027-06-30', 'expires=2025-12-31')
    .concat('    %% @mitigates kb against LLM08:2025 with "only reviewed articles are indexed" (planned)\n');
}

describe('threat model diff', () => {
  const base = [analyze('docs/rag.mmd', RAG)];
  const head = [analyze('docs/rag.mmd', headText())];
  const d = diffResults(base, head, { base: { label: 'main', kind: 'revision' }, head: { label: 'feature', kind: 'revision' } });

  it('reports new findings highest risk first, on the new component lines', () => {
    assert.ok(d.newFindings.length >= 3);
    assert.ok(d.newFindings.some((x) => x.finding.componentId === 'refunds' && x.finding.owasp.includes('LLM06:2025')));
    for (let i = 1; i < d.newFindings.length; i++) assert.ok(d.newFindings[i - 1].finding.score >= d.newFindings[i].finding.score);
    const refundsLine = headText().split('\n').findIndex((l) => l.includes('refunds[[Refund agent]]')) + 1;
    assert.ok(d.newFindings.filter((x) => x.finding.componentId === 'refunds').every((x) => x.line === refundsLine));
  });

  it('reports status changes, including an acceptance that expired, and resolved findings', () => {
    const kb = d.statusChanges.filter((c) => c.finding.componentId === 'kb');
    assert.ok(kb.length >= 1 && kb.every((c) => c.from === 'open' && c.to === 'planned'));
    const expired = d.statusChanges.find((c) => c.finding.ruleId === 'TL036');
    assert.ok(expired, 'accepted → open');
    assert.equal(expired.from, 'accepted');
    assert.equal(expired.to, 'open');
    assert.equal(expired.expired?.expires, '2025-12-31');
    assert.ok(d.reopened.some((x) => x.finding.ruleId === 'TL036' && x.expired?.owner === 'support-lead'));
    assert.ok(d.resolved.some((r) => r.record.componentId === 'ingest' && r.reason === 'no-longer-applies'));
    assert.ok(d.resolved.every((r) => r.record.line !== undefined));
  });

  it('reports added and removed components and flows', () => {
    assert.deepEqual(d.components.added.map((c) => c.id), ['refunds', 'stripe']);
    assert.deepEqual(d.components.removed.map((c) => c.id), ['uploads']);
    assert.deepEqual(d.flows.added.map((f) => `${f.from}>${f.to}`), ['orchestrator>refunds', 'refunds>stripe']);
    assert.deepEqual(d.flows.removed.map((f) => `${f.from}>${f.to}`).sort(), ['customer>uploads', 'uploads>ingest']);
  });

  it('ignores line moves, comments and rewording of other nodes (fingerprints survive them)', () => {
    const moved = RAG
      .replace('flowchart LR\n', 'flowchart LR\n    %% a comment\n\n\n')
      .replace('[Support API]', '[Customer support REST API]')
      .replace('    customer --> web\n', '\n    customer --> web\n');
    const same = diffResults(base, [analyze('docs/rag.mmd', moved)]);
    assert.equal(same.newFindings.length, 0);
    assert.equal(same.resolved.length, 0);
    assert.equal(same.statusChanges.length, 0);
    assert.equal(same.components.added.length + same.components.removed.length + same.flows.added.length + same.flows.removed.length, 0);
    assert.equal(same.unchanged, base[0].findings.length);
  });

  it('treats added and removed files as all-new and all-resolved', () => {
    const other = analyze('docs/sql.mmd', readFileSync(resolve(root, 'examples/sql-code-agent.mmd'), 'utf8'));
    const added = diffResults(base, [...base, other]);
    assert.equal(added.newFindings.length, other.findings.length);
    assert.deepEqual(added.files.added, ['docs/sql.mmd']);
    const removed = diffResults([...base, other], base);
    assert.equal(removed.resolved.length, other.findings.length);
    assert.ok(removed.resolved.every((r) => r.reason === 'file-removed'));
  });

  it('keeps two diagrams of one Markdown file apart even when they share component ids', () => {
    const fence = 'flowchart LR\n  u[Customer] --> llm[GPT-4o]\n';
    const one = analyze('a.md', `# A\n\n\`\`\`mermaid\n${fence}\`\`\`\n`);
    const two = analyze('a.md', `# A\n\n\`\`\`mermaid\n${fence}\`\`\`\n\n\`\`\`mermaid\n${fence}\`\`\`\n`);
    const x = diffResults([one], [two]);
    assert.equal(x.newFindings.length, one.findings.length);
    assert.equal(x.unchanged, one.findings.length);
  });

  it('counts only new and re-opened findings for --fail-on', () => {
    const failing = failingFindings(d, 'high');
    assert.ok(failing.length > 0);
    assert.ok(failing.every((x) => x.finding.status === 'open' && ['high', 'critical'].includes(x.finding.severity)));
    assert.deepEqual(failingFindings(d, 'none'), []);
    const none = diffResults(base, base);
    assert.deepEqual(failingFindings(none, 'low'), [], 'known open findings do not fail a change that did not touch them');
  });

  it('writes JSON that follows its contract', () => {
    const json = diffToJson(d, '9.9.9');
    const parsed = diffReportSchema.safeParse(JSON.parse(JSON.stringify(json)));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    assert.equal((json.summary as Record<string, number>).new, d.newFindings.length);
  });

  it('writes text with file:line:col lines and the expiry', () => {
    const text = diffToText(d, engine.lookup);
    assert.match(text, /^Threatlens main → feature: \d+ new findings, /);
    assert.match(text, /\ndocs\/rag\.mmd:\d+:\d+ new high TL\d+ LLM\d\d:\d{4} Excessive Agency\b/);
    assert.match(text, /changed accepted -> open \(acceptance expired 2025-12-31\) TL036/);
    assert.match(text, /reopened acceptance expired on 2025-12-31 \(owner support-lead\), open again/);
    assert.match(text, /component added: refunds \(agent\)/);
  });

  it('writes a Markdown report and a short PR comment with line links, refs and fixes', () => {
    const md = diffToMarkdown(d, engine.lookup);
    assert.match(md, /^# Threatlens: threat model changes, `main` → `feature`/);
    assert.match(md, /## New findings\n\n\| Score \|/);
    assert.match(md, /## Accepted risks whose acceptance expired/);
    const pr = diffToPrComment(d, engine.lookup, { linkBase: 'https://github.com/o/r/blob/abc123/' });
    assert.ok(pr.startsWith(PR_COMMENT_MARKER));
    const fold = pr.indexOf('<details>');
    assert.ok(fold > 0 && pr.indexOf('</details>') > fold);
    const above = pr.slice(0, fold);
    assert.ok(above.indexOf('**New risks**') < above.indexOf('**Open again**'), 'new risks first');
    assert.match(above, /1\. \*\*8\.\d high\*\* · \[LLM\d\d:\d{4}\]\(https:\/\/[^)]+\) Excessive Agency: .* · \[docs\/rag\\\.mmd:\d+\]\(https:\/\/github\.com\/o\/r\/blob\/abc123\/docs\/rag\.mmd#L\d+\)/);
    assert.match(above, /ATLAS \[AML\.T\d{4}(\.\d{3})?\]\(https:\/\/atlas\.mitre\.org\/techniques\//);
    assert.match(above, /Suggested fix: \*\*/);
    assert.ok(above.split('\n').length < 60, 'the part above the fold stays short');
  });

  it('escapes hostile labels and refuses unsafe link bases', () => {
    const evil = analyze('x.mmd', 'flowchart LR\n  u[Customer] --> llm["<script>alert(1)</script> [x](javascript:alert(1)) GPT-4o"]\n');
    const x = diffResults([], [evil]);
    for (const out of [diffToMarkdown(x, engine.lookup), diffToPrComment(x, engine.lookup)]) {
      assert.ok(!out.includes('<script>'));
      assert.ok(!/\]\(javascript:/.test(out));
    }
    assert.ok('error' in normalizeLinkBase('javascript:alert(1)'));
    assert.ok('error' in normalizeLinkBase('not a url'));
    assert.deepEqual(normalizeLinkBase('https://github.com/o/r/blob/abc'), { url: 'https://github.com/o/r/blob/abc/' });
    assert.equal(lineUrl('https://x.test/b/', 'docs/a b(1).mmd', 3), 'https://x.test/b/docs/a%20b(1).mmd#L3'.replace('(1)', '%281%29'));
  });
});

describe('baselines', () => {
  const results = [analyze('docs/rag.mmd', RAG), analyze('docs/sql.mmd', readFileSync(resolve(root, 'examples/sql-code-agent.mmd'), 'utf8'))];

  it('round-trips and is byte-stable', () => {
    const b = makeBaseline(results, '1.0.0');
    const text = serializeBaseline(b);
    assert.equal(serializeBaseline(makeBaseline([...results].reverse(), '1.0.0')), text, 'order of the input does not matter');
    const parsed = parseBaseline(text);
    assert.ok('baseline' in parsed);
    assert.equal(parsed.baseline.findings.length, results.reduce((n, r) => n + r.findings.length, 0));
    const e = parsed.baseline.findings[0];
    assert.deepEqual(Object.keys(e).slice(0, 5), ['fingerprint', 'ruleId', 'componentId', 'path', 'owasp']);
  });

  it('leaves known findings out: nothing is new against its own baseline', () => {
    const b = makeBaseline(results, '1.0.0');
    const d = diffBaseline(b, results);
    assert.equal(d.newFindings.length, 0);
    assert.equal(d.statusChanges.length, 0);
    assert.equal(d.unchanged, b.findings.length);
    const withNew = [...results, analyze('docs/new.mmd', 'flowchart LR\n  u[Customer] --> llm[GPT-4o]\n')];
    const d2 = diffBaseline(b, withNew);
    assert.ok(d2.newFindings.length > 0 && d2.newFindings.every((x) => x.path === 'docs/new.mmd'));
  });

  it('reports an acceptance that expired since the baseline as open again', () => {
    const before = makeBaseline([analyze('docs/rag.mmd', RAG, new Engine(undefined, { today: '2026-01-01' }))], '1.0.0');
    const later = [analyze('docs/rag.mmd', RAG, new Engine(undefined, { today: '2027-07-01' }))];
    const d = diffBaseline(before, later);
    const c = d.statusChanges.find((x) => x.finding.ruleId === 'TL036');
    assert.ok(c);
    assert.equal(c.from, 'accepted');
    assert.equal(c.to, 'open');
    assert.equal(c.expired?.expires, '2027-06-30');
    assert.ok(failingFindings(d, 'medium').includes(c));
  });

  it('suppresses baselined findings in a revision diff', () => {
    const base: FileResult[] = [];
    const b = makeBaseline(results, '1.0.0');
    const d = diffResults(base, results, { baseline: b });
    assert.equal(d.newFindings.length, 0);
    assert.equal(d.baselined, b.findings.length);
    assert.equal(baselineKeys(b).size, b.findings.length);
  });

  it('explains a malformed baseline by field', () => {
    const bad = parseBaseline('{"threatlensBaseline":"1","findings":[{"fingerprint":"zz"}]}', 'b.json');
    assert.ok('error' in bad);
    assert.match(bad.error, /^b\.json: findings\[0\]\.fingerprint: /);
    const notJson = parseBaseline('nope', 'b.json');
    assert.ok('error' in notJson && /not JSON/.test(notJson.error));
  });
});
