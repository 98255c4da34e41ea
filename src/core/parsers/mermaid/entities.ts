/**
 * Named character references that show up in diagram labels. Mermaid writes them as `#name;`
 * (its own escape, because `&` and `;` mean something else in its grammar) or as plain HTML
 * `&name;`; the browser decodes them when the label is rendered. Unknown names are left as written.
 */
const NAMED: Readonly<Record<string, string>> = {
  quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0', semi: ';', colon: ':',
  num: '#', lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lcub: '{',
  rcub: '}', lbrace: '{', rbrace: '}', vert: '|', verbar: '|', excl: '!', quest: '?', comma: ',',
  period: '.', sol: '/', bsol: '\\', ast: '*', plus: '+', equals: '=', dollar: '$', percnt: '%',
  commat: '@', lowbar: '_', grave: '`', tilde: '~', hat: '^', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', bull: '•', middot: '·', deg: '°', plusmn: '±', times: '×',
  divide: '÷', micro: 'µ', para: '¶', sect: '§', cent: '¢', pound: '£', yen: '¥', euro: '€',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', lArr: '⇐', rArr: '⇒', hArr: '⇔',
  hearts: '♥', spades: '♠', clubs: '♣', diams: '♦', check: '✓', cross: '✗', star: '☆',
  starf: '★', infin: '∞', ne: '≠', le: '≤', ge: '≥', asymp: '≈', sum: '∑', minus: '−',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', iexcl: '¡', iquest: '¿',
  shy: '\u00ad', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwj: '\u200d', zwnj: '\u200c',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ',
  omega: 'ω', Delta: 'Δ', Omega: 'Ω',
};

function fromCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Decodes the reference whose introducer (`#` or `&`) is at `i`. Returns the decoded text and the
 * index after the `;`, or undefined when the text there is not a reference we know.
 */
function decodeAt(s: string, i: number): [string, number] | undefined {
  const amp = s.charCodeAt(i) === 38;
  let j = i + 1;
  // `&#...;` is the numeric HTML form; Mermaid's own form is `#123;`.
  if (amp && s.charCodeAt(j) === 35) j++;
  const numeric = j > i + 1 || !amp;
  let hex = false;
  if (numeric && j > i + 1 && (s.charCodeAt(j) === 120 || s.charCodeAt(j) === 88)) {
    hex = true;
    j++;
  }
  const bodyStart = j;
  // Real references are short; the bound keeps the scan O(1) per candidate.
  while (j < s.length && j - bodyStart < 32 && isAlnum(s.charCodeAt(j))) j++;
  if (j === bodyStart || s.charCodeAt(j) !== 59) return undefined;
  const body = s.slice(bodyStart, j);
  if (hex || (numeric && /^[0-9]+$/.test(body))) {
    const cp = parseInt(body, hex ? 16 : 10);
    const ch = fromCodePoint(cp);
    return ch === undefined ? undefined : [ch, j + 1];
  }
  // `&#name;` is not a reference; only Mermaid's `#name;` and HTML's `&name;` are.
  if (amp && numeric) return undefined;
  const named = Object.prototype.hasOwnProperty.call(NAMED, body) ? NAMED[body] : undefined;
  return named === undefined ? undefined : [named, j + 1];
}

/** Decodes `#quot;`, `#9829;`, `&amp;`, `&#35;` and `&#x2665;` style references. */
export function decodeEntities(s: string): string {
  if (s.indexOf('#') === -1 && s.indexOf('&') === -1) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 35 && c !== 38) continue;
    const hit = decodeAt(s, i);
    if (!hit) continue;
    out += s.slice(last, i) + hit[0];
    last = hit[1];
    i = hit[1] - 1;
  }
  return out + s.slice(last);
}
