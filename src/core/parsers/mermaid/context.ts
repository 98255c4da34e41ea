import type { Annotation } from '../../model';
import type { ModelBuilder } from './builder';
import { CH, isBlank } from './chars';
import { CODES, quoteSnippet, type Problems } from './problems';
import type { Source } from './source';

/** Everything a statement parser needs; statement parsers return the index where they stopped. */
export interface Ctx {
  src: Source;
  problems: Problems;
  model: ModelBuilder;
  annotations: Annotation[];
}

/** Index of the next `;` or line break at or after `i` (the end of a Mermaid statement). */
export function statementBreak(src: Source, i: number): number {
  const semi = src.nextIndexOf(CH.SEMI, i);
  const nl = src.lineEnd(i);
  return semi !== -1 && semi < nl ? semi : nl;
}

/**
 * Checks that nothing but blanks remains before the end of the statement. Reports a trailing `%%`
 * comment or stray text; returns where parsing should resume.
 */
export function endStatement(ctx: Ctx, i: number, after: string, expected = '`;` or the end of the line'): number {
  const { src, problems } = ctx;
  const p = src.skipBlanks(i);
  const c = src.code(p);
  if (c === -1 || c === CH.NL || c === CH.SEMI) return p;
  const lineEnd = src.lineContentEnd(p);
  if (src.startsWith('%%', p)) {
    problems.error(CODES.trailingComment,
      'Mermaid only treats `%%` as a comment at the start of a line; move this comment to a line of its own.',
      p, lineEnd);
    return src.lineEnd(p);
  }
  let tokenEnd = p;
  while (tokenEnd < lineEnd && !isBlank(src.code(tokenEnd))) tokenEnd++;
  problems.error(CODES.unexpectedText,
    `Unexpected ${quoteSnippet(src.text.slice(p, tokenEnd))} after ${after}; expected ${expected}.`,
    p, tokenEnd);
  return src.lineEnd(p);
}
