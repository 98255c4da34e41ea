/**
 * `threatlens brief [paths...]`: the executive risk briefing of each file, the same Markdown the
 * walkthrough panel exports (src/core/report/briefing.ts), separated by rules when there are several.
 * Workshop progress lives in the editor, so the CLI's briefing counts decisions in the file only.
 */
import { SEVERITY_ORDER } from '../../core/analysis/score';
import { toBriefing } from '../../core/report/briefing';
import { ALLOWABLE, DEFAULT_RELEASE_POLICY, releasePolicyOf, type ReleasePolicy } from '../../core/report/goNoGo';
import { buildWalkthrough } from '../../core/walkthrough';
import { commonDefaults, listOf, oneOf, readArgs, type CommonArgs } from '../args';
import { CliExit, emit, makeEngine, todayOf, type Io } from '../context';
import { analyzeWorkingTree } from '../workingTree';

export interface BriefArgs extends CommonArgs {
  command: 'brief';
  paths: string[];
  policy: ReleasePolicy;
}


export function parseBrief(rest: readonly string[]): BriefArgs {
  const a: BriefArgs = { ...commonDefaults(), command: 'brief', paths: [], policy: { ...DEFAULT_RELEASE_POLICY } };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--block-on') a.policy.blockOn = oneOf(value(), [...Object.keys(SEVERITY_ORDER), 'none'] as const, flag) as ReleasePolicy['blockOn'];
    else if (flag === '--allow') a.policy = releasePolicyOf(a.policy.blockOn, listOf(value(), Object.keys(ALLOWABLE) as (keyof typeof ALLOWABLE)[], flag));
    else return false;
    return true;
  }, (w) => a.paths.push(w));
  return a;
}

export function runBrief(args: BriefArgs, cwd: string, io: Io): number {
  const engine = makeEngine(args, cwd, io);
  const { results } = analyzeWorkingTree(args.paths, cwd, engine, io);
  const withModels = results.filter((r) => r.file.models.length > 0);
  if (withModels.length === 0) throw new CliExit(2, 'no architecture model found (Mermaid flowcharts, ```mermaid fences or Threatlens YAML)');
  const date = todayOf(args);
  const briefs = withModels.map((r) => toBriefing(buildWalkthrough(r, engine.catalog, engine.lookup), { path: r.file.path, date, workshop: false, policy: args.policy }).trimEnd());
  emit(`${briefs.join('\n\n---\n\n')}\n`, args, cwd, io);
  return 0;
}
