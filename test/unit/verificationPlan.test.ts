import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { Engine } from '../../src/core/engine';
import type { FileResult } from '../../src/core/report/types';
import { garakSelectors, toGarakConfig } from '../../src/core/verify/garak';
import { toVerificationMarkdown } from '../../src/core/verify/markdown';
import { buildVerificationPlan } from '../../src/core/verify/plan';
import { runCli as cli } from '../helpers/cli';

const root = resolve(__dirname, '..', '..');
const garakRef = JSON.parse(readFileSync(join(root, 'catalogs', 'reference', 'garak-probes.json'), 'utf8')) as { modules: string[]; probes: string[] };
const ENCODE = 'sanitise and encode output for its sink; block remote images and raw HTML';

/** The RAG example plus one decision of each kind the plan treats differently. */
const TEXT = `${readFileSync(join(root, 'examples', 'rag-support-bot.mmd'), 'utf8')}
    %% @mitigates web against TL009 with "${ENCODE}" (implemented)
    %% @not-applicable llm TL029 because "the system prompt holds nothing confidential and is published"
    %% @mitigates kb against TL017 with "TODO: describe the control"
`;

const engine = new Engine(undefined, { today: '2026-06-01' });
const result = engine.analyze('docs/support-bot.mmd', TEXT) as FileResult;
const plan = buildVerificationPlan([result], engine.catalog);
const items = plan.components.flatMap((c) => c.items.map((i) => ({ ...i, componentId: c.componentId })));
const item = (ruleId: string, componentId: string) => items.find((i) => i.ruleId === ruleId && i.componentId === componentId);
const finding = (ruleId: string, componentId: string) => result.findings.find((f) => f.ruleId === ruleId && f.componentId === componentId);

describe('verification plan', () => {
  it('holds exactly the open, planned and mitigated findings, grouped by component', () => {
    const expected = result.findings.filter((f) => ['open', 'planned', 'mitigated'].includes(f.status)).map((f) => `${f.componentId} ${f.ruleId}`).sort();
    assert.deepEqual(items.map((i) => `${i.componentId} ${i.ruleId}`).sort(), expected);
    assert.equal(new Set(plan.components.map((c) => c.componentId)).size, plan.components.length, 'one group per component');
    // The example's acceptance (LLM09) and the not-applicable note leave their findings out.
    assert.equal(finding('TL029', 'llm')?.status, 'not-applicable');
    assert.equal(item('TL029', 'llm'), undefined);
    const accepted = result.findings.filter((f) => f.status === 'accepted');
    assert.ok(accepted.length > 0);
    for (const f of accepted) assert.equal(item(f.ruleId, f.componentId), undefined, f.ruleId);
  });

  it('asks to verify the control a mitigation names, with that control\'s check', () => {
    const encoded = item('TL009', 'web');
    assert.equal(encoded?.status, 'mitigated');
    assert.equal(encoded?.control, ENCODE);
    assert.deepEqual(encoded?.checks.map((c) => c.mitigation), ['output-encoding']);
    // A control in the team's own words: the checks of every control the rule suggests.
    const isolated = item('TL001', 'llm');
    assert.equal(isolated?.status, 'mitigated');
    assert.deepEqual(isolated?.checks.map((c) => c.mitigation), engine.catalog.ruleById.get('TL001')?.mitigations);
    // A placeholder decides nothing: the finding stays open, with no control.
    assert.equal(item('TL017', 'kb')?.status, 'open');
    assert.equal(item('TL017', 'kb')?.control, undefined);
  });

  it('writes the plan as Markdown naming each finding, its control and the names to run', () => {
    const md = toVerificationMarkdown(plan);
    assert.match(md, /^# Threatlens verification plan\n/);
    assert.match(md, /## `web` Support chat widget/);
    assert.match(md, /### `TL009` Client renders model output/);
    assert.match(md, /Verify that the control works: “sanitise and encode output for its sink; block remote images and raw HTML”/);
    assert.match(md, /- garak: `web_injection\.MarkdownXSS`/);
    assert.doesNotMatch(md, /`TL029`/);
    for (const name of plan.garak) assert.ok(md.includes(`\`${name}\``), name);
    const counts = /(\d+) findings to verify on (\d+) components: (\d+) open, (\d+) planned, (\d+) mitigated/.exec(md);
    assert.deepEqual(counts?.slice(1).map(Number), [items.length, plan.components.length, ...(['open', 'planned', 'mitigated'] as const).map((s) => items.filter((i) => i.status === s).length)]);
  });

  it('writes a garak configuration that parses and selects exactly the plan\'s probes', () => {
    const yaml = toGarakConfig(plan);
    assert.ok(yaml);
    const doc = parseDocument(yaml);
    assert.deepEqual(doc.errors, []);
    const config = doc.toJS() as { run: { spec: { include: string[] } }; plugins?: unknown };
    assert.deepEqual(Object.keys(config), ['run']);
    const include = config.run.spec.include;
    const known = new Set([...garakRef.modules, ...garakRef.probes]);
    for (const s of include) assert.ok(s.startsWith('probes.') && known.has(s.slice('probes.'.length)), s);
    // Exactly the names of the plan's checks: none added, none lost (a class inside an included module is covered by it).
    const planned = new Set(items.flatMap((i) => i.checks.flatMap((c) => c.garak)));
    const selected = new Set(include.map((s) => s.slice('probes.'.length)));
    for (const n of planned) assert.ok(selected.has(n) || selected.has(n.slice(0, n.indexOf('.'))), n);
    for (const n of selected) assert.ok(planned.has(n), n);
    assert.ok(selected.has('promptinject') && ![...selected].some((n) => n.startsWith('promptinject.')));
    // The header names the file and every finding of the plan.
    assert.match(doc.commentBefore ?? '', /from docs\/support-bot\.mmd/);
    for (const i of items) assert.ok(doc.commentBefore?.includes(`${i.ruleId} on ${i.componentId} (${i.status})`), i.ruleId);
  });

  it('keeps a planned control, and file text inert in the Markdown', () => {
    const ops = engine.analyze('examples/agentic-ops.mmd', readFileSync(join(root, 'examples', 'agentic-ops.mmd'), 'utf8')) as FileResult;
    const planned = buildVerificationPlan([ops], engine.catalog).components.flatMap((c) => c.items).filter((i) => i.status === 'planned');
    assert.ok(planned.length > 0 && planned.every((i) => i.control === 'read-only kubeconfig; writes go through a change request'));
    const hostile = 'flowchart LR\n  user([User]) --> llm[GPT-4o <img src=x onerror=alert(1)> **bold**]\n';
    const md = toVerificationMarkdown(buildVerificationPlan([engine.analyze('h.mmd', hostile) as FileResult], engine.catalog));
    assert.ok(md.includes('## `llm` GPT-4o \\*\\*bold\\*\\*\n'), md.slice(0, 400));
    assert.doesNotMatch(md, /<img/);
  });

  it('drops the classes of a module it selects whole', () => {
    assert.deepEqual(garakSelectors(['dan.Dan_11_0', 'encoding.InjectHex', 'dan', 'encoding.InjectHex']), ['probes.dan', 'probes.encoding.InjectHex']);
  });

  describe('threatlens verify', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'threatlens-verify-'));
      writeFileSync(join(dir, 'bot.mmd'), TEXT);
      writeFileSync(join(dir, 'hosted.mmd'), 'flowchart LR\n  llm[GPT-4o via OpenAI]\n');
      writeFileSync(join(dir, 'notes.md'), '# Notes\n\nNo diagram here.\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('prints the plan, or writes the garak configuration to a file', () => {
      const md = cli(['verify', 'bot.mmd', '--today', '2026-06-01'], dir);
      assert.equal(md.code, 0, md.err);
      assert.equal(md.out, toVerificationMarkdown(buildVerificationPlan([engine.analyze('bot.mmd', TEXT) as FileResult], engine.catalog)));
      const g = cli(['verify', 'bot.mmd', '--format', 'garak', '-o', 'garak.yaml', '--today', '2026-06-01'], dir);
      assert.equal(g.code, 0, g.err);
      assert.equal(g.out, '');
      const written = parse(readFileSync(join(dir, 'garak.yaml'), 'utf8')) as { run: { spec: { include: string[] } } };
      assert.ok(written.run.spec.include.includes('probes.web_injection.MarkdownXSS'));
    });

    it('exits 1 when no garak probe applies, 2 on a usage error or when no model is found', () => {
      const none = cli(['verify', 'hosted.mmd', '--format', 'garak'], dir);
      assert.equal(none.code, 1);
      assert.match(none.err, /no garak probe applies/);
      assert.equal(none.out, '');
      assert.equal(cli(['verify', 'hosted.mmd'], dir).code, 0, 'the Markdown plan still lists the checks in words');
      assert.match(cli(['verify', 'hosted.mmd'], dir).out, /Pin model versions \(`model-version-pinning`\), check:/);
      assert.equal(cli(['verify', 'bot.mmd', '--format', 'pyrit'], dir).code, 2);
      assert.equal(cli(['verify', 'notes.md'], dir).code, 2);
    });
  });
});
