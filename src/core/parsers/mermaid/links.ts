import { CH, isBlank } from './chars';
import { isBidirectional, isInlineLabelChar, matchArrow, matchClosingArrow, type ArrowToken } from './arrows';
import { labelFromRange, readQuoted, type LabelText } from './labels';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

export interface Link {
  /** Range of the arrow as written, inline label included (`-->`, `-- text -->`). */
  start: number;
  end: number;
  /** Index after the link, pipe label included. */
  next: number;
  label?: LabelText;
  bidirectional: boolean;
  invisible: boolean;
  edgeId?: string;
  /** False when an error was reported; the caller abandons the rest of the line. */
  ok: boolean;
}

const EDGE_ID_STOP = new Set<number>([
  CH.QUOTE, CH.LBRACKET, CH.RBRACKET, CH.LPAREN, CH.RPAREN, CH.LBRACE, CH.RBRACE, CH.PIPE, CH.AT, CH.NL,
]);

/** Longer "ids" are not looked for, so a long compact chain (`A-->B-->C…`) is not rescanned per link. */
const MAX_EDGE_ID = 128;

/** `e1@` before an arrow: the edge id and the index after `@`, if present at `i`. */
function readEdgeId(src: Source, i: number): { id: string; after: number } | undefined {
  let j = i;
  const limit = Math.min(src.length, i + MAX_EDGE_ID);
  while (j < limit && !isBlank(src.code(j)) && !EDGE_ID_STOP.has(src.code(j))) j++;
  if (j === i || src.code(j) !== CH.AT) return undefined;
  const next = src.code(j + 1);
  if (next === CH.LBRACE || next === CH.QUOTE) return undefined;
  return { id: src.text.slice(i, j), after: j + 1 };
}

/** Reads the link (arrow, optional edge id, optional label) at `i`; undefined when none starts there. */
export function readLink(src: Source, i: number, problems: Problems, allowEdgeId: boolean): Link | undefined {
  let edgeId: string | undefined;
  let at = i;
  const idHit = allowEdgeId ? readEdgeId(src, i) : undefined;
  if (idHit) {
    const arrowAt = src.skipBlanks(idHit.after);
    if (matchArrow(src, arrowAt)) {
      edgeId = idHit.id;
      at = arrowAt;
    }
  }
  const arrow = matchArrow(src, at);
  if (!arrow) return undefined;
  const link = arrow.opensLabel ? readInlineLabel(src, arrow, problems) : readPipeLabel(src, arrow, problems);
  if (edgeId !== undefined) link.edgeId = edgeId;
  return link;
}

function finish(start: number, end: number, next: number, opening: string | undefined, closing: string, family: ArrowToken['family'], label?: LabelText): Link {
  const link: Link = {
    start, end, next,
    bidirectional: isBidirectional(closing, opening),
    invisible: family === 'invisible',
    ok: true,
  };
  if (label) link.label = label;
  return link;
}

/** `-->` optionally followed by `|label|`. */
function readPipeLabel(src: Source, arrow: ArrowToken, problems: Problems): Link {
  const closing = src.text.slice(arrow.start, arrow.end);
  const pipe = src.skipBlanks(arrow.end);
  if (src.code(pipe) !== CH.PIPE) return finish(arrow.start, arrow.end, arrow.end, undefined, closing, arrow.family);

  const first = src.skipBlanks(pipe + 1);
  const lineEnd = src.lineContentEnd(pipe);
  let label: LabelText | undefined;
  let close: number;
  if (src.code(first) === CH.QUOTE) {
    const q = readQuoted(src, first);
    close = q.closed ? src.skipBlanks(q.end) : -1;
    if (close !== -1 && src.code(close) !== CH.PIPE) close = -1;
    label = q.closed ? labelFromRange(src, q.contentStart, q.contentEnd) : undefined;
  } else {
    close = src.nextIndexOf(CH.PIPE, pipe + 1);
    if (close > lineEnd) close = -1;
    if (close !== -1) {
      label = labelFromRange(src, pipe + 1, close);
      reportSpecialChars(src, pipe + 1, close, problems);
    }
  }
  if (close === -1) {
    problems.error(CODES.unterminatedEdgeLabel,
      'The edge label opened with `|` is never closed: write `-->|label|` with the closing `|` on the same line.',
      pipe, pipe + 1);
    const link = finish(arrow.start, arrow.end, lineEnd, undefined, closing, arrow.family, label);
    link.ok = false;
    return link;
  }
  if (!label) {
    problems.error(CODES.malformedStatement, 'Empty edge label `||`: Mermaid needs text between the pipes.', pipe, close + 1);
  }
  return finish(arrow.start, arrow.end, close + 1, undefined, closing, arrow.family, label);
}

function reportSpecialChars(src: Source, start: number, end: number, problems: Problems): void {
  for (let j = start; j < end; j++) {
    const c = src.code(j);
    if (c === CH.QUOTE || c === CH.LBRACKET || c === CH.RBRACKET || c === CH.LPAREN || c === CH.RPAREN || c === CH.LBRACE || c === CH.RBRACE) {
      problems.error(CODES.specialCharInLabel,
        `Mermaid cannot parse \`${src.text[j]}\` inside an unquoted edge label; quote it: \`-->|"text"|\`.`, j, j + 1);
      return;
    }
  }
}

/** `-- text -->`, `== text ==>`, `-. text .->`. */
function readInlineLabel(src: Source, open: ArrowToken, problems: Problems): Link {
  const opening = src.text.slice(open.start, open.end);
  const textStart = src.skipBlanks(open.end);
  const lineEnd = src.lineContentEnd(open.start);
  const family = open.family;

  if (src.code(textStart) === CH.QUOTE) {
    const q = readQuoted(src, textStart);
    const closeAt = q.closed ? src.skipBlanks(q.end) : -1;
    const closeEnd = closeAt === -1 ? -1 : matchClosingArrow(src, closeAt, family);
    if (closeEnd !== -1) {
      const label = labelFromRange(src, q.contentStart, q.contentEnd);
      return withPipeCheck(src, finish(open.start, closeEnd, closeEnd, opening, src.text.slice(closeAt, closeEnd), family, label), problems);
    }
    return unterminated(open, opening, problems, lineEnd);
  }

  let j = textStart;
  while (j < lineEnd) {
    if (isBlank(src.code(j))) {
      const k = src.skipBlanks(j);
      const end = matchClosingArrow(src, k, family);
      if (end !== -1) return closeInline(src, open, opening, textStart, j, k, end, problems);
      j = k;
      continue;
    }
    const end = matchClosingArrow(src, j, family);
    if (end !== -1) return closeInline(src, open, opening, textStart, j, j, end, problems);
    if (!isInlineLabelChar(src, j, family)) break;
    j++;
  }
  return unterminated(open, opening, problems, lineEnd);
}

function closeInline(src: Source, open: ArrowToken, opening: string, textStart: number, textEnd: number, closeAt: number, closeEnd: number, problems: Problems): Link {
  const label = labelFromRange(src, textStart, textEnd);
  const link = finish(open.start, closeEnd, closeEnd, opening, src.text.slice(closeAt, closeEnd), open.family, label);
  if (!label) {
    problems.error(CODES.malformedStatement,
      `\`${opening}\` followed by \`${src.text.slice(closeAt, closeEnd)}\` is not an arrow Mermaid knows; remove the space or add a label between them.`,
      open.start, closeEnd);
  }
  return withPipeCheck(src, link, problems);
}

/** Mermaid allows one label per arrow; `-- a -->|b|` is an error there. */
function withPipeCheck(src: Source, link: Link, problems: Problems): Link {
  const after = src.skipBlanks(link.end);
  if (src.code(after) === CH.PIPE) {
    problems.error(CODES.malformedStatement, 'This arrow already has a label; Mermaid does not accept a second `|label|`.', after, after + 1);
    link.ok = false;
    link.next = src.lineContentEnd(after);
  }
  return link;
}

function unterminated(open: ArrowToken, opening: string, problems: Problems, lineEnd: number): Link {
  const closers: Record<string, string> = { normal: '`-->` or `---`', thick: '`==>` or `===`', dotted: '`.->` or `.-`' };
  problems.error(CODES.unterminatedEdgeLabel,
    `\`${opening.trim()}\` starts an edge label, but no ${closers[open.family] ?? 'closing arrow'} follows on this line.`,
    open.start, open.end);
  const link = finish(open.start, open.end, lineEnd, opening, opening, open.family);
  link.ok = false;
  return link;
}
