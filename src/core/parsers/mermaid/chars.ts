/**
 * Character classes of Mermaid's flowchart lexer, as char-code tests so the scanner never needs a
 * regular expression on the hot path.
 */

export const CH = {
  TAB: 9,
  NL: 10,
  CR: 13,
  SPACE: 32,
  BANG: 33,
  QUOTE: 34,
  HASH: 35,
  PERCENT: 37,
  AMP: 38,
  APOS: 39,
  LPAREN: 40,
  RPAREN: 41,
  COMMA: 44,
  DASH: 45,
  DOT: 46,
  SLASH: 47,
  COLON: 58,
  SEMI: 59,
  LT: 60,
  EQ: 61,
  GT: 62,
  AT: 64,
  LBRACKET: 91,
  BACKSLASH: 92,
  RBRACKET: 93,
  UNDERSCORE: 95,
  BACKTICK: 96,
  LBRACE: 123,
  PIPE: 124,
  RBRACE: 125,
  TILDE: 126,
} as const;

/** Horizontal whitespace; `\r` counts so CRLF files behave like LF files. */
export function isBlank(c: number): boolean {
  return c === CH.SPACE || c === CH.TAB || c === CH.CR || c === 0xfeff || c === 0x0b || c === 0x0c || c === 0xa0;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `\w` in Mermaid's keyword rules (`end\b`, `style\b`): decides whether a keyword ends here. */
export function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === CH.UNDERSCORE;
}

/**
 * ASCII characters that may appear anywhere in a node id (Mermaid's NODE_STRING class, minus `"`,
 * which we refuse so that a stray quote is reported instead of silently becoming part of an id).
 */
export const ID_PUNCTUATION: ReadonlySet<number> = new Set<number>([
  CH.BANG, CH.HASH, 36 /* $ */, CH.PERCENT, CH.AMP, CH.APOS, 42 /* * */, 43 /* + */, CH.DOT,
  CH.BACKTICK, 63 /* ? */, CH.BACKSLASH, CH.UNDERSCORE, CH.SLASH, CH.COMMA,
]);

const LETTER = /^\p{L}$/u;

export function isUnicodeLetter(cp: number): boolean {
  return LETTER.test(String.fromCodePoint(cp));
}

/** Words that Mermaid's lexer always reads as keywords when followed by a non-word character. */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'end', 'subgraph', 'graph', 'flowchart', 'style', 'linkStyle', 'classDef', 'class', 'interpolate',
  '_self', '_blank', '_parent', '_top',
]);

/**
 * The reserved word that Mermaid's lexer would cut off the front of `id` (e.g. `end` in `end-point`),
 * or undefined. Such ids break Mermaid's parser even though they look harmless.
 */
export function reservedPrefix(id: string): string | undefined {
  let k = 0;
  while (k < id.length && isWordChar(id.charCodeAt(k))) k++;
  if (k < 3 || k > 11) return undefined;
  const word = id.slice(0, k);
  return RESERVED_WORDS.has(word) ? word : undefined;
}
