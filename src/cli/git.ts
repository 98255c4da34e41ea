/**
 * Reads architecture files at a git revision. Only plumbing-style reads (`rev-parse`, `ls-tree`,
 * `show <sha>:<path>`), run with an argument array (never a shell) and with the options and
 * environment of src/core/gitSafety.ts: nothing configured in or checked into the repository is
 * executed, and a missing object is an error, never a fetch.
 */
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { GIT_LIMITS, GIT_SHOW_BLOB, gitFailure, gitSafeArgs, gitSafeEnv, lsTreeFiles } from '../core/gitSafety';
import { CliExit } from './context';

export interface Revision {
  /** As the user wrote it (`main`, `HEAD~1`). */
  ref: string;
  sha: string;
}

let safeArgs: string[] | undefined;

function exec(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: GIT_LIMITS.maxBuffer,
    timeout: GIT_LIMITS.timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: gitSafeEnv(process.env),
    windowsHide: true,
  });
}

function git(cwd: string, args: string[]): string {
  try {
    safeArgs ??= gitSafeArgs(exec(cwd, ['--version']));
    return exec(cwd, [...safeArgs, ...args]);
  } catch (e) {
    const err = e as { code?: string; signal?: string; stderr?: string | Buffer; message: string };
    if (err.code === 'ENOENT') throw new CliExit(2, 'git is not installed or not on PATH');
    if (err.signal === 'SIGTERM') throw new CliExit(2, `git ${args[0]} took longer than ${GIT_LIMITS.timeoutMs / 1000} s and was stopped`);
    throw new CliExit(2, `git ${args[0]} failed: ${gitFailure(String(err.stderr ?? '')) ?? err.message}`);
  }
}

/** Resolves `ref` to a commit; refuses option-like refs (`--output=...`) before git sees them. */
export function resolveRevision(cwd: string, ref: string): Revision {
  if (!ref || ref.startsWith('-') || /[\u0000-\u001f]/.test(ref)) throw new CliExit(2, `not a git revision: "${ref}"`);
  let sha: string;
  try {
    sha = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch {
    sha = '';
  }
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new CliExit(2, `unknown git revision "${ref}" (is this a git repository, and is the branch fetched?)`);
  return { ref, sha };
}

/** True when `ref` names a commit (used to tell a head ref from a path). */
export function isRevision(cwd: string, ref: string): boolean {
  try {
    resolveRevision(cwd, ref);
    return true;
  } catch {
    return false;
  }
}

/** A repository seen from `cwd`: paths in and out are cwd-relative and `/`-separated. */
export class GitTree {
  private prefixMemo: string | undefined;

  constructor(private readonly cwd: string) {}

  /** Where `cwd` is inside the repository (`docs/` or empty). */
  private get prefix(): string {
    this.prefixMemo ??= git(this.cwd, ['rev-parse', '--show-prefix']).trim();
    return this.prefixMemo;
  }

  /** Tracked files under `cwd` at `rev` (regular blobs: no links, no submodules). */
  list(rev: Revision): string[] {
    const prefix = this.prefix;
    const out = git(this.cwd, ['ls-tree', '-r', '-z', '--full-tree', rev.sha]);
    return lsTreeFiles(out).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }

  /** The text of a file at `rev` (never filtered or converted: `show` of a blob prints its bytes). */
  read(rev: Revision, path: string): string {
    return git(this.cwd, [...GIT_SHOW_BLOB, `${rev.sha}:${posix.join(this.prefix, path)}`]);
  }
}
