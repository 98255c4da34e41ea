import { CH } from './chars';
import type { Source } from './source';

/**
 * Arrow tokens, matched the way Mermaid's lexer matches them: the first rule that fits wins, not
 * the longest. Each matcher returns the index after the token, or -1.
 */

export type Family = 'normal' | 'thick' | 'dotted' | 'invisible';

export interface ArrowToken {
  start: number;
  end: number;
  family: Family;
  /** `--`, `==` or `-.`: an inline label follows and another token of the same family closes it. */
  opensLabel: boolean;
}

function isEndPrefix(c: number): boolean {
  return c === 120 /* x */ || c === 111 /* o */ || c === CH.LT;
}

function isHead(c: number): boolean {
  return c === 120 /* x */ || c === 111 /* o */ || c === CH.GT;
}

/** `[xo<]?(--+|==+)[-xo>]`, with the stroke character given by `stroke`. */
function matchSolid(src: Source, i: number, stroke: number): number {
  const q = isEndPrefix(src.code(i)) ? i + 1 : i;
  let d = q;
  while (src.code(d) === stroke) d++;
  const n = d - q;
  if (n < 2) return -1;
  if (isHead(src.code(d))) return d + 1;
  return n >= 3 ? d : -1;
}

/** `[xo<]?--` or `[xo<]?==`: the opening half of an arrow with an inline label. */
function matchSolidOpen(src: Source, i: number, stroke: number): number {
  const q = isEndPrefix(src.code(i)) ? i + 1 : i;
  return src.code(q) === stroke && src.code(q + 1) === stroke ? q + 2 : -1;
}

/** `[xo<]?-?\.+-[xo>]?` */
function matchDotted(src: Source, i: number): number {
  let q = isEndPrefix(src.code(i)) ? i + 1 : i;
  if (src.code(q) === CH.DASH && src.code(q + 1) === CH.DOT) q++;
  if (src.code(q) !== CH.DOT) return -1;
  while (src.code(q) === CH.DOT) q++;
  if (src.code(q) !== CH.DASH) return -1;
  q++;
  return isHead(src.code(q)) ? q + 1 : q;
}

/** `[xo<]?-\.` */
function matchDottedOpen(src: Source, i: number): number {
  const q = isEndPrefix(src.code(i)) ? i + 1 : i;
  return src.code(q) === CH.DASH && src.code(q + 1) === CH.DOT ? q + 2 : -1;
}

/** `~~~+` */
function matchInvisible(src: Source, i: number): number {
  let q = i;
  while (src.code(q) === CH.TILDE) q++;
  return q - i >= 3 ? q : -1;
}

/** The arrow token starting exactly at `i`, tried in the order of Mermaid's lexer rules. */
export function matchArrow(src: Source, i: number): ArrowToken | undefined {
  let end = matchSolid(src, i, CH.DASH);
  if (end !== -1) return { start: i, end, family: 'normal', opensLabel: false };
  end = matchSolidOpen(src, i, CH.DASH);
  if (end !== -1) return { start: i, end, family: 'normal', opensLabel: true };
  end = matchSolid(src, i, CH.EQ);
  if (end !== -1) return { start: i, end, family: 'thick', opensLabel: false };
  end = matchSolidOpen(src, i, CH.EQ);
  if (end !== -1) return { start: i, end, family: 'thick', opensLabel: true };
  end = matchDotted(src, i);
  if (end !== -1) return { start: i, end, family: 'dotted', opensLabel: false };
  end = matchDottedOpen(src, i);
  if (end !== -1) return { start: i, end, family: 'dotted', opensLabel: true };
  end = matchInvisible(src, i);
  if (end !== -1) return { start: i, end, family: 'invisible', opensLabel: false };
  return undefined;
}

/** The token that closes an inline label of `family`, starting exactly at `i`. */
export function matchClosingArrow(src: Source, i: number, family: Family): number {
  switch (family) {
    case 'normal':
      return matchSolid(src, i, CH.DASH);
    case 'thick':
      return matchSolid(src, i, CH.EQ);
    case 'dotted':
      return matchDotted(src, i);
    default:
      return -1;
  }
}

/** Whether a character may appear in an unquoted inline label of `family` (Mermaid's rules). */
export function isInlineLabelChar(src: Source, i: number, family: Family): boolean {
  const c = src.code(i);
  if (c === CH.QUOTE) return false;
  if (family === 'normal') return !(c === CH.DASH && src.code(i + 1) === CH.DASH);
  if (family === 'thick') return c !== CH.EQ;
  return c !== CH.DOT;
}

type HeadKind = 'open' | 'point' | 'cross' | 'circle';

function headOf(c: string): HeadKind {
  return c === '>' ? 'point' : c === 'x' ? 'cross' : c === 'o' ? 'circle' : 'open';
}

function tailOf(c: string): HeadKind {
  return c === '<' ? 'point' : c === 'x' ? 'cross' : c === 'o' ? 'circle' : 'open';
}

/**
 * Whether data flows both ways: `<-->`, `o--o`, `x--x`, or an inline-label arrow whose opening
 * token carries the matching tail (`<-- text -->`). Mismatched pairs are one-way, as in Mermaid.
 */
export function isBidirectional(closing: string, opening?: string): boolean {
  const head = headOf(closing[closing.length - 1] ?? '');
  const closingDouble = head !== 'open' && tailOf(closing[0] ?? '') === head;
  if (opening === undefined) return closingDouble;
  const tail = tailOf(opening[0] ?? '');
  if (tail === 'open') return closingDouble;
  return !closingDouble && tail === head;
}
