import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies?: Record<string, string>; files?: string[] };

/** npm without the variables of an enclosing `npm test` (they would point it at this clone's config). */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith('npm_')) env[k] = v;
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

describe('the CLI as an npm package', function () {
  this.timeout(120_000);
  let work: string;
  let tarball: string;

  before(function () {
    if (!existsSync(join(root, 'dist', 'cli.js'))) this.skip();
    work = mkdtempSync(join(tmpdir(), 'tl-npm-'));
    // --ignore-scripts: pack the bundle as built; `prepack` would rebuild it under other running suites.
    const r = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', env: npmEnv(join(work, 'cache')) });
    assert.equal(r.status, 0, r.stderr);
    const info = (JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[])[0];
    tarball = join(work, info.filename);
    writeFileSync(join(work, 'files.json'), JSON.stringify(info.files.map((f) => f.path).sort()));
  });

  after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

  it('contains the bundled CLI and the documents, nothing else', () => {
    const files = JSON.parse(readFileSync(join(work, 'files.json'), 'utf8')) as string[];
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
    assert.equal(pkg.bin.threatlens, './dist/cli.js');
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'no runtime dependencies: yaml, zod and markdown-it are inside the bundle');
    assert.equal(pkg.files, undefined, 'vsce refuses a "files" field next to .vscodeignore; .npmignore selects the files');
    assert.ok(readFileSync(join(root, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('installs offline in a clean folder and runs with npx', () => {
    const app = join(work, 'app');
    const env = npmEnv(join(work, 'cache'));
    mkdirSync(app);
    spawnSync(npm, ['init', '-y'], { cwd: app, encoding: 'utf8', env });
    const inst = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8', env });
    assert.equal(inst.status, 0, `${inst.stdout}\n${inst.stderr}`);
    writeFileSync(join(app, 'bot.mmd'), readFileSync(join(root, 'examples', 'sql-code-agent.mmd'), 'utf8'));
    const version = spawnSync(npx, ['--offline', 'threatlens', '--version'], { cwd: app, encoding: 'utf8', env });
    assert.equal(version.stdout.trim(), pkg.version, version.stderr);
    const check = spawnSync(npx, ['--offline', 'threatlens', 'check', 'bot.mmd', '--fail-on', 'high'], { cwd: app, encoding: 'utf8', env });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^bot\.mmd:\d+:\d+ (high|critical) TL\d+ /m);
    assert.match(check.stdout, /1 file\(s\): \d+ open finding\(s\)/);
    const tree = spawnSync(npx, ['--offline', 'threatlens', 'attack-tree', 'bot.mmd'], { cwd: app, encoding: 'utf8', env });
    assert.equal(tree.status, 0, tree.stderr);
    assert.match(tree.stdout, /^%% Threatlens attack tree/);
  });
});
