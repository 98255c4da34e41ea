/**
 * Git on a hostile repository: a partial clone whose promisor remote, upload-pack or ssh command
 * would run a program when git fetches a missing blob, and a parent environment that points git
 * elsewhere. `threatlens diff` and the editor's branch comparison must run nothing and still
 * report the missing object as an ordinary error.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { GIT_SAFE_ARGS, GIT_SHOW_BLOB, gitSafeArgs, gitSafeEnv, supportsNoLazyFetch } from '../../src/core/gitSafety';
import { GitUnavailable, resolveCommit, treeAt } from '../../src/extension/gitRefs';
import { git, makeFixtureRepo, makeLazyFetchTrap, type FetchTrap, type TrapRepo } from '../helpers/gitFixture';

function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = run(args, cwd, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

const TRAPS: FetchTrap[] = ['ext-promisor', 'file-uploadpack', 'ssh-command'];

describe('git on a hostile repository', () => {
  const made: string[] = [];
  const trap = (t: FetchTrap): TrapRepo => {
    const r = makeLazyFetchTrap(t);
    made.push(r.dir);
    return r;
  };
  after(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

  for (const t of TRAPS) {
    describe(t, () => {
      it('the trap is armed: a plain `git show` of the missing blob runs the repository\'s command', () => {
        const r = trap(t);
        assert.throws(() => execFileSync('git', ['show', `HEAD:${r.missingPath}`], { cwd: r.dir, stdio: ['ignore', 'pipe', 'pipe'] }));
        assert.ok(existsSync(r.marker), 'the fixture no longer reproduces the attack, so the tests below prove nothing');
      });

      it('`threatlens diff` runs nothing and fails cleanly on the missing object', () => {
        const r = trap(t);
        const res = cli(['diff', 'HEAD'], r.dir);
        assert.ok(!existsSync(r.marker), 'the repository\'s command ran');
        assert.equal(res.code, 2, res.err);
        assert.match(res.err, /^threatlens: git show failed: (fatal|error): .*(bad object|missing|not available|could not)/im);
        assert.doesNotMatch(res.err, /internal error/);
      });

      it('the editor\'s branch comparison runs nothing and rejects with the git error', async () => {
        const r = trap(t);
        const sha = await resolveCommit(r.dir, 'HEAD');
        const tree = await treeAt(r.dir, sha);
        assert.ok(tree.files.includes(r.missingPath));
        await assert.rejects(tree.read(r.missingPath), (e: unknown) => e instanceof GitUnavailable && /bad object|missing|not available|could not/i.test(e.message));
        assert.ok(!existsSync(r.marker), 'the repository\'s command ran');
      });

      it('the forbidden transports alone stop the fetch, for a git that ignores GIT_NO_LAZY_FETCH', () => {
        const r = trap(t);
        const env: Record<string, string> = gitSafeEnv(process.env);
        delete env.GIT_NO_LAZY_FETCH;
        assert.throws(() => execFileSync('git', [...GIT_SAFE_ARGS, ...GIT_SHOW_BLOB, `HEAD:${r.missingPath}`], { cwd: r.dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));
        assert.ok(!existsSync(r.marker), 'the repository\'s command ran');
      });
    });
  }

  it('shows a blob without the textconv driver the repository configures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-textconv-'));
    made.push(dir);
    const marker = join(dir, 'MARKER');
    git(dir, ['init', '-q']);
    writeFileSync(join(dir, '.gitattributes'), '*.mmd diff=trap\n');
    writeFileSync(join(dir, 'a.mmd'), 'flowchart LR\n  user[User] --> llm[LLM]\n');
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'one']);
    git(dir, ['config', 'diff.trap.textconv', `touch '${marker}'; cat`]);
    const res = cli(['diff', 'HEAD'], dir);
    assert.equal(res.code, 0, res.err);
    assert.ok(!existsSync(marker), 'the textconv command ran');
  });

  it('leaves submodules and symbolic links out of a revision, as the working tree does', async () => {
    const dir = makeFixtureRepo();
    made.push(dir);
    const head = git(dir, ['rev-parse', 'HEAD']).trim();
    // A submodule entry and a link, both named like diagrams: neither has file content to show.
    git(dir, ['update-index', '--add', '--cacheinfo', `160000,${head},docs/vendored.md`]);
    symlinkSync('rag-support-bot.mmd', join(dir, 'docs', 'link.mmd'));
    git(dir, ['add', 'docs/link.mmd']);
    git(dir, ['commit', '-q', '-m', 'submodule and link']);
    const res = cli(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], dir);
    assert.notEqual(res.code, 2, res.err);
    assert.doesNotMatch(res.out, /vendored\.md|link\.mmd/);
    const tree = await treeAt(dir, await resolveCommit(dir, 'HEAD'));
    assert.ok(!tree.files.includes('docs/vendored.md') && !tree.files.includes('docs/link.mmd'));
    assert.ok(tree.files.includes('docs/rag-support-bot.mmd'));
  });

  it('ignores GIT_DIR and GIT_CONFIG_* inherited from the parent process', () => {
    const dir = makeFixtureRepo();
    made.push(dir);
    // A decoy repository with a `main` of its own, and a pager command in the injected config.
    const decoy = mkdtempSync(join(tmpdir(), 'tl-decoy-'));
    made.push(decoy);
    git(decoy, ['init', '-q']);
    mkdirSync(join(decoy, 'docs'));
    writeFileSync(join(decoy, 'docs', 'other.mmd'), 'flowchart LR\n  a[Agent] --> t[Shell tool]\n');
    git(decoy, ['add', '-A']);
    git(decoy, ['commit', '-q', '-m', 'decoy']);
    const marker = join(decoy, 'MARKER');
    const expected = cli(['diff', 'main', '--format', 'json'], dir);
    const injected: Record<string, string> = {
      GIT_DIR: join(decoy, '.git'),
      GIT_WORK_TREE: decoy,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: `touch '${marker}'`,
    };
    const saved = Object.fromEntries(Object.keys(injected).map((k) => [k, process.env[k]]));
    Object.assign(process.env, injected);
    let got: ReturnType<typeof cli>;
    try {
      got = cli(['diff', 'main', '--format', 'json'], dir);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    assert.equal(got.code, expected.code, got.err);
    assert.equal(got.out, expected.out);
    assert.ok(!existsSync(marker));
  });

  it('builds its options from git\'s version and a cleaned environment', () => {
    assert.equal(supportsNoLazyFetch('git version 2.39.5'), false);
    assert.equal(supportsNoLazyFetch('git version 2.45.0'), true);
    assert.equal(supportsNoLazyFetch('git version 3.0.1.windows.1'), true);
    assert.equal(supportsNoLazyFetch('not git'), false);
    assert.deepEqual(gitSafeArgs('git version 2.46.0').slice(0, 1), ['--no-lazy-fetch']);
    assert.ok(!gitSafeArgs('git version 2.39.5').includes('--no-lazy-fetch'));
    const env = gitSafeEnv({ PATH: '/bin', GIT_DIR: '/x', git_exec_path: '/y', Git_Config_Parameters: "'a=b'", SSH_ASKPASS: '/evil', HOME: '/h' });
    assert.equal(env.PATH, '/bin');
    assert.equal(env.HOME, '/h');
    assert.equal(env.SSH_ASKPASS, '');
    assert.equal(env.GIT_NO_LAZY_FETCH, '1');
    for (const k of Object.keys(env)) assert.ok(!/^git_(dir|exec_path|config)/i.test(k), k);
  });
});
