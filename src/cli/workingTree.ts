/** Analyses the architecture files of the working tree (check, baseline, brief, diff's default head). */
import { relative } from 'node:path';
import type { Engine } from '../core/engine';
import type { FileResult } from '../core/report/types';
import { CliExit, warnSkipped, type Io } from './context';
import { discover, toPosix } from './files';
import { readRegularFile } from './safeRead';

/**
 * Bounds the memory one file can take. Files over the engine's limit (`--max-file-size`, in
 * characters) are still read and reported by the engine as too large; this only stops a file far
 * past any limit from being loaded at all.
 */
export const MAX_ARCHITECTURE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Throws (exit 2) for a path that does not exist, unless `allowMissing` (diff: it may exist at the
 * base). Files that cannot be read safely (special files, links out of the folder) are skipped
 * with a warning on `io.err`; the run goes on.
 */
export function analyzeWorkingTree(paths: string[], cwd: string, engine: Engine, io: Io, allowMissing = false): { results: FileResult[]; missing: string[] } {
  const found = discover(paths, cwd);
  if (found.missing.length && !allowMissing) throw new CliExit(2, `no such file or nothing matched: ${found.missing.join(', ')}`);
  for (const s of found.skipped) warnSkipped(io, s.path, s.reason);
  const results: FileResult[] = [];
  for (const file of found.files) {
    const path = toPosix(relative(cwd, file)) || file;
    const read = readRegularFile(file, { root: found.rootOf(file), maxBytes: MAX_ARCHITECTURE_FILE_BYTES });
    if ('skipped' in read) { warnSkipped(io, path, read.skipped); continue; }
    const r = engine.analyze(path, read.text);
    if (r) results.push(r);
  }
  return { results, missing: found.missing };
}
