/** Pieces several commands share: the baseline file, the link base, the exit code of a comparison. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeLinkBase, parseBaseline, type Baseline } from '../../core/diff';
import { UsageError } from '../args';
import { CliExit } from '../context';

export function readBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new CliExit(2, `cannot read the baseline ${file}: ${(e as Error).message}`);
  }
  const parsed = parseBaseline(text, file);
  if ('error' in parsed) throw new CliExit(2, parsed.error);
  return parsed.baseline;
}

export function linkBase(value: string): string {
  const r = normalizeLinkBase(value);
  if ('error' in r) throw new UsageError(r.error);
  return r.url;
}
