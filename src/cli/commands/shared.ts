/** Pieces several commands share: the analysed models, the baseline file, the link base. */
import { dirname, resolve } from 'node:path';
import { normalizeLinkBase, parseBaseline, type Baseline } from '../../core/diff';
import type { Engine } from '../../core/engine';
import type { FileResult } from '../../core/report/types';
import { UsageError, type CommonArgs } from '../args';
import { CliExit, makeEngine, type Io } from '../context';
import { readRegularFile, rootFor } from '../safeRead';
import { analyzeWorkingTree } from '../workingTree';

/** The engine and the analysed files that hold a model; none is a failure (exit 2) for the commands that write about models. */
export function analyzeModels(args: CommonArgs & { paths: string[] }, cwd: string, io: Io): { engine: Engine; results: FileResult[] } {
  const engine = makeEngine(args, cwd, io);
  const results = analyzeWorkingTree(args.paths, cwd, engine, io).results.filter((r) => r.file.models.length > 0);
  if (results.length === 0) throw new CliExit(2, 'no architecture model found (Mermaid flowcharts, ```mermaid fences or Threatlens YAML)');
  return { engine, results };
}

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
