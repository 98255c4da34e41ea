/**
 * What keeps one file from costing the whole run: its problems are capped (a file of 130,000
 * stray `end` lines would otherwise flood the editor and the reports), and an exception while
 * analysing it becomes an error on that file. Every host analyses through `Engine.analyze`,
 * which applies both, so the CLI, the workspace scan and the editor behave alike.
 */
import { detectFormat } from './document';
import type { Problem } from './model';
import type { FileResult } from './report/types';

/** More problems than this in one file are summarised, not listed. */
export const MAX_PROBLEMS_PER_FILE = 200;

/** The first `max` problems (in the given order) and one summary of the rest. */
export function capProblems(problems: Problem[], max = MAX_PROBLEMS_PER_FILE): Problem[] {
  if (problems.length <= max) return problems;
  const kept = problems.slice(0, max);
  const first = problems[max];
  kept.push({
    code: 'file/too-many-problems',
    severity: 'warning',
    span: first.span,
    message: `Threatlens lists the first ${max} problems of this file; ${problems.length - max} more from here on are not shown. Fix the ones above and the rest will appear.`,
  });
  return kept;
}

/**
 * Runs `analyze`; if it throws, the file gets one error saying so (with the cause) and no
 * findings, and the caller carries on with its other files.
 */
export function guardFile(path: string, text: string, analyze: () => FileResult | undefined): FileResult | undefined {
  try {
    const r = analyze();
    if (r) r.problems = capProblems(r.problems);
    return r;
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    return {
      file: { path, format: safeFormat(path, text), text, models: [], problems: [] },
      findings: [],
      problems: [{
        code: 'file/analysis-failed',
        severity: 'error',
        span: { start: 0, end: 0 },
        message: `Threatlens failed while analysing this file (${cause.slice(0, 200)}), so it has no findings; other files are not affected. This is a bug in Threatlens: please report it with the file.`,
      }],
    };
  }
}

function safeFormat(path: string, text: string): FileResult['file']['format'] {
  try {
    return detectFormat(path, text) ?? 'mermaid';
  } catch {
    return 'mermaid';
  }
}
