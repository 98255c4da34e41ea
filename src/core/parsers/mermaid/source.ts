import type { Span } from '../../model';
import { withLineFeeds } from '../common/lineBreaks';
import { CH, isBlank } from './chars';

export class Source {
  /** The text, with each lone `\r` read as `\n` (same length, same offsets: common/lineBreaks.ts). */
  readonly text: string;
  readonly length: number;
  /**
   * Lazily built sorted positions of each character searched for, with the index of the last
   * answer: the scanner mostly searches forward, so a search is usually O(1) from that hint, and
   * never worse than a binary search. Memory follows the number of occurrences, not the length of
   * the text (a per-character table of the whole text is megabytes for a large diagram).
   */
  private readonly occurrences = new Map<number, { at: Int32Array; hint: number }>();

  constructor(
    text: string,
    readonly offset: number,
  ) {
    this.text = withLineFeeds(text);
    this.length = this.text.length;
  }

  span(start: number, end: number): Span {
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    return { start: this.offset + s, end: this.offset + e };
  }

  code(i: number): number {
    return i < this.length ? this.text.charCodeAt(i) : -1;
  }

  startsWith(s: string, i: number): boolean {
    return this.text.startsWith(s, i);
  }

  /** Skips spaces and tabs (not newlines). */
  skipBlanks(i: number): number {
    while (i < this.length && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** Index of the `\n` (or lone `\r`) ending the line that contains `i`, or the text length. */
  lineEnd(i: number): number {
    const nl = this.nextIndexOf(CH.NL, i);
    return nl === -1 ? this.length : nl;
  }

  /** Like `lineEnd`, but without a trailing `\r`. */
  lineContentEnd(i: number): number {
    let e = this.lineEnd(i);
    while (e > i && this.text.charCodeAt(e - 1) === CH.CR) e--;
    return e;
  }

  /** True when only blanks separate the start of the line from `i`. */
  atLineStart(i: number): boolean {
    for (let k = i - 1; k >= 0; k--) {
      const c = this.text.charCodeAt(k);
      if (c === CH.NL) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  /** First index >= i holding char code `c`, or -1. */
  nextIndexOf(c: number, i: number): number {
    if (i >= this.length) return -1;
    const from = Math.max(0, i);
    let occ = this.occurrences.get(c);
    if (!occ) {
      const found: number[] = [];
      const ch = String.fromCharCode(c);
      for (let k = this.text.indexOf(ch); k !== -1; k = this.text.indexOf(ch, k + 1)) found.push(k);
      occ = { at: Int32Array.from(found), hint: 0 };
      this.occurrences.set(c, occ);
    }
    const at = occ.at;
    // The answer is the first position >= from: try the last answer and the one after it first.
    let h = occ.hint;
    if (h < at.length && at[h] >= from && (h === 0 || at[h - 1] < from)) return at[h];
    h++;
    if (h < at.length && at[h] >= from && at[h - 1] < from) {
      occ.hint = h;
      return at[h];
    }
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    occ.hint = lo;
    return lo < at.length ? at[lo] : -1;
  }

  private readonly stringSearches = new Map<string, { from: number; found: number }>();

  /**
   * `text.indexOf(needle, i)` that remembers its last answer: a failed or far-reaching search is
   * not repeated from nearby positions, which keeps error recovery linear.
   */
  indexOf(needle: string, i: number): number {
    const last = this.stringSearches.get(needle);
    if (last && last.from <= i && (last.found === -1 || i <= last.found)) return last.found;
    const found = this.text.indexOf(needle, i);
    this.stringSearches.set(needle, { from: i, found });
    return found;
  }

  /** Trims blanks and newlines from both ends of [start, end). */
  trim(start: number, end: number): [number, number] {
    while (start < end && isSpaceOrNewline(this.text.charCodeAt(start))) start++;
    while (end > start && isSpaceOrNewline(this.text.charCodeAt(end - 1))) end--;
    return [start, end];
  }
}

export function isSpaceOrNewline(c: number): boolean {
  return c === CH.NL || isBlank(c);
}
