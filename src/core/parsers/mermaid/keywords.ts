import type { NodeRef } from './builder';
import { CH, isBlank, isDigit } from './chars';
import { scanIdEnd } from './ids';
import { endStatement, statementBreak, type Ctx } from './context';
import { decodeLabel, readQuoted } from './labels';
import { CODES } from './problems';
import type { SubgraphHeader } from './boundaries';

/** Splits `a,b,c` at [start, end) into refs with their own ranges. */
function splitIds(ctx: Ctx, start: number, end: number): NodeRef[] {
  const refs: NodeRef[] = [];
  let s = start;
  for (let j = start; j <= end; j++) {
    if (j === end || ctx.src.code(j) === CH.COMMA) {
      if (j > s) refs.push({ id: ctx.src.text.slice(s, j), start: s, end: j });
      s = j + 1;
    }
  }
  return refs;
}

export function parseEnd(ctx: Ctx, start: number): number {
  if (!ctx.model.boundaries.close()) {
    ctx.problems.error(CODES.unexpectedEnd, '`end` without a matching `subgraph`; remove it or open a subgraph above.', start, start + 3);
  }
  return start + 3;
}

/** `class a,b name`: Mermaid applies one class to existing nodes (resolved when the model is finished). */
export function parseClass(ctx: Ctx, start: number, wordEnd: number): number {
  const { src, problems } = ctx;
  const idsStart = src.skipBlanks(wordEnd);
  const idsEnd = scanIdEnd(src, idsStart);
  const nameStart = src.skipBlanks(idsEnd);
  const nameEnd = scanIdEnd(src, nameStart);
  if (idsEnd === idsStart || nameEnd === nameStart || nameStart === idsEnd) {
    problems.error(CODES.malformedStatement, 'Expected `class <node ids> <class name>`, e.g. `class A,B llm`.', start, wordEnd);
    return statementBreak(src, wordEnd);
  }
  ctx.model.classStatement(splitIds(ctx, idsStart, idsEnd), src.text.slice(nameStart, nameEnd));
  return endStatement(ctx, nameEnd, 'the class name', 'the end of the statement (one class per `class` statement)');
}

/** `classDef a,b fill:#f9f`: only the names matter to the model. */
export function parseClassDef(ctx: Ctx, start: number, wordEnd: number): number {
  const { src } = ctx;
  const namesStart = src.skipBlanks(wordEnd);
  const namesEnd = scanIdEnd(src, namesStart);
  if (namesEnd === namesStart) {
    ctx.problems.error(CODES.malformedStatement, 'Expected `classDef <name> <styles>`, e.g. `classDef llm fill:#f9f`.', start, wordEnd);
  } else {
    ctx.model.classDef(splitIds(ctx, namesStart, namesEnd).map((r) => r.id));
  }
  return statementBreak(src, namesEnd);
}

/** `style A fill:#f9f`: Mermaid creates `A` if it does not exist yet. */
export function parseStyle(ctx: Ctx, start: number, wordEnd: number): number {
  const { src } = ctx;
  const idStart = src.skipBlanks(wordEnd);
  const idEnd = scanIdEnd(src, idStart);
  if (idEnd === idStart) {
    ctx.problems.error(CODES.malformedStatement, 'Expected `style <node id> <styles>`, e.g. `style A fill:#f9f`.', start, wordEnd);
  } else {
    ctx.model.styled({ id: src.text.slice(idStart, idEnd), start: idStart, end: idEnd });
  }
  return statementBreak(src, idEnd);
}

/** `linkStyle 0,2 …` / `linkStyle default …`; Mermaid rejects indexes past the edges defined so far. */
export function parseLinkStyle(ctx: Ctx, start: number, wordEnd: number): number {
  const { src, problems } = ctx;
  let p = src.skipBlanks(wordEnd);
  if (src.startsWith('default', p)) return statementBreak(src, p);
  let any = false;
  for (;;) {
    const numStart = p;
    while (isDigit(src.code(p))) p++;
    if (p === numStart) break;
    any = true;
    const index = Number(src.text.slice(numStart, p));
    if (index >= ctx.model.edgeCount) {
      problems.error(CODES.linkStyleRange,
        `\`linkStyle ${index}\` refers to edge ${index}, but only ${ctx.model.edgeCount} edge(s) are defined above it (edges count from 0).`,
        numStart, p);
    }
    if (src.code(p) !== CH.COMMA) break;
    p++;
  }
  if (!any) problems.error(CODES.malformedStatement, 'Expected `linkStyle <edge numbers|default> <styles>`.', start, wordEnd);
  return statementBreak(src, p);
}

/** `click A callback "tip"` / `click A href "url"`: parsed so the id is known, never acted on. */
export function parseClick(ctx: Ctx, _start: number, wordEnd: number): number {
  const { src } = ctx;
  const idStart = src.skipBlanks(wordEnd);
  const idEnd = scanIdEnd(src, idStart);
  if (idEnd > idStart) ctx.model.clicked({ id: src.text.slice(idStart, idEnd), start: idStart, end: idEnd });
  const lineEnd = src.lineEnd(idEnd);
  let j = idEnd;
  while (j < lineEnd && src.code(j) !== CH.SEMI) {
    if (src.code(j) === CH.QUOTE) {
      const close = src.nextIndexOf(CH.QUOTE, j + 1);
      j = close === -1 || close > lineEnd ? lineEnd : close + 1;
    } else {
      j++;
    }
  }
  return j;
}

/** `accTitle: …`, `accDescr: …` and the multi-line `accDescr { … }`. */
export function parseAccessibility(ctx: Ctx, start: number, wordEnd: number): number {
  const { src } = ctx;
  const p = src.skipBlanks(wordEnd);
  if (src.code(p) === CH.LBRACE && src.text.slice(start, wordEnd) === 'accDescr') {
    const close = src.nextIndexOf(CH.RBRACE, p + 1);
    if (close !== -1) return close + 1;
    ctx.problems.error(CODES.unclosedBracket, '`accDescr {` is never closed with `}`.', p, p + 1);
  }
  return src.lineEnd(p);
}

function hasBlank(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (isBlank(s.charCodeAt(k)) || s.charCodeAt(k) === CH.NL) return true;
  return false;
}

/** `subgraph id`, `subgraph id [title]`, `subgraph "title"`, `subgraph two words`. */
export function parseSubgraph(ctx: Ctx, start: number, wordEnd: number): number {
  const { src, problems } = ctx;
  const header: SubgraphHeader = { keywordStart: start, keywordEnd: wordEnd, spanStart: start, spanEnd: wordEnd, title: '' };
  const p = src.skipBlanks(wordEnd);
  const lineEnd = src.lineContentEnd(p);
  let idStart = p;
  let idEnd: number;
  let next: number;
  if (src.code(p) === CH.QUOTE) {
    const q = readQuoted(src, p);
    if (!q.closed) problems.error(CODES.unterminatedString, 'The subgraph title string is never closed with `"`.', p, lineEnd);
    idStart = q.contentStart;
    idEnd = q.contentEnd;
    next = q.end;
  } else {
    let j = p;
    while (j < lineEnd && src.code(j) !== CH.SEMI && src.code(j) !== CH.LBRACKET) j++;
    [idStart, idEnd] = src.trim(p, j);
    next = j;
  }
  const idText = src.text.slice(idStart, idEnd);
  let after = next;
  const bracket = src.skipBlanks(next);
  if (src.code(bracket) === CH.LBRACKET) {
    const title = readBracketTitle(ctx, bracket);
    after = title.after;
    header.title = decodeLabel(src.text.slice(title.start, title.end));
    header.titleStart = title.start;
    header.titleEnd = title.end;
    if (idText !== '') header.id = idText;
  } else if (idText !== '') {
    header.title = decodeLabel(idText);
    // Mermaid generates an id (`subGraph<n>`) for a title with spaces.
    if (!hasBlank(idText)) header.id = idText;
    else [header.titleStart, header.titleEnd] = [idStart, idEnd];
  }
  if (header.id !== undefined) [header.spanStart, header.spanEnd] = [idStart, idEnd];
  else if (header.titleStart !== undefined && header.titleEnd !== undefined) [header.spanStart, header.spanEnd] = [header.titleStart, header.titleEnd];
  if (idText === '') {
    problems.error(CODES.malformedStatement, '`subgraph` needs an id or a title, e.g. `subgraph vpc [Private VPC]`.', start, wordEnd);
  }
  // Open even after an error so that the matching `end` still pairs up.
  ctx.model.boundaries.open(header);
  return endStatement(ctx, after, 'the subgraph title');
}

/** `[title]` or `["title"]` after a subgraph id: the trimmed title range and the index after `]`. */
function readBracketTitle(ctx: Ctx, open: number): { start: number; end: number; after: number } {
  const { src, problems } = ctx;
  const lineEnd = src.lineContentEnd(open);
  const first = src.skipBlanks(open + 1);
  if (src.code(first) === CH.QUOTE) {
    const q = readQuoted(src, first);
    const close = q.closed ? src.skipBlanks(q.end) : -1;
    if (close !== -1 && src.code(close) === CH.RBRACKET) {
      const [s, e] = src.trim(q.contentStart, q.contentEnd);
      return { start: s, end: e, after: close + 1 };
    }
  } else {
    const close = src.nextIndexOf(CH.RBRACKET, open + 1);
    if (close !== -1 && close <= lineEnd) {
      const [s, e] = src.trim(open + 1, close);
      return { start: s, end: e, after: close + 1 };
    }
  }
  problems.error(CODES.unclosedBracket, 'The subgraph title `[` is never closed with `]` on this line.', open, open + 1);
  const [s, e] = src.trim(open + 1, lineEnd);
  return { start: s, end: e, after: lineEnd };
}
