/** Analyses the architecture files of the working tree (check, baseline, brief, diff's default head). */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Engine } from '../core/engine';
import type { FileResult } from '../core/report/types';
import { CliExit } from './context';
import { discover, toPosix } from './files';

/** Throws (exit 2) for a path that does not exist, unless `allowMissing` (diff: it may exist at the base). */
export function analyzeWorkingTree(paths: string[], cwd: string, engine: Engine, allowMissing = false): { results: FileResult[]; missing: string[] } {
  const { files, missing } = discover(paths, cwd);
  if (missing.length && !allowMissing) throw new CliExit(2, `no such file or nothing matched: ${missing.join(', ')}`);
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliExit(2, `cannot read ${file}: ${(e as Error).message}`);
    }
    const r = engine.analyze(toPosix(relative(cwd, file)) || file, text);
    if (r) results.push(r);
  }
  return { results, missing };
}
