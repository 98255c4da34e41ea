/**
 * Special files in a checked folder: links to /dev/zero, FIFOs, directories and dangling links
 * where a .gitignore, a rule file or a diagram is expected, and links leading out of the folder.
 * `check` must finish quickly, warn once per skipped file, and otherwise report exactly what it
 * reports for the same folder without them (same findings, same exit code).
 *
 * The CLI runs in a child process with a timeout: on a build that reads these files the child
 * hangs or fills memory, and the test must fail rather than hang the suite.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const TSX = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const MAIN = join(root, 'src', 'cli', 'main.ts');
const TIMEOUT_MS = 30_000;

const RULE = [
  'rules:',
  '  - id: ORG001', '    title: Vector stores need a data owner', '    owasp: [LLM08:2025]', '    stride: [I]', '    likelihood: 3', '    impact: 3',
  '    match: { component: { kind: [vector-store] } }', '    mitigations: [retrieval-access-control]',
  '    plain: Someone must own what goes into the index.', '    security: Unowned indexes accumulate sensitive data.',
  '',
].join('\n');

interface Run { status: number | null; stdout: string; stderr: string; ms: number; timedOut: boolean }

function cli(args: string[], cwd: string): Run {
  const t0 = Date.now();
  const r = spawnSync(TSX, [MAIN, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0, timedOut: r.error !== undefined && 'code' in r.error && r.error.code === 'ETIMEDOUT' };
}

/** A folder with one diagram, one rule file and one .gitignore that really ignores something. */
function cleanTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tl-files-'));
  mkdirSync(join(dir, 'docs'));
  mkdirSync(join(dir, '.threatlens', 'rules'), { recursive: true });
  mkdirSync(join(dir, 'e'));
  writeFileSync(join(dir, 'docs', 'rag.mmd'), readFileSync(join(root, 'examples', 'rag-support-bot.mmd'), 'utf8'));
  writeFileSync(join(dir, '.threatlens', 'rules', 'ours.yaml'), RULE);
  writeFileSync(join(dir, 'e', '.gitignore'), 'ignored.mmd\n');
  writeFileSync(join(dir, 'e', 'ignored.mmd'), readFileSync(join(root, 'examples', 'sql-code-agent.mmd'), 'utf8'));
  return dir;
}

const fifo = (p: string) => execFileSync('mkfifo', [p]);

/** The clean tree plus every kind of special file; returns the paths (relative, `/`) that must be reported as skipped. */
function addSpecialFiles(dir: string, outside: string): string[] {
  const outsideDiagram = join(outside, 'secret.mmd');
  writeFileSync(outsideDiagram, readFileSync(join(root, 'examples', 'sql-code-agent.mmd'), 'utf8'));
  const outsideRule = join(outside, 'secret.yaml');
  writeFileSync(outsideRule, RULE.replace('ORG001', 'ORG666'));
  for (const d of ['a', 'b', 'c', 'd']) mkdirSync(join(dir, d));
  const rules = join(dir, '.threatlens', 'rules');
  symlinkSync('/dev/zero', join(dir, '.gitignore'));
  fifo(join(dir, 'a', '.gitignore'));
  mkdirSync(join(dir, 'b', '.gitignore'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'c', '.gitignore'));
  symlinkSync(join(outside, 'secret.mmd'), join(dir, 'd', '.gitignore'));
  symlinkSync('/dev/zero', join(rules, 'x.yaml'));
  fifo(join(rules, 'y.yaml'));
  mkdirSync(join(rules, 'z.yaml'));
  symlinkSync(join(rules, 'nowhere.yaml'), join(rules, 'w.yaml'));
  symlinkSync(outsideRule, join(rules, 'v.yaml'));
  fifo(join(dir, 'docs', 'pipe.mmd'));
  symlinkSync('/dev/zero', join(dir, 'docs', 'zero.mmd'));
  symlinkSync(join(dir, 'docs', 'nowhere.mmd'), join(dir, 'docs', 'gone.mmd'));
  symlinkSync(outsideDiagram, join(dir, 'docs', 'outside.mmd'));
  // A link to a file inside the folder is left out quietly, as before: its target is checked under its own path.
  symlinkSync(join(dir, 'docs', 'rag.mmd'), join(dir, 'docs', 'inside-link.mmd'));
  return [
    '.gitignore', 'a/.gitignore', 'b/.gitignore', 'c/.gitignore', 'd/.gitignore',
    '.threatlens/rules/x.yaml', '.threatlens/rules/y.yaml', '.threatlens/rules/z.yaml', '.threatlens/rules/w.yaml', '.threatlens/rules/v.yaml',
    'docs/pipe.mmd', 'docs/zero.mmd', 'docs/gone.mmd', 'docs/outside.mmd',
  ];
}

function warnings(stderr: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const w = /^threatlens: warning: skipped (.+?): (.+)$/.exec(line);
    if (w) {
      assert.ok(!m.has(w[1]), `warned twice about ${w[1]}`);
      m.set(w[1], w[2]);
    }
  }
  return m;
}

function assertFinished(r: Run, what: string): void {
  assert.ok(!r.timedOut && r.status !== null, `${what} did not finish within ${TIMEOUT_MS} ms (it hung or filled memory)`);
  assert.doesNotMatch(r.stderr, /internal error/, `${what}: ${r.stderr}`);
}

describe('special files in the checked folder', function () {
  this.timeout(4 * TIMEOUT_MS);
  const made: string[] = [];
  let clean: string;
  let hostile: string;
  let expected: string[];
  before(function () {
    if (process.platform === 'win32') this.skip();
    clean = cleanTree();
    hostile = cleanTree();
    const outside = mkdtempSync(join(tmpdir(), 'tl-outside-'));
    made.push(clean, hostile, outside);
    expected = addSpecialFiles(hostile, outside);
  });
  after(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

  it('`check` of the folder finishes, warns once per special file and reports what the clean folder reports', () => {
    const want = cli(['check', '--format', 'json', '--today', '2026-11-23'], clean);
    assertFinished(want, 'check of the clean folder');
    const got = cli(['check', '--format', 'json', '--today', '2026-11-23'], hostile);
    assertFinished(got, 'check of the folder with special files');
    assert.ok(got.ms < 15_000, `took ${got.ms} ms`);
    assert.equal(got.status, want.status, got.stderr);
    assert.equal(got.stdout, want.stdout, 'findings differ from the clean folder');
    const w = warnings(got.stderr);
    assert.deepEqual([...w.keys()].sort(), [...expected].sort(), got.stderr);
    assert.match(w.get('.gitignore') ?? '', /\/dev\/zero is outside/);
    assert.match(w.get('a/.gitignore') ?? '', /FIFO/);
    assert.match(w.get('b/.gitignore') ?? '', /directory/);
    assert.match(w.get('c/.gitignore') ?? '', /dangling/);
    assert.match(w.get('.threatlens/rules/y.yaml') ?? '', /FIFO/);
    assert.match(w.get('docs/outside.mmd') ?? '', /outside/);
    // The clean folder's rule, its ignore file and its diagram still count.
    const report = JSON.parse(got.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(report.files.map((f) => f.path), ['docs/rag.mmd']);
    assert.ok(report.files[0].findings.some((f) => f.ruleId === 'ORG001'));
    assert.ok(!report.files[0].findings.some((f) => f.ruleId === 'ORG666'), 'a rule file outside the folder was read');
  });

  // One special file at a time: each of these made `check` hang (a FIFO) or grow by gigabytes (/dev/zero).
  for (const [what, path, make] of [
    ['a .gitignore linked to /dev/zero', '.gitignore', (p: string) => symlinkSync('/dev/zero', p)],
    ['a rule file linked to /dev/zero', '.threatlens/rules/x.yaml', (p: string) => symlinkSync('/dev/zero', p)],
    ['a .gitignore that is a FIFO', '.gitignore', fifo],
    ['a rule file that is a FIFO', '.threatlens/rules/x.yaml', fifo],
  ] as const) {
    it(`${what} alone: check finishes with one warning`, () => {
      const dir = cleanTree();
      made.push(dir);
      make(join(dir, ...path.split('/')));
      const want = cli(['check', '--today', '2026-11-23'], clean);
      const got = cli(['check', '--today', '2026-11-23'], dir);
      assertFinished(got, `check with ${what}`);
      assert.equal(got.status, want.status, got.stderr);
      assert.equal(got.stdout, want.stdout);
      assert.deepEqual([...warnings(got.stderr).keys()], [path]);
    });
  }

  it('named special files and globs over them are skipped with a warning, not read', () => {
    const want = cli(['check', 'docs/rag.mmd', '--today', '2026-11-23'], clean);
    assertFinished(want, 'check of the clean file');
    for (const args of [['docs/pipe.mmd', 'docs/zero.mmd', 'docs/outside.mmd', 'docs/rag.mmd'], ['docs/*.mmd']]) {
      const got = cli(['check', ...args, '--today', '2026-11-23'], hostile);
      assertFinished(got, `check ${args.join(' ')}`);
      assert.equal(got.status, want.status, got.stderr);
      assert.equal(got.stdout, want.stdout);
      for (const p of ['docs/pipe.mmd', 'docs/zero.mmd', 'docs/outside.mmd']) assert.ok(warnings(got.stderr).has(p), `${args.join(' ')}: no warning for ${p}\n${got.stderr}`);
    }
  });

  it('a baseline that is a link to /dev/zero is a clean error', () => {
    symlinkSync('/dev/zero', join(hostile, 'baseline.json'));
    const got = cli(['check', 'docs/rag.mmd', '--baseline', 'baseline.json'], hostile);
    assertFinished(got, 'check --baseline');
    assert.equal(got.status, 2);
    assert.match(got.stderr, /cannot read the baseline baseline\.json: .*\/dev\/zero/);
  });

  it('a default rule folder that leads out of the checked folder is a warning, and its rules are not loaded', () => {
    const dir = cleanTree();
    const outside = mkdtempSync(join(tmpdir(), 'tl-outside-rules-'));
    made.push(dir, outside);
    writeFileSync(join(outside, 'theirs.yaml'), RULE.replace('ORG001', 'ORG666'));
    rmSync(join(dir, '.threatlens', 'rules'), { recursive: true });
    symlinkSync(outside, join(dir, '.threatlens', 'rules'));
    const got = cli(['check', 'docs/rag.mmd', '--format', 'json', '--fail-on', 'none'], dir);
    assertFinished(got, 'check');
    assert.equal(got.status, 0, got.stderr);
    assert.match(got.stderr, /warning: skipped \.threatlens\/rules: /);
    assert.ok(!got.stdout.includes('ORG666'));
    // Named with --rules, the same folder is the user's choice and is read.
    const named = cli(['check', 'docs/rag.mmd', '--format', 'json', '--fail-on', 'none', '--rules', outside], dir);
    assert.equal(named.status, 0, named.stderr);
    assert.ok(named.stdout.includes('ORG666'));
  });

  it('a folder named like a diagram is walked, not read', () => {
    const dir = cleanTree();
    made.push(dir);
    mkdirSync(join(dir, 'docs', 'folder.mmd'));
    cpSync(join(dir, 'docs', 'rag.mmd'), join(dir, 'docs', 'folder.mmd', 'inner.mmd'));
    const got = cli(['check', '--format', 'json', '--fail-on', 'none'], dir);
    assertFinished(got, 'check');
    assert.equal(got.status, 0, got.stderr);
    assert.deepEqual((JSON.parse(got.stdout) as { files: { path: string }[] }).files.map((f) => f.path), ['docs/folder.mmd/inner.mmd', 'docs/rag.mmd']);
  });
});
