/**
 * Character-level helpers shared by the C4, architecture and sequence parsers. Everything is a
 * forward scan over char codes: no regular expression runs over user text, so each parser stays
 * linear in the size of the diagram.
 */
import { labelFromRange } from '../mermaid/labels';
import { CH, isBlank, isWordChar } from '../mermaid/chars';
import type { Source } from '../mermaid/source';
import type { TextRange } from './diagramBuilder';
import type { DiagramCtx } from './diagramCtx';

/** End of the run of `[A-Za-z0-9_]` starting at `i` (`i` itself when there is none). */
export function wordEnd(src: Source, i: number): number {
  let j = i;
  while (j < src.length && isWordChar(src.code(j))) j++;
  return j;
}

/**
 * Mermaid replaces `#name;` and `#123;` with placeholders before its lexer runs, so their `#` and
 * `;` never end a statement. Returns the index after the reference, or -1.
 */
export function entityEnd(src: Source, i: number): number {
  if (src.code(i) !== CH.HASH) return -1;
  const end = wordEnd(src, i + 1);
  return end > i + 1 && src.code(end) === CH.SEMI ? end + 1 : -1;
}

/** Skips blanks, and `\n` too when `lines` is set. */
export function skipSpace(src: Source, i: number, lines: boolean): number {
  let j = i;
  while (j < src.length && (isBlank(src.code(j)) || (lines && src.code(j) === CH.NL))) j++;
  return j;
}

/** The trimmed, decoded text of `[start, end)` (HTML tags and entities resolved, as a reader sees it). */
export function textRange(src: Source, start: number, end: number): TextRange | undefined {
  const l = labelFromRange(src, start, end);
  return l ? { text: l.label, start: l.start, end: l.end } : undefined;
}

/** True when `word` starts at `i` and is not followed by a word character (`\b`), ignoring case when asked. */
export function keywordAt(src: Source, i: number, word: string, ignoreCase: boolean): boolean {
  const end = i + word.length;
  if (end > src.length) return false;
  const found = src.text.slice(i, end);
  if (ignoreCase ? found.toLowerCase() !== word.toLowerCase() : found !== word) return false;
  return !isWordChar(src.code(end));
}

/**
 * The statement loop the C4, architecture and sequence parsers share: skips blank lines (and `;`
 * where the diagram allows it), and contains a defect in one statement so the rest of the
 * diagram is still read. Always advances, so no input can make it loop forever.
 */
export function forEachStatement<S>(ctx: DiagramCtx, state: S, start: number, parseOne: (ctx: DiagramCtx, state: S, i: number) => number, semicolons = false): void {
  const { src, problems } = ctx;
  let i = start;
  while (i < src.length) {
    const c = src.code(i);
    if (c === CH.NL || (semicolons && c === CH.SEMI) || isBlank(c)) {
      i++;
      continue;
    }
    const before = i;
    try {
      i = parseOne(ctx, state, i);
    } catch (e) {
      problems.error('mermaid/internal-error',
        `Threatlens could not parse this line (${e instanceof Error ? e.message : String(e)}); the rest of the diagram was still read.`,
        i, src.lineContentEnd(i));
      i = src.lineEnd(i);
    }
    if (i <= before) i = before + 1;
  }
}

