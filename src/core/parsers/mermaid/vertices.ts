import { matchArrow } from './arrows';
import type { NodeDecl, NodeRef } from './builder';
import { CH, isBlank, reservedPrefix } from './chars';
import { skipGap } from './comments';
import { endStatement, type Ctx } from './context';
import { scanIdEnd } from './ids';
import { readLink, type Link } from './links';
import { CODES, quoteSnippet } from './problems';
import { readShapeData } from './shapeData';
import { readShape, startsShape } from './shapes';
import { appendAll } from '../../arrays';

interface NodeGroup {
  refs: NodeRef[];
  next: number;
  /** False after an error that abandons the rest of the line. */
  ok: boolean;
}

/** A name Mermaid accepts instead of a keyword: ids are case-sensitive, and `_` extends a word. */
function alternative(word: string): string {
  return /^[a-z]/.test(word) ? word[0].toUpperCase() + word.slice(1) : `${word}_`;
}

function reportReserved(ctx: Ctx, ref: NodeRef): void {
  const word = reservedPrefix(ref.id);
  if (word === undefined) return;
  const message = word === ref.id
    ? `\`${word}\` is a Mermaid keyword and cannot be a node id here; rename the node (e.g. \`${alternative(word)}\`).`
    : `Node id \`${ref.id}\` starts with the Mermaid keyword \`${word}\`, which breaks Mermaid's parser; rename it (e.g. without the \`${ref.id[word.length]}\`).`;
  ctx.problems.error(CODES.reservedWord, message, ref.start, ref.end);
}

/** One node: id, optional shape, optional `:::class`, optional `@{ … }`. Undefined when no id starts at `i`. */
function readNode(ctx: Ctx, i: number): NodeGroup | undefined {
  const { src, problems, model } = ctx;
  const idEnd = scanIdEnd(src, i);
  if (idEnd === i) return undefined;
  const ref: NodeRef = { id: src.text.slice(i, idEnd), start: i, end: idEnd };
  reportReserved(ctx, ref);
  const decl: NodeDecl = {};
  let p = idEnd;
  if (startsShape(src, p)) {
    const shape = readShape(src, p, problems);
    decl.shape = shape.shape;
    if (shape.label) decl.label = shape.label;
    p = shape.end;
    if (!shape.ok) {
      model.node(ref, decl);
      return { refs: [ref], next: src.lineEnd(p), ok: false };
    }
  }
  if (src.startsWith(':::', p)) {
    const clsEnd = scanIdEnd(src, p + 3);
    if (clsEnd === p + 3) {
      problems.error(CODES.malformedStatement, 'Expected a class name after `:::`, e.g. `A:::llm`.', p, p + 3);
    } else {
      decl.classes = [src.text.slice(p + 3, clsEnd)];
    }
    p = clsEnd;
  }
  if (src.startsWith('@{', p)) {
    const data = readShapeData(src, p, problems);
    // `e1@{ animate: true }` styles the edge `e1`; Mermaid creates no node for it.
    if (model.isEdgeId(ref.id)) return { refs: [], next: data.end, ok: data.ok };
    if (data.shape) decl.shape = data.shape.value;
    if (data.label) decl.label = data.label;
    p = data.end;
    if (!data.ok) {
      model.node(ref, decl);
      return { refs: [ref], next: src.lineEnd(p), ok: false };
    }
  }
  model.node(ref, decl);
  return { refs: [ref], next: p, ok: true };
}

/** `A`, or `A & B & C`. */
function readGroup(ctx: Ctx, i: number): NodeGroup | undefined {
  const { src, problems } = ctx;
  const first = readNode(ctx, i);
  if (!first || !first.ok) return first;
  const refs = first.refs;
  let next = first.next;
  for (;;) {
    const amp = src.skipBlanks(next);
    if (src.code(amp) !== CH.AMP) break;
    const at = src.skipBlanks(amp + 1);
    const node = readNode(ctx, at);
    if (!node) {
      problems.error(CODES.missingNode, 'Expected a node id after `&`.', amp, amp + 1);
      return { refs, next: src.lineEnd(amp), ok: false };
    }
    appendAll(refs, node.refs);
    next = node.next;
    if (!node.ok) return { refs, next, ok: false };
  }
  return { refs, next, ok: true };
}

/**
 * The link after a node: on the same line, or (as Mermaid's arrow tokens swallow line breaks) at
 * the start of a following line, `A` then `--> B`. Comment lines in between are still handled.
 */
function readLinkAfter(ctx: Ctx, i: number): Link | undefined {
  const { src, problems } = ctx;
  const sameLine = readLink(src, src.skipBlanks(i), problems, true);
  if (sameLine) return sameLine;
  const gap = skipGap(ctx, i, false);
  if (!gap.crossedLine || !matchArrow(src, gap.end)) return undefined;
  return readLink(src, skipGap(ctx, i, true).end, problems, false);
}

/** The node group after a link; after a bare arrow it may sit on a following line. */
function readTarget(ctx: Ctx, link: Link): NodeGroup | undefined {
  const { src } = ctx;
  const sameLine = readGroup(ctx, src.skipBlanks(link.next));
  if (sameLine || link.next !== link.end) return sameLine;
  const gap = skipGap(ctx, link.next, false);
  if (!gap.crossedLine || scanIdEnd(src, gap.end) === gap.end) return undefined;
  return readGroup(ctx, skipGap(ctx, link.next, true).end);
}

/** A node statement or a chain of links: `A --> B`, `A & B -->|x| C --> D`. */
export function parseVertexStatement(ctx: Ctx, i: number): number {
  const { src, problems, model } = ctx;
  let group = readGroup(ctx, i);
  if (!group) {
    let tokenEnd = i;
    const lineEnd = src.lineContentEnd(i);
    while (tokenEnd < lineEnd && !isBlank(src.code(tokenEnd))) tokenEnd++;
    problems.error(CODES.unexpectedText,
      `Expected a node id or a statement, found ${quoteSnippet(src.text.slice(i, tokenEnd))}.`, i, tokenEnd);
    return src.lineEnd(i);
  }
  while (group.ok) {
    const link = readLinkAfter(ctx, group.next);
    if (!link) break;
    if (!link.ok) return link.next;
    const target = readTarget(ctx, link);
    if (!target || target.refs.length === 0) {
      if (!target) {
        problems.error(CODES.missingNode,
          `The arrow ${quoteSnippet(src.text.slice(link.start, link.end))} has no target node.`, link.start, link.end);
      }
      return target ? target.next : src.lineEnd(link.next);
    }
    if (group.refs.length > 0) model.link(group.refs, target.refs, link);
    group = target;
  }
  if (!group.ok) return group.next;
  return endStatement(ctx, group.next, 'the node', 'an arrow, `&`, `;` or the end of the line');
}
