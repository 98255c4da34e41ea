/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), tested by
 * running what they run: the action's scripts on a fixture repository with the environment a
 * runner gives them, against a local stand-in for the GitHub API; the hook's entry on the files
 * pre-commit would pass it.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURE_PATH, git, makeFixtureRepo } from '../helpers/gitFixture';

const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

interface Step { uses?: string; run?: string; env?: Record<string, string>; if?: string; id?: string }
const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] };
};

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Runs the action's check step in `cwd` as a runner would. */
function runCheck(cwd: string, extra: Record<string, string>): { status: number | null; out: Record<string, string>; stdout: string } {
  const outFile = join(mkdtempSync(join(tmpdir(), 'tl-gh-')), 'output');
  writeFileSync(outFile, '');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'action', 'run.mjs')], {
    cwd, encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TL_CLI: cli, GITHUB_OUTPUT: outFile, RUNNER_TEMP: tmpdir(), ...extra },
  });
  return { status: r.status, out: outputs(outFile), stdout: r.stdout + r.stderr };
}

describe('GitHub Action', function () {
  this.timeout(60_000);
  before(function () { if (!existsSync(cli)) this.skip(); });

  it('is a composite action whose steps run files that exist, with pinned actions', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) {
      if (step.uses) assert.match(step.uses, /^[\w-]+\/[\w/-]+@v\d+$/, step.uses);
      for (const m of (step.run ?? '').matchAll(/\$GITHUB_ACTION_PATH\/([\w./-]+)/g)) assert.ok(existsSync(join(root, m[1])), m[1]);
    }
    for (const [name, o] of Object.entries(action.outputs)) assert.match(o.value, /steps\.check\.outputs\./, name);
  });

  it('on a pull request gates on new findings, writes valid SARIF and the comment body', () => {
    const repo = makeFixtureRepo();
    try {
      const r = runCheck(repo, { TL_BASE: 'main', TL_PATHS: 'docs', TL_FAIL_ON: 'high',
        GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/bot', GITHUB_SHA: 'abc123' });
      assert.equal(r.status, 0, 'the step itself never fails, so upload and comment still run');
      assert.equal(r.out['exit-code'], '1', r.stdout);
      const sarif = JSON.parse(readFileSync(r.out['sarif-file'], 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.ok(sarif.runs[0].results.length > 0);
      const body = readFileSync(r.out['comment-file'], 'utf8');
      assert.ok(body.startsWith('<!-- threatlens-action -->\n'));
      assert.match(body, /new findings/);
      assert.match(body, /`refunds`/, 'the refund agent added by the pull request is named');
      assert.ok(body.includes(`https://github.com/acme/bot/blob/abc123/${FIXTURE_PATH}#L`), 'lines link to the head commit');
    } finally { rmSync(repo, { recursive: true, force: true }); }
  });

  it('passes when the pull request adds no blocking finding', () => {
    const repo = makeFixtureRepo();
    try {
      git(repo, ['checkout', '-q', 'main']);
      const r = runCheck(repo, { TL_BASE: 'main', TL_PATHS: '.', TL_FAIL_ON: 'high' });
      assert.equal(r.out['exit-code'], '0', r.stdout);
      assert.match(readFileSync(r.out['comment-file'], 'utf8'), /threatlens/i);
    } finally { rmSync(repo, { recursive: true, force: true }); }
  });

  it('without a base revision checks the whole model', () => {
    const repo = makeFixtureRepo();
    try {
      const r = runCheck(repo, { TL_PATHS: '.', TL_FAIL_ON: 'none' });
      assert.equal(r.out['exit-code'], '0', r.stdout);
      const r2 = runCheck(repo, { TL_PATHS: '.', TL_FAIL_ON: 'high' });
      assert.equal(r2.out['exit-code'], '1', r2.stdout);
    } finally { rmSync(repo, { recursive: true, force: true }); }
  });

  it('reports exit code 2 when Threatlens cannot run, and gives no comment', () => {
    const repo = makeFixtureRepo();
    try {
      const r = runCheck(repo, { TL_BASE: 'no-such-revision', TL_PATHS: '.' });
      assert.equal(r.out['exit-code'], '2', r.stdout);
      assert.equal(r.out['comment-file'], undefined);
    } finally { rmSync(repo, { recursive: true, force: true }); }
  });

  it('posts one comment and updates it on the next run', async () => {
    const comments: { id: number; body: string }[] = [{ id: 7, body: 'an unrelated review comment' }];
    const calls: string[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString(); });
      req.on('end', () => {
        calls.push(`${req.method} ${req.url}`);
        assert.equal(req.headers.authorization, 'Bearer t0ken');
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET' && req.url?.startsWith('/repos/acme/bot/issues/5/comments')) { res.end(JSON.stringify(comments)); return; }
        const body = (JSON.parse(data || '{}') as { body: string }).body;
        if (req.method === 'POST' && req.url === '/repos/acme/bot/issues/5/comments') {
          comments.push({ id: 100 + comments.length, body }); res.statusCode = 201; res.end('{}'); return;
        }
        const m = /^\/repos\/acme\/bot\/issues\/comments\/(\d+)$/.exec(req.url ?? '');
        const target = m ? comments.find((c) => c.id === Number(m[1])) : undefined;
        if (req.method === 'PATCH' && target) { target.body = body; res.end('{}'); return; }
        res.statusCode = 404; res.end('{}');
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'tl-gh-comment-'));
    const post = (text: string): Promise<string> => {
      writeFileSync(join(dir, 'comment.md'), `<!-- threatlens-action -->\n${text}`);
      return spawnAsync([join(root, 'scripts', 'action', 'comment.mjs')], {
        GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_REPOSITORY: 'acme/bot', TL_PR_NUMBER: '5',
        GITHUB_TOKEN: 't0ken', TL_COMMENT_FILE: join(dir, 'comment.md'),
      });
    };
    try {
      assert.match(await post('first run'), /comment posted/);
      assert.match(await post('second run'), /comment updated/);
      const own = comments.filter((c) => c.body.startsWith('<!-- threatlens-action -->'));
      assert.equal(own.length, 1, calls.join('\n'));
      assert.match(own[0].body, /second run/);
      assert.equal(comments[0].body, 'an unrelated review comment');
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Runs a node script without blocking the event loop (the test's HTTP server must answer it). */
function spawnAsync(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    child.on('close', () => ok(out));
  });
}

describe('pre-commit hook', function () {
  this.timeout(60_000);
  before(function () { if (!existsSync(cli)) this.skip(); });
  const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as
    { id: string; entry: string; files: string; language: string; pass_filenames?: boolean }[];
  const hook = hooks.find((h) => h.id === 'threatlens');

  /**
   * pre-commit installs a node hook as `npm pack` of the repository installed globally into its own
   * prefix, then runs the entry with the staged files that match `files`. Done the same way here,
   * with the already built bundle (no network: the package has no runtime dependencies).
   */
  let bin = '';
  before(function () {
    this.timeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'tl-precommit-'));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const tgz = join(dir, pack.stdout.trim().split('\n').pop() ?? '');
    const inst = spawnSync(npm, ['install', '-g', '--prefix', join(dir, 'env'), '--offline', '--no-audit', '--no-fund', tgz], { encoding: 'utf8' });
    assert.equal(inst.status, 0, inst.stderr);
    bin = join(dir, 'env', 'bin');
  });

  function runHook(repo: string): { status: number | null; out: string; passed: string[] } {
    assert.ok(hook);
    const staged = git(repo, ['ls-files']).split('\n').filter(Boolean);
    const passed = staged.filter((f) => new RegExp(hook.files).test(f));
    const [cmd, ...args] = hook.entry.split(/\s+/);
    assert.ok(existsSync(join(bin, cmd)), `the installed package provides ${cmd}`);
    const r = spawnSync(join(bin, cmd), [...args, ...passed], { cwd: repo, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr, passed };
  }

  it('is a node hook on diagram and model files', () => {
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    assert.notEqual(hook.pass_filenames, false);
    const re = new RegExp(hook.files);
    for (const f of ['a.mmd', 'docs/b.mermaid', 'README.md', 'm.threatlens.yaml', 'threagile.yml']) assert.ok(re.test(f), f);
    for (const f of ['src/a.ts', 'image.png']) assert.ok(!re.test(f), f);
  });

  it('blocks a commit with a high open finding and lets it through once it is decided', () => {
    const repo = makeFixtureRepo();
    try {
      writeFileSync(join(repo, 'ci.yml'), 'name: ci\non: [push]\njobs: {}\n');
      git(repo, ['add', 'ci.yml']);
      const blocked = runHook(repo);
      assert.ok(blocked.passed.includes(FIXTURE_PATH) && blocked.passed.includes('ci.yml') && blocked.passed.includes('README.md'));
      assert.equal(blocked.status, 1, blocked.out);
      assert.match(blocked.out, /rag-support-bot\.mmd:\d+:\d+ high/);
      // Decide every high finding the way a reviewer would, with the quick fixes' syntax.
      const json = spawnSync(process.execPath, [cli, 'check', FIXTURE_PATH, '--format', 'json', '--fail-on', 'none'], { cwd: repo, encoding: 'utf8' });
      const report = JSON.parse(json.stdout) as { files: { findings: { componentId: string; ruleId: string; severity: string; status: string; owasp: string[] }[] }[] };
      const lines = report.files[0].findings.filter((f) => f.status === 'open' && (f.severity === 'high' || f.severity === 'critical'))
        .map((f) => `    %% @accepts ${f.componentId} ${f.owasp[0]} because "reviewed in the design review" owner=sec expires=2999-01-01\n`);
      assert.ok(lines.length > 0);
      writeFileSync(join(repo, FIXTURE_PATH), readFileSync(join(repo, FIXTURE_PATH), 'utf8') + lines.join(''));
      const allowed = runHook(repo);
      assert.equal(allowed.status, 0, allowed.out);
    } finally { rmSync(repo, { recursive: true, force: true }); }
  });
});
