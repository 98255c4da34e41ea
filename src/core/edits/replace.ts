/** Fixes for problems that come with near matches: replace the misspelt id with a suggestion. */
import type { Problem } from '../model';
import type { TextEdit } from './text';

/** Problem codes whose span is exactly the misspelt word, so a suggestion can replace it. */
export const REPLACEABLE_CODES: ReadonlySet<string> = new Set([
  'annotation/unknown-node',
  'annotation/unknown-threat',
  'annotation/syntax',
  'yaml/unknown-boundary',
]);

/** Suggestions a quick fix can offer for `problem` (none when its span is not a single word). */
export function replacementSuggestions(text: string, problem: Problem): string[] {
  if (!REPLACEABLE_CODES.has(problem.code) || !problem.suggestions?.length) return [];
  const written = text.slice(problem.span.start, problem.span.end);
  if (written.length === 0 || /\s/.test(written)) return [];
  return problem.suggestions.filter((s) => s !== written && s.length > 0 && !/\s/.test(s)).slice(0, 8);
}

/** Replaces `span` with `replacement`; nothing when the text there already reads so. */
export function replaceEdit(text: string, span: { start: number; end: number }, replacement: string): TextEdit[] {
  return text.slice(span.start, span.end) === replacement ? [] : [{ span: { start: span.start, end: span.end }, newText: replacement }];
}
