/**
 * Reading a file of a folder Threatlens did not write. A checked-in symlink to `/dev/zero` would
 * make `readFileSync` allocate until the machine gives out, a FIFO would block the open forever,
 * a directory or a dangling link would throw. So: the real path must stay inside `root`, the file
 * is opened non-blocking and without following a last-moment link, the opened descriptor must be
 * a regular file under the size limit, and at most `maxBytes` are read even if it grows. Every
 * refusal comes back as a reason for a warning, never as an exception.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

export type SafeRead = { text: string } | { skipped: string };

export interface SafeReadLimits {
  /** The folder the file's real path must stay in (the checked folder, or the folder the user named). */
  root: string;
  maxBytes: number;
}

// Windows has neither flag; there a FIFO cannot be created by a checkout.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function errorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a directory';
  return `cannot be read (${code ?? (e as Error).message})`;
}

/** The real path of `path` when it stays inside `root`, else the reason it is refused. */
export function resolveInside(path: string, root: string): { real: string } | { skipped: string } {
  let real: string;
  let base: string;
  try {
    base = realpathSync.native(root);
    real = realpathSync.native(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return { skipped: 'a dangling symbolic link' };
    return { skipped: errorReason(e) };
  }
  if (!isInside(base, real)) return { skipped: `its real path ${real} is outside ${base}` };
  return { real };
}

export function readRegularFile(path: string, limits: SafeReadLimits): SafeRead {
  const where = resolveInside(path, limits.root);
  if ('skipped' in where) return where;
  let fd: number;
  try {
    fd = openSync(where.real, OPEN_FLAGS);
  } catch (e) {
    return { skipped: errorReason(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { skipped: kindOf(st) };
    if (st.size > limits.maxBytes) return { skipped: `${st.size} bytes is over the ${limits.maxBytes}-byte limit` };
    // The size can be stale (a file still growing, /proc reporting 0): read in chunks, at most one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limits.maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limits.maxBytes) return { skipped: `it grew past the ${limits.maxBytes}-byte limit while being read` };
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { skipped: errorReason(e) };
  } finally {
    closeSync(fd);
  }
}

/** The containment root for a path the user named: the checked folder when the path is in it, else the path's own folder. */
export function rootFor(abs: string, cwd: string, fallback: string): string {
  return isInside(cwd, abs) ? cwd : fallback;
}
