/**
 * The terminals of Mermaid's architecture-beta grammar (packages/parser arch.langium), as forward
 * scans: ids `\w([-\w]*\w)?`, icons `(name)`, titles `[words]` or `["quoted"]`, and `%%` comments
 * that may follow any token.
 */
import { CH, isWordChar } from '../mermaid/chars';
import type { Source } from '../mermaid/source';
import type { TextRange } from '../common/diagramBuilder';
import { textRange } from '../common/scan';

/** Skips blanks and a trailing `%%` comment (the rest of the line). */
export function skipGap(src: Source, i: number): number {
  const p = src.skipBlanks(i);
  return src.startsWith('%%', p) && !src.startsWith('%%{', p) ? src.lineContentEnd(p) : p;
}

/** `\w([-\w]*\w)?`: index after the id at `i`, or `i`. */
export function idEnd(src: Source, i: number): number {
  if (!isWordChar(src.code(i))) return i;
  let j = i + 1;
  let lastWord = j;
  while (isWordChar(src.code(j)) || src.code(j) === CH.DASH) {
    j++;
    if (isWordChar(src.code(j - 1))) lastWord = j;
  }
  return lastWord;
}

export interface Token {
  start: number;
  end: number;
  /** The text inside the delimiters (decoded for titles). */
  value?: TextRange;
}

/** `(name)` with name `[\w-:]+`, at `i`. */
export function readIcon(src: Source, i: number): Token | undefined {
  if (src.code(i) !== CH.LPAREN) return undefined;
  let j = i + 1;
  while (isWordChar(src.code(j)) || src.code(j) === CH.DASH || src.code(j) === CH.COLON) j++;
  if (j === i + 1 || src.code(j) !== CH.RPAREN) return undefined;
  return { start: i, end: j + 1, value: { text: src.text.slice(i + 1, j), start: i + 1, end: j } };
}

/** A quoted string `"…"` or `'…'` with backslash escapes, at `i`. */
function quotedEnd(src: Source, i: number): number {
  const q = src.code(i);
  const lineEnd = src.lineEnd(i);
  for (let j = i + 1; j < lineEnd; j++) {
    const c = src.code(j);
    if (c === CH.BACKSLASH) j++;
    else if (c === q) return j + 1;
  }
  return -1;
}

export function readQuotedString(src: Source, i: number): Token | undefined {
  const q = src.code(i);
  if (q !== CH.QUOTE && q !== CH.APOS) return undefined;
  const end = quotedEnd(src, i);
  if (end === -1) return undefined;
  const value = textRange(src, i + 1, end - 1);
  return value ? { start: i, end, value } : { start: i, end };
}

/**
 * `[text]` or `["quoted"]` at `i` (Mermaid's ARCH_TITLE: any text without brackets or line
 * breaks). As in Mermaid's value converter, a title wholly in quotes loses them.
 */
export function readTitle(src: Source, i: number): Token | undefined {
  if (src.code(i) !== CH.LBRACKET) return undefined;
  let end = -1;
  const q = src.code(i + 1);
  if (q === CH.QUOTE || q === CH.APOS) {
    const s = quotedEnd(src, i + 1);
    if (s !== -1 && src.code(s) === CH.RBRACKET) end = s;
  }
  if (end === -1) {
    let j = i + 1;
    for (let c = src.code(j); c !== -1 && c !== CH.LBRACKET && c !== CH.RBRACKET && c !== CH.NL && c !== CH.CR; c = src.code(j)) j++;
    if (j === i + 1 || src.code(j) !== CH.RBRACKET) return undefined;
    end = j;
  }
  const raw = textRange(src, i + 1, end);
  if (!raw) return { start: i, end: end + 1 };
  const first = src.code(raw.start);
  if ((first === CH.QUOTE || first === CH.APOS) && raw.end - raw.start >= 2 && src.code(raw.end - 1) === first) {
    const inner = textRange(src, raw.start + 1, raw.end - 1);
    const value = inner ? { ...inner, text: inner.text.replace(/\\(["'])/g, '$1') } : undefined;
    return { start: i, end: end + 1, ...(value ? { value } : {}) };
  }
  return { start: i, end: end + 1, value: raw };
}
