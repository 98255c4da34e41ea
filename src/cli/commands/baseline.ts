/** `threatlens baseline [paths...]`: records the current findings so later checks report only new ones. */
import { makeBaseline, serializeBaseline } from '../../core/diff';
import { printable, printableJson } from '../../core/report/escape';
import { VERSION } from '../../core/version';
import { commonDefaults, readArgs, type CommonArgs } from '../args';
import { emit, makeEngine, type Io } from '../context';
import { analyzeWorkingTree } from '../workingTree';

export interface BaselineArgs extends CommonArgs {
  command: 'baseline';
  paths: string[];
}

export function parseBaselineArgs(rest: readonly string[]): BaselineArgs {
  const a: BaselineArgs = { ...commonDefaults(), command: 'baseline', paths: [] };
  readArgs(rest, a, () => false, (w) => a.paths.push(w));
  return a;
}

export function runBaseline(args: BaselineArgs, cwd: string, io: Io): number {
  const engine = makeEngine(args, cwd, io);
  const { results } = analyzeWorkingTree(args.paths, cwd, engine, io);
  const baseline = makeBaseline(results, VERSION);
  emit(printableJson(serializeBaseline(baseline)), args, cwd, io);
  if (args.output) io.err(`threatlens: wrote ${baseline.findings.length} finding(s) from ${results.length} file(s) to ${printable(args.output)}\n`);
  return 0;
}
