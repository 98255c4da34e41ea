/** Pieces several commands share: the baseline file, the link base, the exit code of a comparison. */
import { dirname, resolve } from 'node:path';
import { normalizeLinkBase, parseBaseline, type Baseline } from '../../core/diff';
import { UsageError } from '../args';
import { CliExit } from '../context';
import { readRegularFile, rootFor } from '../safeRead';

/** Baselines of tens of thousands of findings stay far below this. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export function readBaseline(file: string, cwd: string): Baseline {
  const abs = resolve(cwd, file);
  // Named by the user, so a missing or special baseline ends the run; a checked-in link to /dev/zero must not hang it.
  const read = readRegularFile(abs, { root: rootFor(abs, cwd, dirname(abs)), maxBytes: MAX_BASELINE_BYTES });
  if ('skipped' in read) throw new CliExit(2, `cannot read the baseline ${file}: ${read.skipped}`);
  const parsed = parseBaseline(read.text, file);
  if ('error' in parsed) throw new CliExit(2, parsed.error);
  return parsed.baseline;
}

export function linkBase(value: string): string {
  const r = normalizeLinkBase(value);
  if ('error' in r) throw new UsageError(r.error);
  return r.url;
}
