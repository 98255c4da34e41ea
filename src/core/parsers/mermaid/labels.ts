import { CH, isBlank } from './chars';
import { decodeEntities } from './entities';
import { isSpaceOrNewline, type Source } from './source';

/** Tags that render inline: removing them must not split a word (`<b>Bo</b>ld`). */
const INLINE_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

function isTagNameChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return first ? letter : letter || (c >= 48 && c <= 57) || c === CH.DASH;
}

/**
 * If an HTML tag (`<b>`, `</div>`, `<br/>`, `<div style='…'>`) starts at `i`, returns its end and
 * whether it renders inline; otherwise undefined. The search for `>` stops at the next `<`, so
 * scanning a label stays linear however many `<` it holds.
 */
function tagAt(s: string, i: number): { end: number; inline: boolean } | undefined {
  let j = i + 1;
  if (s.charCodeAt(j) === CH.SLASH) j++;
  const nameStart = j;
  while (j < s.length && isTagNameChar(s.charCodeAt(j), j === nameStart)) j++;
  if (j === nameStart) return undefined;
  const name = s.slice(nameStart, j).toLowerCase();
  const next = s.charCodeAt(j);
  if (!(next === CH.GT || next === CH.SLASH || isBlank(next) || next === CH.NL)) return undefined;
  for (let k = j; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === CH.GT) return { end: k + 1, inline: INLINE_TAGS.has(name) };
    if (c === CH.LT) return undefined;
  }
  return undefined;
}

/**
 * The text a reader sees for a raw label: HTML tags are dropped (`<br>` and block tags become a
 * space), character references are decoded and runs of whitespace (including the newlines of
 * multi-line strings) collapse to one space.
 */
export function decodeLabel(raw: string): string {
  let text = raw;
  if (raw.indexOf('<') !== -1) {
    text = '';
    let last = 0;
    for (let i = raw.indexOf('<'); i !== -1; i = raw.indexOf('<', i + 1)) {
      const tag = tagAt(raw, i);
      if (!tag) continue;
      text += raw.slice(last, i) + (tag.inline ? '' : ' ');
      last = tag.end;
      i = tag.end - 1;
    }
    text += raw.slice(last);
  }
  return collapseWhitespace(decodeEntities(text));
}

export function collapseWhitespace(s: string): string {
  let out = '';
  let runStart = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : CH.NL;
    const space = c === CH.NL || isBlank(c);
    if (!space && runStart === -1) {
      runStart = i;
    } else if (space && runStart !== -1) {
      out += (out === '' ? '' : ' ') + s.slice(runStart, i);
      runStart = -1;
    }
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
    close = src.indexOf('`"', contentStart);
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
  let s = start;
  let e = end;
  while (s < e && isSpaceOrNewline(src.code(s))) s++;
  while (e > s && isSpaceOrNewline(src.code(e - 1))) e--;
  if (e <= s) return undefined;
  const label = decodeLabel(src.text.slice(s, e));
  return label === '' ? undefined : { label, start: s, end: e };
}
