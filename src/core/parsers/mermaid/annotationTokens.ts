import { CH, isBlank } from './chars';
import type { Source } from './source';

/**
 * Tokens of one annotation comment: bare words, `"quoted strings"` (with `\"` and `\\` escapes)
 * and `key=value` pairs whose value may be quoted.
 */
export interface Token {
  kind: 'word' | 'string' | 'pair';
  /** Word text, unescaped string content, or the pair's key. */
  text: string;
  /** Whole token as written. */
  start: number;
  end: number;
  /** For a string, or a pair's value: the value and the range of its content (inside quotes). */
  value?: string;
  valueStart?: number;
  valueEnd?: number;
  valueQuoted?: boolean;
  /** Set when a quote is never closed; the token then runs to the end of the line. */
  unterminated?: boolean;
}

interface Quoted {
  value: string;
  contentEnd: number;
  end: number;
  closed: boolean;
}

function readQuotedValue(src: Source, quote: number, lineEnd: number): Quoted {
  let out = '';
  let j = quote + 1;
  let runStart = j;
  while (j < lineEnd) {
    const c = src.code(j);
    if (c === CH.BACKSLASH && j + 1 < lineEnd) {
      const n = src.code(j + 1);
      if (n === CH.QUOTE || n === CH.BACKSLASH) {
        out += src.text.slice(runStart, j) + src.text[j + 1];
        j += 2;
        runStart = j;
        continue;
      }
    }
    if (c === CH.QUOTE) {
      out += src.text.slice(runStart, j);
      return { value: out, contentEnd: j, end: j + 1, closed: true };
    }
    j++;
  }
  out += src.text.slice(runStart, lineEnd);
  return { value: out, contentEnd: lineEnd, end: lineEnd, closed: false };
}

export function tokenize(src: Source, start: number, lineEnd: number): Token[] {
  const tokens: Token[] = [];
  let p = start;
  for (;;) {
    p = src.skipBlanks(p);
    if (p >= lineEnd) break;
    if (src.code(p) === CH.QUOTE) {
      const q = readQuotedValue(src, p, lineEnd);
      tokens.push({
        kind: 'string', text: q.value, start: p, end: q.end,
        value: q.value, valueStart: p + 1, valueEnd: q.contentEnd, valueQuoted: true, unterminated: !q.closed,
      });
      p = q.end;
      continue;
    }
    let j = p;
    let eq = -1;
    while (j < lineEnd && !isBlank(src.code(j))) {
      if (src.code(j) === CH.EQ && eq === -1) {
        eq = j;
        if (src.code(j + 1) === CH.QUOTE) break;
      }
      j++;
    }
    if (eq === -1) {
      tokens.push({ kind: 'word', text: src.text.slice(p, j), start: p, end: j });
      p = j;
      continue;
    }
    const token: Token = { kind: 'pair', text: src.text.slice(p, eq), start: p, end: j };
    if (src.code(eq + 1) === CH.QUOTE) {
      const q = readQuotedValue(src, eq + 1, lineEnd);
      Object.assign(token, { end: q.end, value: q.value, valueStart: eq + 2, valueEnd: q.contentEnd, valueQuoted: true, unterminated: !q.closed });
      j = q.end;
    } else {
      Object.assign(token, { value: src.text.slice(eq + 1, j), valueStart: eq + 1, valueEnd: j, valueQuoted: false });
    }
    tokens.push(token);
    p = j;
  }
  return tokens;
}

/** Threat references look like `LLM01`, `LLM01:2025`, `ASI02`, `AML.T0051.001` or `TL001`. */
export function isThreatRef(s: string): boolean {
  if (s.length === 0 || s.length > 64) return false;
  let prevSeparator = true;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum) {
      if (k === 0 && c <= 57) return false;
      prevSeparator = false;
    } else if (c === CH.DOT || c === CH.COLON || c === CH.DASH || c === CH.UNDERSCORE) {
      if (prevSeparator) return false;
      prevSeparator = true;
    } else {
      return false;
    }
  }
  return !prevSeparator;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (![y, m, d].every(Number.isInteger) || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
