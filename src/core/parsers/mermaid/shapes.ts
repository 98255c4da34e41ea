import { CH } from './chars';
import { labelFromRange, readQuoted, type LabelText } from './labels';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

interface Opener {
  open: string;
  /** Closing delimiter → shape name; trapezoids pick their name by how they close. */
  closers: ReadonlyArray<readonly [string, string]>;
}

/** Longest openers first, so `(((` wins over `((` and `(`. */
const OPENERS: readonly Opener[] = [
  { open: '(((', closers: [[')))', 'doublecircle']] },
  { open: '((', closers: [['))', 'circle']] },
  { open: '(-', closers: [['-)', 'ellipse']] },
  { open: '([', closers: [['])', 'stadium']] },
  { open: '(', closers: [[')', 'round']] },
  { open: '[[', closers: [[']]', 'subroutine']] },
  { open: '[(', closers: [[')]', 'cyl']] },
  { open: '[/', closers: [['/]', 'lean_r'], ['\\]', 'trapezoid']] },
  { open: '[\\', closers: [['\\]', 'lean_l'], ['/]', 'inv_trapezoid']] },
  { open: '[', closers: [[']', 'rect']] },
  { open: '{{', closers: [['}}', 'hexagon']] },
  { open: '{', closers: [['}', 'diamond']] },
  { open: '>', closers: [[']', 'odd']] },
];

/** Characters that end an unquoted label in Mermaid's lexer; inside quotes they are fine. */
const LABEL_BREAKERS = new Set<number>([
  CH.LBRACKET, CH.RBRACKET, CH.LPAREN, CH.RPAREN, CH.LBRACE, CH.RBRACE, CH.PIPE, CH.QUOTE,
]);

const MATCHING = new Map<number, number>([[CH.LPAREN, CH.RPAREN], [CH.LBRACKET, CH.RBRACKET], [CH.LBRACE, CH.RBRACE]]);

export interface ShapeResult {
  shape: string;
  label?: LabelText;
  /** Index after the closing delimiter, or the recovery point after an error. */
  end: number;
  /** False when the node could not be closed; the caller should abandon the rest of the line. */
  ok: boolean;
}

export function startsShape(src: Source, i: number): boolean {
  const c = src.code(i);
  return c === CH.LBRACKET || c === CH.LPAREN || c === CH.LBRACE || c === CH.GT;
}

function matchCloser(src: Source, opener: Opener, i: number): readonly [string, string] | undefined {
  for (const closer of opener.closers) if (src.startsWith(closer[0], i)) return closer;
  return undefined;
}

function describeClosers(opener: Opener): string {
  return opener.closers.map((c) => '`' + c[0] + '`').join(' or ');
}

/** Parses the bracketed part of a node (`[label]`, `(("label"))`, …) starting at `i`. */
export function readShape(src: Source, i: number, problems: Problems): ShapeResult {
  const opener = OPENERS.find((o) => src.startsWith(o.open, i)) ?? OPENERS[OPENERS.length - 1];
  const bodyStart = i + opener.open.length;
  const first = src.skipBlanks(bodyStart);
  if (src.code(first) === CH.QUOTE) return readQuotedShape(src, opener, i, first, problems);

  const lineEnd = src.lineContentEnd(bodyStart);
  const openChar = src.code(i);
  const closeChar = MATCHING.get(openChar) ?? -1;
  let breaker = -1;
  // Mermaid rejects brackets inside an unquoted label; balancing them here only serves recovery, so
  // that `A(foo (bar)) --> B` still yields the node and its edge next to the error.
  let depth = 0;
  for (let j = bodyStart; j < lineEnd; j++) {
    const c = src.code(j);
    if (depth > 0 && c === closeChar) {
      depth--;
      continue;
    }
    const closer = matchCloser(src, opener, j);
    if (closer) {
      if (breaker !== -1) reportBreaker(src, breaker, problems);
      return { shape: closer[1], label: labelFromRange(src, bodyStart, j), end: j + closer[0].length, ok: true };
    }
    if (LABEL_BREAKERS.has(c)) {
      if (breaker === -1) breaker = j;
      if (c === openChar) depth++;
    }
  }
  problems.error(CODES.unclosedBracket,
    `\`${opener.open}\` is never closed: expected ${describeClosers(opener)} on the same line.`,
    i, i + opener.open.length);
  return { shape: opener.closers[0][1], label: labelFromRange(src, bodyStart, lineEnd), end: lineEnd, ok: false };
}

function reportBreaker(src: Source, at: number, problems: Problems): void {
  const ch = src.text[at];
  problems.error(CODES.specialCharInLabel,
    `Mermaid cannot parse \`${ch}\` inside an unquoted label; put the label in double quotes, e.g. \`A["text ${ch} more"]\`.`,
    at, at + 1);
}

function readQuotedShape(src: Source, opener: Opener, openAt: number, quoteAt: number, problems: Problems): ShapeResult {
  const q = readQuoted(src, quoteAt);
  const fallbackShape = opener.closers[0][1];
  if (!q.closed || q.multiline) {
    const after = q.closed ? src.skipBlanks(q.end) : -1;
    const closer = after === -1 ? undefined : matchCloser(src, opener, after);
    // A string may legally span lines; only call it unterminated when the node does not close after it.
    if (q.closed && closer) {
      return { shape: closer[1], label: labelFromRange(src, q.contentStart, q.contentEnd), end: after + closer[0].length, ok: true };
    }
    const lineEnd = src.lineContentEnd(quoteAt);
    problems.error(CODES.unterminatedString,
      `This string is never closed: add ${q.markdown ? '`` `" ``' : '`"`'} before ${describeClosers(opener)}.`,
      quoteAt, lineEnd);
    return { shape: fallbackShape, label: labelFromRange(src, q.contentStart, lineEnd), end: lineEnd, ok: false };
  }
  const label = labelFromRange(src, q.contentStart, q.contentEnd);
  const after = src.skipBlanks(q.end);
  const closer = matchCloser(src, opener, after);
  if (closer) return { shape: closer[1], label, end: after + closer[0].length, ok: true };

  problems.error(CODES.unexpectedText,
    `Expected ${describeClosers(opener)} right after the quoted label; Mermaid allows nothing else inside the brackets.`,
    after, after + 1);
  const lineEnd = src.lineContentEnd(after);
  for (let j = after; j < lineEnd; j++) {
    const late = matchCloser(src, opener, j);
    if (late) return { shape: late[1], label, end: j + late[0].length, ok: true };
  }
  problems.error(CODES.unclosedBracket, `\`${opener.open}\` is never closed: expected ${describeClosers(opener)}.`,
    openAt, openAt + opener.open.length);
  return { shape: fallbackShape, label, end: lineEnd, ok: false };
}
