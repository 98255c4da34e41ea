/**
 * `threatlens diff <base-ref> [<head-ref>] [paths...]`: the threat model at two git revisions
 * (the head defaults to the working tree), compared. `--fail-on` counts only new findings and
 * findings open again, so a pull request is judged on what it changes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffResults, diffToJson, diffToMarkdown, diffToPrComment, diffToText, failingFindings, type DiffSide } from '../../core/diff';
import type { Engine } from '../../core/engine';
import { printableJson } from '../../core/report/escape';
import type { FileResult } from '../../core/report/types';
import { VERSION } from '../../core/version';
import { DIFF_FORMATS, FAIL_LEVELS, UsageError, commonDefaults, oneOf, readArgs, type CommonArgs, type FailLevel } from '../args';
import { CliExit, emit, makeEngine, type Io } from '../context';
import { selectTracked } from '../files';
import { GitTree, isRevision, resolveRevision, type Revision } from '../git';
import { analyzeWorkingTree } from '../workingTree';
import { linkBase, readBaseline } from './shared';

export interface DiffArgs extends CommonArgs {
  command: 'diff';
  /** Positional words: base ref, then an optional head ref, then paths. */
  words: string[];
  /** Words after `--`: always paths. */
  paths: string[];
  format: (typeof DIFF_FORMATS)[number];
  failOn: FailLevel;
  baseline?: string;
  linkBase?: string;
}

export function parseDiff(rest: readonly string[]): DiffArgs {
  const a: DiffArgs = { ...commonDefaults(), command: 'diff', words: [], paths: [], format: 'text', failOn: 'high' };
  const dashdash = rest.indexOf('--');
  const before = dashdash === -1 ? rest : rest.slice(0, dashdash);
  if (dashdash !== -1) a.paths = rest.slice(dashdash + 1);
  readArgs(before, a, (flag, value) => {
    if (flag === '--format') a.format = oneOf(value(), DIFF_FORMATS, flag);
    else if (flag === '--fail-on') a.failOn = oneOf(value(), FAIL_LEVELS, flag);
    else if (flag === '--baseline') a.baseline = value();
    else if (flag === '--link-base') a.linkBase = linkBase(value());
    else return false;
    return true;
  }, (w) => a.words.push(w));
  if (a.words.length === 0) throw new UsageError('diff needs a base revision, e.g. `threatlens diff main`');
  return a;
}

function atRevision(git: GitTree, rev: Revision, paths: string[], engine: Engine): { results: FileResult[]; missing: string[] } {
  const { files, missing } = selectTracked(git.list(rev), paths);
  const results: FileResult[] = [];
  for (const p of files) {
    const r = engine.analyze(p, git.read(rev, p));
    if (r) results.push(r);
  }
  return { results, missing };
}

export function runDiff(args: DiffArgs, cwd: string, io: Io): number {
  const [baseRef, ...others] = args.words;
  const base = resolveRevision(cwd, baseRef);
  // A second word is the head revision when it names a commit and no file of that name exists.
  const headRef = others.length && !existsSync(resolve(cwd, others[0])) && isRevision(cwd, others[0]) ? others.shift() : undefined;
  const head = headRef !== undefined ? resolveRevision(cwd, headRef) : undefined;
  const paths = [...others, ...args.paths];
  const engine = makeEngine(args, cwd, io);
  const git = new GitTree(cwd);
  const before = atRevision(git, base, paths, engine);
  const after = head ? atRevision(git, head, paths, engine) : analyzeWorkingTree(paths, cwd, engine, io, true);
  const nowhere = before.missing.filter((p) => after.missing.includes(p));
  if (nowhere.length) throw new CliExit(2, `no such file or nothing matched at either revision: ${nowhere.join(', ')}`);
  const headSide: DiffSide = head ? { label: head.ref, kind: 'revision' } : { label: 'working tree', kind: 'working-tree' };
  const diff = diffResults(before.results, after.results, {
    base: { label: base.ref, kind: 'revision' },
    head: headSide,
    ...(args.baseline ? { baseline: readBaseline(args.baseline, cwd) } : {}),
  });
  const out = args.format === 'json' ? `${printableJson(JSON.stringify(diffToJson(diff, VERSION), null, 2))}\n`
    : args.format === 'markdown' ? diffToMarkdown(diff, engine.lookup, { linkBase: args.linkBase })
      : args.format === 'pr-comment' ? diffToPrComment(diff, engine.lookup, { linkBase: args.linkBase })
        : diffToText(diff, engine.lookup);
  emit(out, args, cwd, io);
  return failingFindings(diff, args.failOn).length ? 1 : 0;
}
