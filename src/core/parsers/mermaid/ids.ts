import { matchArrow } from './arrows';
import { CH, ID_PUNCTUATION, isAsciiLetter, isBlank, isDigit, isUnicodeLetter } from './chars';
import type { Source } from './source';

/** One character of Mermaid's NODE_STRING token at `j` (`-` only when no arrow starts with it). */
function isNodeStringChar(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (isAsciiLetter(c) || isDigit(c)) return true;
  if (c === CH.DASH) {
    const next = j + 1 < text.length ? text.charCodeAt(j + 1) : -1;
    return !(next === -1 || next === CH.GT || next === CH.DASH || next === CH.DOT);
  }
  if (c === CH.PERCENT) return text.charCodeAt(j + 1) !== CH.PERCENT;
  return ID_PUNCTUATION.has(c) && c !== CH.COMMA;
}

/**
 * End of the node id that starts at `i` (returns `i` when there is none).
 *
 * Mermaid builds an id from adjacent lexer tokens, so it follows the lexer: a NODE_STRING run is
 * greedy (`Ao--oB` is `Ao` then `--o`), but after a token that ends on its own (a non-ASCII letter,
 * a digit run at a token start, `:`, `,`, `#`, `*`, `&`) an arrow may begin (`Caféo--oB` is `Café`
 * then `o--o`). `:::` ends the id, and a leading `&` joins a node group instead.
 */
export function scanIdEnd(src: Source, i: number): number {
  const text = src.text;
  const n = text.length;
  let j = i;
  while (j < n) {
    if (j > i && matchArrow(src, j)) break;
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    } else if (c === CH.COLON) {
      if (text.startsWith(':::', j)) break;
      j++;
    } else if (c === CH.COMMA || c === CH.HASH || c === 42 /* * */ || c === CH.AMP) {
      if (c === CH.AMP && j === i) break;
      j++;
    } else if (isNodeStringChar(text, j)) {
      while (j < n && isNodeStringChar(text, j)) j++;
    } else if (c >= 0x80 && !isBlank(c)) {
      const cp = text.codePointAt(j) ?? c;
      if (!isUnicodeLetter(cp)) break;
      j += cp > 0xffff ? 2 : 1;
    } else {
      break;
    }
  }
  return j;
}
