/**
 * `threatlens workshop [paths...] [--format markdown|html] [--minutes N]`: the facilitator's pack
 * for a STRIDE-for-AI session on each file (src/core/workshop/): agenda with timeboxes, roles,
 * question cards, decision log. Several files give one Markdown document with a rule between the
 * packs, or one HTML page. `--minutes` is the length of one session; the agenda is split into as
 * many sessions as the components need.
 */
import { randomBytes } from 'node:crypto';
import { buildWorkshopPack, MIN_SESSION, toWorkshopMarkdown, workshopPage, workshopSection } from '../../core/workshop';
import { commonDefaults, oneOf, readArgs, UsageError, type CommonArgs } from '../args';
import { emit, todayOf, type Io } from '../context';
import { analyzeModels } from './shared';

/** A working day: longer sessions are a typo, not a plan. */
const MAX_SESSION = 8 * 60;

export interface WorkshopArgs extends CommonArgs {
  command: 'workshop';
  paths: string[];
  format: 'markdown' | 'html';
  minutes?: number;
}

function sessionMinutes(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < MIN_SESSION || n > MAX_SESSION) throw new UsageError(`--minutes expects a whole number of minutes from ${MIN_SESSION} to ${MAX_SESSION}`);
  return n;
}

export function parseWorkshop(rest: readonly string[]): WorkshopArgs {
  const a: WorkshopArgs = { ...commonDefaults(), command: 'workshop', paths: [], format: 'markdown' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--format') a.format = oneOf(value(), ['markdown', 'html'] as const, flag);
    else if (flag === '--minutes') a.minutes = sessionMinutes(value());
    else return false;
    return true;
  }, (w) => a.paths.push(w));
  return a;
}

export function runWorkshop(args: WorkshopArgs, cwd: string, io: Io): number {
  const { engine, results } = analyzeModels(args, cwd, io);
  const date = todayOf(args);
  const packs = results.map((r) => buildWorkshopPack(r, engine.catalog, engine.lookup, { path: r.file.path, date, ...(args.minutes ? { minutes: args.minutes } : {}) }));
  if (args.format === 'html') {
    const title = packs.length === 1 ? `Workshop pack: ${packs[0].path}` : `Workshop packs: ${packs.length} files`;
    emit(workshopPage(title, packs.map(workshopSection), randomBytes(18).toString('base64url')), args, cwd, io);
    return 0;
  }
  emit(`${packs.map((p) => toWorkshopMarkdown(p).trimEnd()).join('\n\n---\n\n')}\n`, args, cwd, io);
  return 0;
}
