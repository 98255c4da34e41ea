/**
 * The statement loop of the C4 parser: `Keyword(args)` statements, boundaries opened with `{`
 * (on the same line or the next) and closed with `}`, `%%` comments and annotations, and the
 * `title`/`accTitle`/`accDescr`/`direction` lines, which declare nothing.
 */
import type { KindHint } from '../../model';
import { CH } from '../mermaid/chars';
import { parseComment } from '../mermaid/comments';
import { directiveEnd } from '../mermaid/preamble';
import type { DiagramCtx } from '../common/diagramCtx';
import type { ElementDecl } from '../common/diagramBuilder';
import { skipSpace, wordEnd, forEachStatement } from '../common/scan';
import { namedArgs, readArgs, type C4Arg } from './args';
import { CODES } from './codes';
import { C4_KEYWORDS, type C4Keyword } from './keywords';

interface OpenBoundary {
  id: string;
  start: number;
  end: number;
}

interface Rel {
  from: C4Arg;
  to: C4Arg;
  keyword: C4Keyword;
  start: number;
  end: number;
  label?: C4Arg;
  techn?: C4Arg;
}

export interface C4State {
  stack: OpenBoundary[];
  headerSeen: boolean;
  title?: string;
  /** Relationships are resolved at the end: Mermaid lets them name elements declared later. */
  rels: Rel[];
}

const LINE_KEYWORDS = new Set(['title', 'accDescription', 'direction']);

export function parseC4Statements(ctx: DiagramCtx, start: number): C4State {
  const { problems } = ctx;
  const state: C4State = { stack: [], headerSeen: false, rels: [] };
  forEachStatement(ctx, state, start, parseOne);
  for (const b of state.stack) problems.error(CODES.missingBraceClose, 'This boundary is never closed with `}`.', b.start, b.end);
  resolveRels(ctx, state);
  return state;
}

function parseOne(ctx: DiagramCtx, state: C4State, i: number): number {
  const { src, problems } = ctx;
  if (src.startsWith('%%{', i)) return directiveEnd(src, i);
  if (src.startsWith('%%', i)) return src.atLineStart(i) ? parseComment(ctx, i) : src.lineEnd(i);
  if (!state.headerSeen) {
    state.headerSeen = true;
    return wordEnd(src, i);
  }
  if (src.code(i) === CH.RBRACE) {
    if (!state.stack.pop()) problems.error(CODES.unexpectedBrace, '`}` without an open boundary.', i, i + 1);
    return i + 1;
  }
  const we = wordEnd(src, i);
  const word = src.text.slice(i, we);
  if (LINE_KEYWORDS.has(word) || word === 'accTitle') {
    if (word === 'title') state.title = src.text.slice(we, src.lineContentEnd(we)).trim();
    return src.lineEnd(i);
  }
  if (word === 'accDescr') {
    const p = src.skipBlanks(we);
    if (src.code(p) === CH.LBRACE) {
      const close = src.nextIndexOf(CH.RBRACE, p + 1);
      return close === -1 ? src.length : close + 1;
    }
    return src.lineEnd(i);
  }
  const keyword = C4_KEYWORDS.get(word);
  if (!keyword) {
    problems.error(CODES.unknownStatement,
      `\`${word || src.text.slice(i, i + 1)}\` is not a C4 statement; use Person, System, Container, Component (with Db, Queue and _Ext forms), a boundary, Rel or BiRel.`,
      i, Math.max(we, i + 1));
    return src.lineEnd(i);
  }
  const open = src.skipBlanks(we);
  if (src.code(open) !== CH.LPAREN) {
    problems.error(CODES.missingArguments, `\`${word}\` needs its arguments in parentheses, e.g. \`${word}(alias, "Label")\`.`, i, we);
    return src.lineEnd(i);
  }
  const read = readArgs(src, open, problems);
  if (keyword.role === 'style') return read.end;
  const named = namedArgs(read.args, keyword.args);
  if (keyword.role === 'rel') {
    const from = named.get('from');
    const to = named.get('to');
    if (!from?.raw || !to?.raw) {
      problems.error(CODES.missingArguments, `\`${word}\` needs the two elements it joins: \`${word}(from, to, "label")\`.`, i, read.end);
      return read.end;
    }
    state.rels.push({ from, to, keyword, start: i, end: we, label: named.get('label'), techn: named.get('techn') });
    return read.end;
  }
  const alias = named.get('alias');
  if (!alias?.raw) {
    problems.error(CODES.missingArguments, `\`${word}\` needs an alias as its first argument, e.g. \`${word}(api, "Label")\`.`, i, read.end);
    return read.end;
  }
  const parent = state.stack[state.stack.length - 1] as OpenBoundary | undefined;
  if (keyword.role === 'boundary') return openBoundary(ctx, state, keyword, named, alias, parent?.id, read.end);
  ctx.model.declare(alias.raw.text, alias.raw.start, alias.raw.end, elementDecl(keyword, named, parent?.id));
  return read.end;
}

function elementDecl(keyword: C4Keyword, named: Map<string, C4Arg>, boundary: string | undefined): ElementDecl {
  const label = named.get('label')?.value;
  const techn = named.get('techn')?.value;
  const descr = named.get('descr')?.value;
  const hints: KindHint[] = [];
  if (techn) hints.push({ source: 'technology', text: techn.text, weight: 1 });
  // A description is prose: it may name what the element talks to, so it counts for less.
  if (descr) hints.push({ source: 'description', text: descr.text, weight: 0.5 });
  const properties: Record<string, string> = {};
  if (techn) properties.technology = techn.text;
  if (descr) properties.description = descr.text;
  if (keyword.external && keyword.shape !== 'person') properties.provider = 'external';
  const decl: ElementDecl = { properties, hints };
  if (keyword.shape !== undefined) decl.shape = keyword.shape;
  if (label) decl.label = label;
  if (boundary !== undefined) decl.boundary = boundary;
  return decl;
}

function openBoundary(ctx: DiagramCtx, state: C4State, keyword: C4Keyword, named: Map<string, C4Arg>, alias: C4Arg, parent: string | undefined, end: number): number {
  const { src, problems, model } = ctx;
  const id = alias.raw?.text ?? '';
  const properties: Record<string, string> = {};
  const type = named.get('type')?.value?.text ?? keyword.boundaryType;
  if (type) properties.type = type;
  const descr = named.get('descr')?.value?.text;
  if (descr) properties.description = descr;
  const start = alias.raw?.start ?? alias.start;
  const stop = alias.raw?.end ?? alias.end;
  model.boundary(id, named.get('label')?.value, start, stop, parent, properties);
  // `{` on the same line or the next (Mermaid accepts both).
  const brace = skipSpace(src, end, true);
  if (src.code(brace) !== CH.LBRACE) {
    problems.error(CODES.missingBrace, `A boundary opens a block: add \`{\` after it and \`}\` after its elements.`, start, stop);
    return end;
  }
  state.stack.push({ id, start, end: stop });
  return brace + 1;
}

/** Adds the flows; ends that name no element are reported (Mermaid draws no line for them). */
function resolveRels(ctx: DiagramCtx, state: C4State): void {
  const { problems, model } = ctx;
  for (const r of state.rels) {
    const from = r.from.raw;
    const to = r.to.raw;
    if (!from || !to) continue;
    for (const end of [from, to]) {
      if (!model.has(end.text) && !model.isBoundary(end.text)) {
        problems.warning(CODES.unknownElement, `\`${end.text}\` is not an element of this diagram; Mermaid draws nothing for this relationship.`, end.start, end.end);
      } else if (model.has(end.text)) {
        model.mention(end.text, end.start, end.end);
      }
    }
    const tags = r.techn?.value ? [r.techn.value.text] : undefined;
    model.flow(from.text, to.text, r.start, r.end, {
      arrow: ctxWord(ctx, r), bidirectional: r.keyword.bidirectional === true, ...(r.label?.value ? { label: r.label.value } : {}), ...(tags ? { tags } : {}),
    });
  }
}

function ctxWord(ctx: DiagramCtx, r: Rel): string {
  return ctx.src.text.slice(r.start, r.end);
}
