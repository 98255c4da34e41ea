/** Splits identifiers and labels into lower-case word tokens, keeping where each came from. */

export interface Token {
  word: string;
  /** Index of the token in the source string. */
  start: number;
  end: number;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;

/** Linear scan: runs of letters/digits, split further at camelCase humps (`vectorDB` → vector, db). */
export function tokenize(text: string, limit = 4000, keepWhole?: (word: string) => boolean): Token[] {
  const tokens: Token[] = [];
  const n = Math.min(text.length, limit);
  let i = 0;
  while (i < n) {
    while (i < n && !isAlnum(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isAlnum(text.charCodeAt(i))) i++;
    // "SQLite" or "GitHub" are words in their own right; camelCase splitting would break them.
    const whole = text.slice(start, i).toLowerCase();
    if (keepWhole?.(whole)) tokens.push({ word: whole, start, end: i });
    else splitCamel(text, start, i, tokens);
  }
  return tokens;
}

function splitCamel(text: string, start: number, end: number, out: Token[]): void {
  let s = start;
  for (let j = start + 1; j < end; j++) {
    const prev = text.charCodeAt(j - 1);
    const cur = text.charCodeAt(j);
    const next = j + 1 < end ? text.charCodeAt(j + 1) : 0;
    // "vectorDb" splits before D; "LLMService" splits before S (upper followed by lower after an upper run).
    const pluralAcronym = next === 115 /* s */ && j + 2 === end; // "LLMs" stays one word
    if ((isLower(prev) && isUpper(cur)) || (isUpper(prev) && isUpper(cur) && isLower(next) && !pluralAcronym)) {
      out.push({ word: text.slice(s, j).toLowerCase(), start: s, end: j });
      s = j;
    }
  }
  out.push({ word: text.slice(s, end).toLowerCase(), start: s, end });
}
