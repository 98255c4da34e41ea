/**
 * `threatlens verify [paths...] [--format markdown|garak]`: how to test that the controls against
 * the open and mitigated findings work (src/core/verify/), as a Markdown plan or as a garak run
 * configuration holding exactly the plan's probes.
 */
import { toGarakConfig } from '../../core/verify/garak';
import { toVerificationMarkdown } from '../../core/verify/markdown';
import { buildVerificationPlan } from '../../core/verify/plan';
import { commonDefaults, oneOf, readArgs, type CommonArgs } from '../args';
import { CliExit, emit, type Io } from '../context';
import { analyzeModels } from './shared';

const FORMATS = ['markdown', 'garak'] as const;

export interface VerifyArgs extends CommonArgs {
  command: 'verify';
  paths: string[];
  format: (typeof FORMATS)[number];
}

export function parseVerify(rest: readonly string[]): VerifyArgs {
  const a: VerifyArgs = { ...commonDefaults(), command: 'verify', paths: [], format: 'markdown' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--format') a.format = oneOf(value(), FORMATS, flag);
    else return false;
    return true;
  }, (w) => a.paths.push(w));
  return a;
}

export function runVerify(args: VerifyArgs, cwd: string, io: Io): number {
  const { engine, results } = analyzeModels(args, cwd, io);
  const plan = buildVerificationPlan(results, engine.catalog);
  if (args.format === 'markdown') {
    emit(toVerificationMarkdown(plan), args, cwd, io);
    return 0;
  }
  const config = toGarakConfig(plan);
  if (config === undefined) throw new CliExit(1, 'no garak probe applies to the open or mitigated findings; see the Markdown plan (--format markdown) for the checks to run instead');
  emit(config, args, cwd, io);
  return 0;
}
