/**
 * `threatlens check`: analyse the working tree and report. With `--baseline`, findings the
 * baseline records are left out of the report and out of `--fail-on`, except those that went
 * back to open (an accepted risk whose acceptance expired, a mitigation removed).
 */
import { pathToFileURL } from 'node:url';
import { coverageLine } from '../../core/inference/recognition';
import { SEVERITY_ORDER } from '../../core/analysis/score';
import { diffBaseline, diffToPrComment, failingFindings, type Baseline, type ThreatDiff } from '../../core/diff';
import type { Engine } from '../../core/engine';
import { buildCompliance } from '../../core/governance/build';
import { toComplianceJson, toComplianceMarkdown } from '../../core/governance/markdown';
import { printableJson } from '../../core/report/escape';
import { toJsonReport } from '../../core/report/json';
import { toMarkdown } from '../../core/report/markdown';
import { toSarif } from '../../core/report/sarif';
import { toText } from '../../core/report/text';
import type { FileResult } from '../../core/report/types';
import { VERSION } from '../../core/version';
import { CHECK_FORMATS, FAIL_LEVELS, commonDefaults, oneOf, readArgs, type CommonArgs, type FailLevel } from '../args';
import { emit, makeEngine, type Io } from '../context';
import { analyzeWorkingTree } from '../workingTree';
import { linkBase, readBaseline } from './shared';

export interface CheckArgs extends CommonArgs {
  command: 'check';
  paths: string[];
  format: (typeof CHECK_FORMATS)[number];
  failOn: FailLevel;
  baseline?: string;
  linkBase?: string;
}

export function parseCheck(rest: readonly string[]): CheckArgs {
  const a: CheckArgs = { ...commonDefaults(), command: 'check', paths: [], format: 'text', failOn: 'high' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--format') a.format = oneOf(value(), CHECK_FORMATS, flag);
    else if (flag === '--fail-on') a.failOn = oneOf(value(), FAIL_LEVELS, flag);
    else if (flag === '--baseline') a.baseline = value();
    else if (flag === '--link-base') a.linkBase = linkBase(value());
    else return false;
    return true;
  }, (w) => a.paths.push(w));
  return a;
}

/** Keeps the findings the comparison reports: new ones and those open again. */
function reported(results: FileResult[], diff: ThreatDiff): FileResult[] {
  const keep = new Set([...diff.newFindings, ...diff.statusChanges.filter((c) => c.to === 'open')].map((x) => x.finding));
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => keep.has(f)) }));
}

export function runCheck(args: CheckArgs, cwd: string, io: Io): number {
  const engine = makeEngine(args, cwd, io);
  const { results } = analyzeWorkingTree(args.paths, cwd, engine, io);
  const baseline: Baseline | undefined = args.baseline ? readBaseline(args.baseline, cwd) : undefined;
  const diff = baseline ? diffBaseline(baseline, results, { base: { label: args.baseline ?? 'baseline', kind: 'baseline' } }) : undefined;
  const shown = diff ? reported(results, diff) : results;
  const hidden = count(results) - count(shown);
  emit(render(args, shown, engine, cwd, diff, results, hidden), args, cwd, io);
  if (diff) return failingFindings(diff, args.failOn).length ? 1 : 0;
  const threshold = args.failOn === 'none' ? Infinity : SEVERITY_ORDER[args.failOn];
  return results.some((r) => r.findings.some((f) => f.status === 'open' && SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

const count = (rs: FileResult[]) => rs.reduce((n, r) => n + r.findings.length, 0);

function render(args: CheckArgs, results: FileResult[], engine: Engine, cwd: string, diff: ThreatDiff | undefined, all: FileResult[], hidden: number): string {
  const note = `${hidden} finding(s) recorded in the baseline are not shown.\n`;
  switch (args.format) {
    case 'json': {
      const report = toJsonReport(results, VERSION);
      if (diff) report.summary.baselined = hidden;
      return `${printableJson(JSON.stringify(report, null, 2))}\n`;
    }
    case 'sarif': return `${printableJson(JSON.stringify(toSarif(results, engine.rules, engine.lookup, VERSION, pathToFileURL(cwd).href), null, 2))}\n`;
    case 'markdown': return toMarkdown(results, engine.lookup) + (diff ? `\n${note}` : '');
    case 'compliance': return toComplianceMarkdown(buildCompliance(results)) + (diff ? `\n${note}` : '');
    case 'compliance-json': return `${printableJson(JSON.stringify(toComplianceJson(buildCompliance(results)), null, 2))}\n`;
    case 'pr-comment': {
      // Without a baseline every finding is new: the comment then lists the whole model's risks.
      const d = diff ?? diffBaseline({ threatlensBaseline: '1', findings: [] }, all, { base: { label: 'no baseline', kind: 'baseline' } });
      const coverage = coverageLine(results);
      return diffToPrComment(d, engine.lookup, { linkBase: args.linkBase }) + (coverage ? `\n**${coverage}.** No rule checks them until their kind is declared; \`threatlens check\` lists them.\n` : '');
    }
    default: return toText(results, engine.lookup) + (diff ? note : '');
  }
}
