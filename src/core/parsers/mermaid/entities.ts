/**
 * Named character references that labels use: the HTML 4 set plus a few common HTML 5 names.
 * Mermaid writes them as `#name;` (its own escape, because `&` and `;` mean something else in its
 * grammar) or as plain HTML `&name;`; the browser decodes them when it renders the label, so the
 * model holds the decoded text. Unknown names are left as written.
 */
const NAMED: Readonly<Record<string, string>> = {
  nbsp: '\u00a0', iexcl: '¡', cent: '¢', pound: '£', curren: '¤', yen: '¥', brvbar: '¦', sect: '§', uml: '¨',
  copy: '©', ordf: 'ª', laquo: '«', not: '¬', shy: '\u00ad', reg: '®', macr: '¯', deg: '°', plusmn: '±',
  sup2: '²', sup3: '³', acute: '´', micro: 'µ', para: '¶', middot: '·', cedil: '¸', sup1: '¹', ordm: 'º',
  raquo: '»', frac14: '¼', frac12: '½', frac34: '¾', iquest: '¿', Agrave: 'À', Aacute: 'Á', Acirc: 'Â',
  Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê',
  Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï', ETH: 'Ð', Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó',
  Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', times: '×', Oslash: 'Ø', Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û',
  Uuml: 'Ü', Yacute: 'Ý', THORN: 'Þ', szlig: 'ß', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã',
  auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë',
  igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï', eth: 'ð', ntilde: 'ñ', ograve: 'ò', oacute: 'ó',
  ocirc: 'ô', otilde: 'õ', ouml: 'ö', divide: '÷', oslash: 'ø', ugrave: 'ù', uacute: 'ú', ucirc: 'û',
  uuml: 'ü', yacute: 'ý', thorn: 'þ', yuml: 'ÿ', fnof: 'ƒ', Alpha: 'Α', Beta: 'Β', Gamma: 'Γ', Delta: 'Δ',
  Epsilon: 'Ε', Zeta: 'Ζ', Eta: 'Η', Theta: 'Θ', Iota: 'Ι', Kappa: 'Κ', Lambda: 'Λ', Mu: 'Μ', Nu: 'Ν',
  Xi: 'Ξ', Omicron: 'Ο', Pi: 'Π', Rho: 'Ρ', Sigma: 'Σ', Tau: 'Τ', Upsilon: 'Υ', Phi: 'Φ', Chi: 'Χ', Psi: 'Ψ',
  Omega: 'Ω', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', omicron: 'ο', pi: 'π', rho: 'ρ', sigmaf: 'ς',
  sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', thetasym: 'ϑ', upsih: 'ϒ',
  piv: 'ϖ', bull: '•', hellip: '…', prime: '′', Prime: '″', oline: '‾', frasl: '⁄', weierp: '℘', image: 'ℑ',
  real: 'ℜ', trade: '™', alefsym: 'ℵ', larr: '←', uarr: '↑', rarr: '→', darr: '↓', harr: '↔', crarr: '↵',
  lArr: '⇐', uArr: '⇑', rArr: '⇒', dArr: '⇓', hArr: '⇔', forall: '∀', part: '∂', exist: '∃', empty: '∅',
  nabla: '∇', isin: '∈', notin: '∉', ni: '∋', prod: '∏', sum: '∑', minus: '−', lowast: '∗', radic: '√',
  prop: '∝', infin: '∞', ang: '∠', and: '∧', or: '∨', cap: '∩', cup: '∪', int: '∫', there4: '∴', sim: '∼',
  cong: '≅', asymp: '≈', ne: '≠', equiv: '≡', le: '≤', ge: '≥', sub: '⊂', sup: '⊃', nsub: '⊄', sube: '⊆',
  supe: '⊇', oplus: '⊕', otimes: '⊗', perp: '⊥', sdot: '⋅', lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋',
  lang: '⟨', rang: '⟩', loz: '◊', spades: '♠', clubs: '♣', hearts: '♥', diams: '♦', quot: '"', amp: '&',
  lt: '<', gt: '>', apos: '\u0027', OElig: 'Œ', oelig: 'œ', Scaron: 'Š', scaron: 'š', Yuml: 'Ÿ', circ: 'ˆ',
  tilde: '˜', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e',
  rlm: '\u200f', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”',
  bdquo: '„', dagger: '†', Dagger: '‡', permil: '‰', lsaquo: '‹', rsaquo: '›', euro: '€', check: '✓',
  cross: '✗', star: '☆', starf: '★', semi: ';', colon: ':', num: '#', lpar: '(', rpar: ')', lsqb: '[',
  rsqb: ']', lbrack: '[', rbrack: ']', lcub: '{', rcub: '}', lbrace: '{', rbrace: '}', vert: '|', verbar: '|',
  excl: '!', quest: '?', comma: ',', period: '.', sol: '/', bsol: '\u005c', ast: '*', plus: '+', equals: '=',
  dollar: '$', percnt: '%', commat: '@', lowbar: '_', grave: '`',
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
