/**
 * Git for "Compare Threats with Branch…": lists branches and reads files at a revision in a
 * workspace folder. Reads refs and objects only (`for-each-ref`, `rev-parse`, `ls-tree`, `show`),
 * through execFile with an argument array (never a shell) and with the same options and
 * environment as the CLI (src/core/gitSafety.ts): nothing the repository configures is executed
 * and a missing object is an error, never a fetch. The caller runs none of this in an untrusted
 * workspace (diffView.ts).
 */
import { execFile } from 'node:child_process';
import { GIT_LIMITS, GIT_SHOW_BLOB, gitFailure, gitSafeArgs, gitSafeEnv, lsTreeFiles } from '../core/gitSafety';

export class GitUnavailable extends Error {}

function exec(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, {
      cwd, encoding: 'utf8', maxBuffer: GIT_LIMITS.maxBuffer, timeout: GIT_LIMITS.timeoutMs, windowsHide: true, env: gitSafeEnv(process.env),
    }, (err, stdout, stderr) => {
      if (!err) { resolve(stdout); return; }
      const code = (err as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'git is not installed or not on PATH'
        : err.signal === 'SIGTERM' ? `git took longer than ${GIT_LIMITS.timeoutMs / 1000} s and was stopped`
          : gitFailure(stderr) ?? err.message;
      reject(new GitUnavailable(message));
    });
  });
}

let safeArgs: Promise<string[]> | undefined;

async function git(cwd: string, args: string[]): Promise<string> {
  safeArgs ??= exec(cwd, ['--version']).then(gitSafeArgs, (e: unknown) => {
    safeArgs = undefined;
    throw e;
  });
  return exec(cwd, [...(await safeArgs), ...args]);
}

export interface BranchRef {
  name: string;
  remote: boolean;
  /** Subject of the tip commit, for the quick pick. */
  subject: string;
}

/** Local and remote branches, most recently committed first (`origin/HEAD` left out). */
export async function listBranches(cwd: string): Promise<BranchRef[]> {
  const out = await git(cwd, ['for-each-ref', '--sort=-committerdate', '--format=%(refname)%00%(refname:short)%00%(subject)', 'refs/heads', 'refs/remotes']);
  return out.split('\n').filter(Boolean).map((line) => {
    const [full, name, subject] = line.split('\u0000');
    return { name, remote: full.startsWith('refs/remotes/'), subject: subject ?? '' };
  }).filter((b) => !b.name.endsWith('/HEAD') && b.name !== 'HEAD');
}

export async function resolveCommit(cwd: string, ref: string): Promise<string> {
  if (!ref || ref.startsWith('-')) throw new GitUnavailable(`not a git revision: "${ref}"`);
  const sha = (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => '')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new GitUnavailable(`unknown git revision "${ref}"`);
  return sha;
}

/** Tracked files under `cwd` at `sha` (regular blobs), relative to `cwd`, and a reader for them. */
export async function treeAt(cwd: string, sha: string): Promise<{ files: string[]; read: (path: string) => Promise<string> }> {
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  const out = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', sha]);
  const files = lsTreeFiles(out).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  return { files, read: (path) => git(cwd, [...GIT_SHOW_BLOB, `${sha}:${prefix}${path}`]) };
}
