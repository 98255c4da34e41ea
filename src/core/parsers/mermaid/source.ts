import type { Span } from '../../model';
import { CH, isBlank } from './chars';

/**
 * Above this length the per-character lookup tables (4 bytes per character each) would cost more
 * memory than they are worth; remembered `indexOf` searches take over.
 */
const TABLE_LIMIT = 1 << 20;

/**
 * The diagram text plus the offset of its first character in the enclosing file. Every index the
 * scanner handles is an index into `text`; `span()` is the only place the offset is added.
 */
export class Source {
  readonly length: number;
  /** Lazily built "next index of char c at or after i" tables, so repeated searches stay O(1). */
  private readonly nextTables = new Map<number, Int32Array>();

  constructor(
    readonly text: string,
    readonly offset: number,
  ) {
    this.length = text.length;
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

  /** Index of the `\n` ending the line that contains `i`, or the text length. */
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
    if (this.length > TABLE_LIMIT) return this.indexOf(String.fromCharCode(c), Math.max(0, i));
    let table = this.nextTables.get(c);
    if (!table) {
      table = new Int32Array(this.length + 1);
      let next = -1;
      table[this.length] = -1;
      for (let k = this.length - 1; k >= 0; k--) {
        if (this.text.charCodeAt(k) === c) next = k;
        table[k] = next;
      }
      this.nextTables.set(c, table);
    }
    return table[Math.max(0, i)];
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
