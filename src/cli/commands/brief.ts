/**
 * `threatlens brief [paths...]`: the executive risk briefing of each file, the same Markdown the
 * walkthrough panel exports (src/core/report/briefing.ts), separated by rules when there are several.
 * Workshop progress lives in the editor, so the CLI's briefing counts decisions in the file only.
 */
import { randomBytes } from 'node:crypto';
import { SEVERITY_ORDER } from '../../core/analysis/score';
import { briefingPage, briefingSection } from '../../core/report/briefingHtml';
import { toBriefing } from '../../core/report/briefing';
import { ALLOWABLE, DEFAULT_RELEASE_POLICY, releasePolicyOf, type ReleasePolicy } from '../../core/report/goNoGo';
import { buildWalkthrough, diagramViews } from '../../core/walkthrough';
import { commonDefaults, listOf, oneOf, readArgs, type CommonArgs } from '../args';
import { emit, todayOf, type Io } from '../context';
import { analyzeModels } from './shared';

export interface BriefArgs extends CommonArgs {
  command: 'brief';
  paths: string[];
  policy: ReleasePolicy;
  format: 'markdown' | 'html';
}


export function parseBrief(rest: readonly string[]): BriefArgs {
  const a: BriefArgs = { ...commonDefaults(), command: 'brief', paths: [], policy: { ...DEFAULT_RELEASE_POLICY }, format: 'markdown' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--block-on') a.policy.blockOn = oneOf(value(), [...Object.keys(SEVERITY_ORDER), 'none'] as const, flag) as ReleasePolicy['blockOn'];
    else if (flag === '--format') a.format = oneOf(value(), ['markdown', 'html'] as const, flag);
    else if (flag === '--allow') a.policy = releasePolicyOf(a.policy.blockOn, listOf(value(), Object.keys(ALLOWABLE) as (keyof typeof ALLOWABLE)[], flag));
    else return false;
    return true;
  }, (w) => a.paths.push(w));
  return a;
}

export function runBrief(args: BriefArgs, cwd: string, io: Io): number {
  const { engine, results: withModels } = analyzeModels(args, cwd, io);
  const date = todayOf(args);
  const options = (r: (typeof withModels)[number]) => ({ path: r.file.path, date, workshop: false, policy: args.policy });
  if (args.format === 'html') {
    const sections = withModels.map((r) => briefingSection(buildWalkthrough(r, engine.catalog, engine.lookup), { ...options(r), diagramTitles: diagramViews(r.file).map((d) => d.title) }));
    const title = withModels.length === 1 ? `Executive risk briefing: ${withModels[0].file.path}` : `Executive risk briefing: ${withModels.length} files`;
    emit(briefingPage(title, sections, randomBytes(18).toString('base64url')), args, cwd, io);
    return 0;
  }
  const briefs = withModels.map((r) => toBriefing(buildWalkthrough(r, engine.catalog, engine.lookup), options(r)).trimEnd());
  emit(`${briefs.join('\n\n---\n\n')}\n`, args, cwd, io);
  return 0;
}
