import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main';
import { jsonReportSchema } from '../../src/core/report/contract';

const root = resolve(__dirname, '..', '..');
/** Every file in examples/ is an architecture file Threatlens reads. */
const EXAMPLES = readdirSync(join(root, 'examples')).filter((f) => /\.(mmd|md|ya?ml)$/.test(f)).length;

function cli(args: string[], cwd = root) {
  let out = '';
  let err = '';
  const code = run(args, cwd, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('threatlens CLI', () => {
  it('prints compiler-style lines for every example', () => {
    const r = cli(['check', 'examples', '--fail-on', 'none', '--today', '2026-11-23']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length > 20);
    for (const l of lines.slice(0, -1)) assert.match(l, /^examples\/[^:]+:\d+:\d+ (low|medium|high|critical|planned|mitigated|accepted|not-applicable|error|warning|info) \S+ /, l);
    assert.match(r.out, /examples\/rag-support-bot\.mmd:\d+:\d+ \w+ TL\d+ LLM\d\d:2026 [^(:]+: /);
    assert.ok(!/:2025/.test(r.out), 'one edition in the headlines: the 2025 ids are in the hover and the reports');
    assert.match(lines[lines.length - 1], new RegExp(`^${EXAMPLES} file\\(s\\): \\d+ open finding\\(s\\), \\d+ decided\\.( \\d+ components? not recognised: coverage incomplete\\.)?$`));
  });

  it('writes JSON that follows the documented contract', () => {
    const r = cli(['check', 'examples', '--format', 'json', '--fail-on', 'none', '--today', '2026-11-23']);
    const data: unknown = JSON.parse(r.out);
    const parsed = jsonReportSchema.safeParse(data);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    const report = parsed.data;
    assert.equal(report.files.length, EXAMPLES);
    const rag = report.files.find((f) => f.path === 'examples/rag-support-bot.mmd')!;
    const llm = rag.components.find((c) => c.id === 'llm')!;
    assert.equal(llm.kind, 'llm');
    assert.match(llm.kindReason, /GPT-4o|Azure OpenAI/);
    const text = readFileSync(join(root, 'examples/rag-support-bot.mmd'), 'utf8').split('\n');
    assert.equal(text[llm.range.start.line].slice(llm.range.start.character, llm.range.end.character), 'llm');
    const f = rag.findings.find((x) => x.componentId === 'llm' && x.owasp.includes('LLM01:2025'))!;
    assert.equal(f.status, 'mitigated');
    for (const x of report.files.flatMap((ff) => ff.findings)) {
      assert.ok(x.owasp.every((o) => /:\d{4}$/.test(o)), 'OWASP ids carry their edition');
    }
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    for (const format of ['json', 'sarif', 'markdown', 'text']) {
      const a = cli(['check', 'examples', '--format', format, '--fail-on', 'none', '--today', '2026-11-23']).out;
      const b = cli(['check', 'examples', '--format', format, '--fail-on', 'none', '--today', '2026-11-23']).out;
      assert.equal(a, b, format);
    }
  });

  it('writes a Markdown report with summary, prioritized table and components', () => {
    const r = cli(['check', 'examples', '--format', 'markdown', '--fail-on', 'none', '--today', '2026-11-23']);
    assert.match(r.out, /^# Threatlens threat model report/);
    assert.match(r.out, /## Summary\n\n\| Files \|/);
    assert.match(r.out, /## Prioritized findings\n\n\| Score \| Severity \| Status \| Threat \|/);
    // Reference links: the raw text reads `[LLM01:2025] Prompt Injection`, each URL defined once at the end.
    assert.match(r.out, /\[LLM01:2025\] Prompt Injection/);
    assert.match(r.out, /\n\[LLM01:2025\]: https:\/\/genai\.owasp\.org\/llmrisk\/llm01-prompt-injection\/\n/);
    assert.match(r.out, /\n\[AML\.T0051(\.\d{3})?\]: https:\/\/atlas\.mitre\.org\/techniques\/AML\.T0051/);
    assert.match(new MarkdownIt().render(r.out), /<a href="https:\/\/genai\.owasp\.org\/llmrisk\/llm01-prompt-injection\/">LLM01:2025<\/a> Prompt Injection/, 'the reference links resolve');
    assert.match(r.out, /Decision: accepted \(LLM09:2025, covers TL036\): answers are shown as suggestions/);
  });

  it('writes SARIF 2.1.0 that the SARIF multitool validates', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'tl-sarif-'));
    const file = join(dir, 'out.sarif');
    const r = cli(['check', 'examples', '--format', 'sarif', '--output', file, '--fail-on', 'none', '--today', '2026-11-23']);
    assert.equal(r.code, 0, r.err);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[]; properties: { tags: string[] } }[] }[] };
    const run0 = sarif.runs[0];
    assert.ok(run0.tool.driver.rules.length > 5);
    assert.ok(run0.tool.driver.rules.every((x) => x.helpUri?.startsWith('https://')));
    assert.ok(run0.results.every((x) => /^[0-9a-f]{16}$/.test(x.partialFingerprints['threatlensFinding/v1'])));
    assert.ok(run0.results.some((x) => x.properties.tags.includes('owasp/LLM01:2025')));
    const bin = join(root, 'node_modules', '.bin', 'sarif-multitool');
    const v = spawnSync(bin, ['validate', file, '--output', join(dir, 'validation.sarif')], { encoding: 'utf8' });
    assert.equal(v.status, 0, `${v.stdout}\n${v.stderr}`);
    const validation = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8').replace(/^\uFEFF/, '')) as { runs: { results?: { level?: string; message: { text?: string; id?: string } }[] }[] };
    const errors = (validation.runs[0].results ?? []).filter((x) => x.level === 'error' || x.level === 'warning');
    assert.deepEqual(errors, []);
  });

  it('exits 1 when an open finding reaches --fail-on and 0 otherwise', () => {
    assert.equal(cli(['check', 'examples/sql-code-agent.mmd', '--fail-on', 'high']).code, 1);
    assert.equal(cli(['check', 'examples/sql-code-agent.mmd', '--fail-on', 'none']).code, 0);
  });

  it('exits 2 with a clear message on usage errors and missing input', () => {
    const bad = cli(['check', '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be one of text, json, sarif, markdown/);
    const missing = cli(['check', 'no/such/file.mmd']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file/);
    assert.equal(cli(['frobnicate']).code, 2);
  });

  it('scans the current folder, skipping node_modules and .gitignore entries, and ignores foreign YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-scan-'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, 'ignored'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    const diagram = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
    writeFileSync(join(dir, 'a.mmd'), diagram);
    writeFileSync(join(dir, 'node_modules', 'x', 'b.mmd'), diagram);
    writeFileSync(join(dir, 'ignored', 'c.mmd'), diagram);
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  llm:\n    runs-on: ubuntu-latest\n');
    writeFileSync(join(dir, 'k8s.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: llm-gateway\n');
    const r = cli(['check', '--format', 'json', '--fail-on', 'none'], dir);
    const report = JSON.parse(r.out) as { files: { path: string }[] };
    assert.deepEqual(report.files.map((f) => f.path), ['a.mmd']);
    const globbed = JSON.parse(cli(['check', '**/*.mmd', '--format', 'json', '--fail-on', 'none'], dir).out) as { files: { path: string }[] };
    assert.deepEqual(globbed.files.map((f) => f.path), ['a.mmd']);
  });

  it('loads workspace rules and reports bad rule files by file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-rules-'));
    mkdirSync(join(dir, '.threatlens', 'rules'), { recursive: true });
    writeFileSync(join(dir, 'a.mmd'), 'flowchart LR\n  r[(Pinecone)]\n  u[User] --> llm[GPT-4o]\n');
    writeFileSync(join(dir, '.threatlens', 'rules', 'ours.yaml'), [
      'rules:',
      '  - id: ORG001', '    title: Vector stores need a data owner', '    owasp: [LLM08:2025]', '    stride: [I]', '    likelihood: 3', '    impact: 3',
      '    match: { component: { kind: [vector-store] } }', '    mitigations: [retrieval-access-control]',
      '    plain: Someone must own what goes into the index.', '    security: Unowned indexes accumulate sensitive data.',
      '  - id: ORG002', '    title: Broken', '    owasp: [LLM99:2025]', '    stride: [I]', '    likelihood: high', '    impact: 3',
      '    match: { component: { kind: [llm] } }', '    mitigations: [x]', '    plain: xxxxxxxxxxxx', '    security: yyyyyyyyyyyyy',
    ].join('\n'));
    const r = cli(['check', 'a.mmd', '--format', 'json', '--fail-on', 'none'], dir);
    const report = JSON.parse(r.out) as { files: { findings: { ruleId: string }[] }[] };
    assert.ok(report.files[0].findings.some((f) => f.ruleId === 'ORG001'), r.err);
    assert.match(r.err, /\.threatlens\/rules\/ours\.yaml: rules\[1\]\.likelihood/);
    assert.ok(report.files[0].findings.some((f) => f.ruleId.startsWith('TL')), 'built-in rules keep working');
  });

  it('runs as a bundled executable with the right exit code', function () {
    this.timeout(60_000);
    const bundle = join(root, 'dist', 'cli.js');
    if (!existsSync(bundle)) this.skip();
    const r = spawnSync(process.execPath, [bundle, 'check', 'examples/sql-code-agent.mmd', '--fail-on', 'high'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /sql-code-agent\.mmd:\d+:\d+/);
    const v = spawnSync(process.execPath, [bundle, '--version'], { cwd: root, encoding: 'utf8' });
    assert.equal(v.stdout.trim(), (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
