/**
 * The statements of Mermaid's architecture-beta diagrams: `group`, `service`, `junction` and edges
 * (`a:R --> L:b`, `a:B -[label]- T:b`, `a{group}:R -- L:b`). Every statement is one line.
 */
import type { KindHint } from '../../model';
import { CH } from '../mermaid/chars';
import { parseComment } from '../mermaid/comments';
import { directiveEnd } from '../mermaid/preamble';
import type { DiagramCtx } from '../common/diagramCtx';
import type { TextRange } from '../common/diagramBuilder';
import { keywordAt, forEachStatement } from '../common/scan';
import { CODES } from './codes';
import { idEnd, readIcon, readQuotedString, readTitle, skipGap, type Token } from './tokens';

export interface Edge {
  lhs: TextRange;
  rhs: TextRange;
  /** `<` before the line / `>` after it: the arrow points into that end. */
  lhsInto: boolean;
  rhsInto: boolean;
  title?: TextRange;
  /** The arrow as written, from the left port to the right one. */
  start: number;
  end: number;
}

export interface ArchState {
  headerSeen: boolean;
  /** Every id declared so far and what it is: Mermaid keeps one namespace for all three. */
  ids: Map<string, 'group' | 'service' | 'junction'>;
  edges: Edge[];
}

export function parseArchitectureStatements(ctx: DiagramCtx, start: number): ArchState {
  const state: ArchState = { headerSeen: false, ids: new Map(), edges: [] };
  forEachStatement(ctx, state, start, parseOne);
  return state;
}

function parseOne(ctx: DiagramCtx, state: ArchState, i: number): number {
  const { src } = ctx;
  if (src.startsWith('%%{', i)) return directiveEnd(src, i);
  if (src.startsWith('%%', i)) return src.atLineStart(i) ? parseComment(ctx, i) : src.lineEnd(i);
  if (!state.headerSeen) {
    state.headerSeen = true;
    return i + 'architecture-beta'.length;
  }
  for (const kw of ['title', 'accTitle', 'accDescr']) {
    if (keywordAt(src, i, kw, false)) {
      const p = src.skipBlanks(i + kw.length);
      if (kw === 'accDescr' && src.code(p) === CH.LBRACE) {
        const close = src.nextIndexOf(CH.RBRACE, p + 1);
        return close === -1 ? src.length : close + 1;
      }
      return src.lineEnd(i);
    }
  }
  if (keywordAt(src, i, 'group', false)) return parseDeclaration(ctx, state, i, 'group');
  if (keywordAt(src, i, 'service', false)) return parseDeclaration(ctx, state, i, 'service');
  if (keywordAt(src, i, 'junction', false)) return parseDeclaration(ctx, state, i, 'junction');
  return parseEdge(ctx, state, i);
}

/** Reports stray text before the end of the line; returns the line end. */
function endOfStatement(ctx: DiagramCtx, i: number, after: string): number {
  const { src, problems } = ctx;
  const p = skipGap(src, i);
  const lineEnd = src.lineContentEnd(p);
  if (p < lineEnd) problems.error(CODES.unexpectedText, `Unexpected text after ${after}.`, p, lineEnd);
  return src.lineEnd(p);
}

/**
 * Mermaid's lexer reads a leading capital L, R, T or B as the side of an edge before it tries an
 * id, so `service LLM(…)` or an edge to `Backend` fails to parse there.
 */
function checkId(ctx: DiagramCtx, id: TextRange): void {
  const c = id.text.charCodeAt(0);
  if (c === 76 || c === 82 || c === 84 || c === 66) {
    ctx.problems.error(CODES.sideLetterId,
      `Mermaid reads the leading \`${id.text[0]}\` of \`${id.text}\` as an edge side (L, R, T, B) and rejects the diagram; start the id with another letter (e.g. \`${id.text[0].toLowerCase()}${id.text.slice(1)}\`).`,
      id.start, id.end);
  }
}

function parseDeclaration(ctx: DiagramCtx, state: ArchState, i: number, what: 'group' | 'service' | 'junction'): number {
  const { src, problems, model } = ctx;
  let p = src.skipBlanks(i + what.length);
  const end = idEnd(src, p);
  if (end === p) {
    problems.error(CODES.missingId, `\`${what}\` needs an id, e.g. \`${what} api\`.`, i, i + what.length);
    return src.lineEnd(i);
  }
  const id: TextRange = { text: src.text.slice(p, end), start: p, end };
  checkId(ctx, id);
  p = src.skipBlanks(end);
  let icon: Token | undefined;
  let iconText: Token | undefined;
  let title: Token | undefined;
  if (what !== 'junction') {
    icon = readIcon(src, p);
    if (!icon && what === 'service') iconText = readQuotedString(src, p);
    p = src.skipBlanks((icon ?? iconText)?.end ?? p);
    title = readTitle(src, p);
    p = src.skipBlanks(title?.end ?? p);
  }
  let parent: TextRange | undefined;
  if (keywordAt(src, p, 'in', false)) {
    const q = src.skipBlanks(p + 2);
    const pe = idEnd(src, q);
    if (pe === q) problems.error(CODES.missingId, '`in` needs the id of a group.', p, p + 2);
    else {
      parent = { text: src.text.slice(q, pe), start: q, end: pe };
      checkId(ctx, parent);
    }
    p = pe;
  }
  if (state.ids.has(id.text)) {
    problems.error(CODES.duplicateId, `\`${id.text}\` is already declared (as a ${state.ids.get(id.text)}); Mermaid rejects the diagram.`, id.start, id.end);
    return endOfStatement(ctx, p, `the ${what}`);
  }
  if (parent && state.ids.get(parent.text) !== 'group') {
    problems.error(CODES.unknownGroup,
      `\`${parent.text}\` is not a group declared above; Mermaid needs the group before what it contains.`, parent.start, parent.end);
    parent = undefined;
  }
  state.ids.set(id.text, what);
  const label = title?.value;
  const iconName = icon?.value?.text ?? iconText?.value?.text;
  if (what === 'group') {
    model.boundary(id.text, label, id.start, id.end, parent?.text, iconName ? { icon: iconName } : undefined);
  } else if (what === 'service') {
    // Icon names are generic (`database`, `logos:aws-lambda`): they count for less than the title.
    const hints: KindHint[] = iconName ? [{ source: 'icon', text: iconName, weight: 0.5 }] : [];
    model.declare(id.text, id.start, id.end, {
      ...(label ? { label } : {}),
      ...(iconName ? { shape: iconName, hints, properties: { icon: iconName } } : {}),
      ...(parent ? { boundary: parent.text } : {}),
    });
  }
  return endOfStatement(ctx, p, `the ${what}`);
}

function readPort(src: DiagramCtx['src'], i: number): number {
  const c = src.code(i);
  return c === 76 /* L */ || c === 82 /* R */ || c === 84 /* T */ || c === 66 /* B */ ? i + 1 : -1;
}

function skipGroupMarker(src: DiagramCtx['src'], i: number): number {
  return src.startsWith('{group}', i) ? i + 7 : i;
}

function parseEdge(ctx: DiagramCtx, state: ArchState, i: number): number {
  const { src, problems } = ctx;
  const fail = (at: number, message: string): number => {
    problems.error(CODES.unexpectedText, message, at, Math.max(at + 1, Math.min(src.lineContentEnd(at), at + 40)));
    return src.lineEnd(i);
  };
  const lhsEnd = idEnd(src, i);
  if (lhsEnd === i) return fail(i, 'Expected `group`, `service`, `junction` or an edge such as `a:R --> L:b`.');
  const lhs: TextRange = { text: src.text.slice(i, lhsEnd), start: i, end: lhsEnd };
  let p = src.skipBlanks(skipGroupMarker(src, lhsEnd));
  if (src.code(p) !== CH.COLON) return fail(p, `An edge names the side it leaves from: \`${lhs.text}:R --> L:other\`.`);
  const arrowStart = p;
  p = readPort(src, src.skipBlanks(p + 1));
  if (p === -1) return fail(arrowStart, 'The side is one of L, R, T or B.');
  p = src.skipBlanks(p);
  const lhsInto = src.code(p) === CH.LT;
  if (lhsInto) p = src.skipBlanks(p + 1);
  let title: Token | undefined;
  if (src.startsWith('--', p)) {
    p += 2;
  } else if (src.code(p) === CH.DASH) {
    title = readTitle(src, src.skipBlanks(p + 1));
    if (!title) return fail(p, 'An edge is `--`, or `-[label]-` with a label.');
    p = src.skipBlanks(title.end);
    if (src.code(p) !== CH.DASH) return fail(p, 'A labelled edge closes with `-`: `-[label]-`.');
    p++;
  } else {
    return fail(p, 'Expected the line of the edge: `--`, `-->`, `<--` or `-[label]-`.');
  }
  p = src.skipBlanks(p);
  const rhsInto = src.code(p) === CH.GT;
  if (rhsInto) p = src.skipBlanks(p + 1);
  const port = readPort(src, p);
  if (port === -1 || src.code(src.skipBlanks(port)) !== CH.COLON) return fail(p, 'The edge ends with the side it enters and the target: `L:b`.');
  const arrowEnd = src.skipBlanks(port) + 1;
  const rs = src.skipBlanks(arrowEnd);
  const re = idEnd(src, rs);
  if (re === rs) return fail(rs, 'The edge has no target.');
  const rhs: TextRange = { text: src.text.slice(rs, re), start: rs, end: re };
  for (const end of [lhs, rhs]) {
    checkId(ctx, end);
    if (!state.ids.has(end.text)) {
      problems.error(CODES.unknownId, `\`${end.text}\` is not a service, junction or group declared above; Mermaid rejects the edge.`, end.start, end.end);
    }
  }
  const edge: Edge = { lhs, rhs, lhsInto, rhsInto, start: arrowStart, end: arrowEnd };
  if (title?.value) edge.title = title.value;
  state.edges.push(edge);
  return endOfStatement(ctx, skipGroupMarker(src, re), 'the edge');
}
