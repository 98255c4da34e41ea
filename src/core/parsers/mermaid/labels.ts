import { CH, isBlank } from './chars';
import { decodeEntities } from './entities';
import type { Source } from './source';

/** True when `<br`, optional blanks, optional `/`, `>` starts at `i` (any letter case). */
function brTagEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== CH.LT) return -1;
  const b = s.charCodeAt(i + 1) | 0x20;
  const r = s.charCodeAt(i + 2) | 0x20;
  if (b !== 98 || r !== 114) return -1;
  let j = i + 3;
  while (j < s.length && isBlank(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) === CH.SLASH) j++;
  return s.charCodeAt(j) === CH.GT ? j + 1 : -1;
}

/**
 * The text a reader sees for a raw label: `<br>` becomes a space, character references are decoded
 * and runs of whitespace (including the newlines of multi-line strings) collapse to one space.
 */
export function decodeLabel(raw: string): string {
  let withoutBreaks = raw;
  if (raw.indexOf('<') !== -1) {
    withoutBreaks = '';
    let last = 0;
    for (let i = raw.indexOf('<'); i !== -1 && i < raw.length; i = raw.indexOf('<', i + 1)) {
      const end = brTagEnd(raw, i);
      if (end === -1) continue;
      withoutBreaks += raw.slice(last, i) + ' ';
      last = end;
      i = end - 1;
    }
    withoutBreaks += raw.slice(last);
  }
  return collapseWhitespace(decodeEntities(withoutBreaks));
}

export function collapseWhitespace(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === CH.NL || isBlank(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += s[i];
  }
  return out;
}

export interface QuotedText {
  /** Range of the text between the delimiters (`"…"` or `` "`…`" ``). */
  contentStart: number;
  contentEnd: number;
  /** Index after the closing delimiter; for an unclosed string, the end of the opening line. */
  end: number;
  closed: boolean;
  markdown: boolean;
  /** The string runs over a line break (legal in Mermaid, but also what a missing quote looks like). */
  multiline: boolean;
}

/** Reads a Mermaid string starting at the `"` at `i`: a plain `"…"` or a markdown `` "`…`" ``. */
export function readQuoted(src: Source, i: number): QuotedText {
  const markdown = src.code(i + 1) === CH.BACKTICK;
  const contentStart = markdown ? i + 2 : i + 1;
  let close = -1;
  if (markdown) {
    let k = src.nextIndexOf(CH.BACKTICK, contentStart);
    while (k !== -1 && src.code(k + 1) !== CH.QUOTE) k = src.nextIndexOf(CH.BACKTICK, k + 1);
    close = k;
  } else {
    close = src.nextIndexOf(CH.QUOTE, contentStart);
  }
  if (close === -1) {
    const end = src.lineContentEnd(i);
    return { contentStart, contentEnd: end, end, closed: false, markdown, multiline: false };
  }
  const nl = src.nextIndexOf(CH.NL, contentStart);
  const multiline = nl !== -1 && nl < close;
  return { contentStart, contentEnd: close, end: close + (markdown ? 2 : 1), closed: true, markdown, multiline };
}

/** Label text and its trimmed source range, or undefined when the range holds only whitespace. */
export interface LabelText {
  label: string;
  start: number;
  end: number;
}

export function labelFromRange(src: Source, start: number, end: number): LabelText | undefined {
  const [s, e] = src.trim(start, end);
  if (e <= s) return undefined;
  const label = decodeLabel(src.text.slice(s, e));
  return label === '' ? undefined : { label, start: s, end: e };
}
