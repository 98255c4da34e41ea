import { parseAnnotation, type AnnotationCtx } from './annotations';
import { CH } from './chars';
import type { Ctx } from './context';
import { directiveEnd } from './preamble';
import { CODES } from './problems';

/**
 * Handles a whole-line `%%` comment or a `%%{…}%%` directive starting at `i`: annotations are
 * parsed, everything else is skipped. Returns the index after it.
 */
export function parseComment(ctx: AnnotationCtx, i: number): number {
  const { src, problems } = ctx;
  if (src.startsWith('%%{', i)) {
    const close = src.indexOf('}%%', i + 3);
    if (close !== -1) return close + 3;
    problems.warning(CODES.unterminatedDirective, 'This `%%{` directive is never closed with `}%%`.', i, i + 3);
    return src.lineEnd(i);
  }
  const lineEnd = src.lineContentEnd(i);
  const body = src.skipBlanks(i + 2);
  if (src.code(body) === CH.AT) parseAnnotation(ctx, i, body, lineEnd);
  return src.lineEnd(i);
}

/**
 * Skips blanks, line breaks and whole comment lines from `i` (Mermaid strips comments before it
 * parses, and its arrow tokens swallow surrounding whitespace, so `A` on one line and `--> B` on
 * the next form one statement). With `consume`, comments in the gap are handled (annotations
 * recorded); without it the scan is a pure look-ahead. Returns the end and whether a line break
 * was crossed.
 */
export function skipGap(ctx: Ctx, i: number, consume: boolean): { end: number; crossedLine: boolean } {
  const { src } = ctx;
  let j = i;
  let crossedLine = false;
  for (;;) {
    j = src.skipBlanks(j);
    if (src.code(j) !== CH.NL) break;
    crossedLine = true;
    j++;
    const k = src.skipBlanks(j);
    if (src.startsWith('%%', k)) {
      j = consume ? parseComment(ctx, k) : src.startsWith('%%{', k) ? directiveEnd(src, k) : src.lineEnd(k);
    }
  }
  return { end: j, crossedLine };
}
