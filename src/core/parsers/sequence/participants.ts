/**
 * `participant`, `actor`, `create …` and `destroy` statements. The name rules are Mermaid's: a
 * name followed by `@{…}` or ` as ` is one word; otherwise the name runs to the end of the line
 * and may hold spaces (`participant Web Server`).
 */
import type { KindHint } from '../../model';
import { CH, isBlank } from '../mermaid/chars';
import type { Source } from '../mermaid/source';
import type { DiagramCtx } from '../common/diagramCtx';
import type { TextRange } from '../common/diagramBuilder';
import { keywordAt } from '../common/scan';
import { CODES } from './codes';
import { restText, textEnd, type Name } from './messages';

/** `[^<>:\n,;@]`: characters of a participant name. */
function isNameChar(c: number): boolean {
  return c !== -1 && c !== CH.LT && c !== CH.GT && c !== CH.COLON && c !== CH.NL && c !== CH.COMMA && c !== CH.SEMI && c !== CH.AT;
}

function trimmed(src: Source, start: number, end: number): Name | undefined {
  let s = start;
  let e = end;
  while (s < e && isBlank(src.code(s))) s++;
  while (e > s && isBlank(src.code(e - 1))) e--;
  return e > s ? { id: src.text.slice(s, e), start: s, end: e } : undefined;
}

/** ` as ` after the first word (`\s+as\s`), returning the index after `as`, or -1. */
function aliasKeyword(src: Source, wordEnd: number): number {
  const p = src.skipBlanks(wordEnd);
  if (p === wordEnd || !keywordAt(src, p, 'as', true)) return -1;
  return isBlank(src.code(p + 2)) ? p + 2 : -1;
}

interface ParticipantName {
  name: Name;
  /** Index after the name (and its `@{…}` block). */
  next: number;
  /** The `as` keyword followed. */
  alias: boolean;
  config?: { type?: string; alias?: TextRange };
}

/** Reads `type` and `alias` from `@{ "type": "database", "alias": "DB" }` (a one-line YAML map). */
function readConfig(src: Source, open: number): { end: number; type?: string; alias?: TextRange } {
  const close = src.nextIndexOf(CH.RBRACE, open + 2);
  const end = close === -1 ? src.lineEnd(open) : close + 1;
  const out: { end: number; type?: string; alias?: TextRange } = { end };
  let partStart = open + 2;
  const bodyEnd = close === -1 ? end : close;
  while (partStart < bodyEnd) {
    let partEnd = src.nextIndexOf(CH.COMMA, partStart);
    if (partEnd === -1 || partEnd > bodyEnd) partEnd = bodyEnd;
    const colon = src.nextIndexOf(CH.COLON, partStart);
    if (colon !== -1 && colon < partEnd) {
      const key = unquote(src.text.slice(partStart, colon));
      const value = unquoted(src, colon + 1, partEnd);
      if (key === 'type' && value) out.type = value.text.toLowerCase();
      if (key === 'alias' && value) out.alias = value;
    }
    partStart = partEnd + 1;
  }
  return out;
}

function unquote(s: string): string {
  return s.trim().replace(/^["']/, '').replace(/["']$/, '');
}

/** The trimmed value in `[start, end)` without its quotes. */
function unquoted(src: Source, start: number, end: number): TextRange | undefined {
  let s = start;
  let e = end;
  while (s < e && isBlank(src.code(s))) s++;
  while (e > s && isBlank(src.code(e - 1))) e--;
  const q = src.code(s);
  if ((q === CH.QUOTE || q === CH.APOS) && e - s >= 2 && src.code(e - 1) === q) { s++; e--; }
  return e > s ? { text: src.text.slice(s, e), start: s, end: e } : undefined;
}

function readName(ctx: DiagramCtx, i: number): ParticipantName | undefined {
  const { src } = ctx;
  let wordEnd = i;
  while (isNameChar(src.code(wordEnd)) && !isBlank(src.code(wordEnd))) wordEnd++;
  if (wordEnd > i) {
    const after = src.skipBlanks(wordEnd);
    if (src.startsWith('@{', after)) {
      const config = readConfig(src, after);
      const alias = aliasKeyword(src, config.end);
      return { name: { id: src.text.slice(i, wordEnd), start: i, end: wordEnd }, next: alias === -1 ? config.end : alias, alias: alias !== -1, config };
    }
    const alias = aliasKeyword(src, wordEnd);
    if (alias !== -1) return { name: { id: src.text.slice(i, wordEnd), start: i, end: wordEnd }, next: alias, alias: true };
  }
  // The name runs to the end of the statement; a `#` comment may end it early.
  let end = i;
  while (isNameChar(src.code(end))) end++;
  const stop = src.code(end);
  if (stop !== -1 && stop !== CH.NL && stop !== CH.SEMI) {
    // Mermaid's pattern backtracks to the last `#` (a comment) before the stray character.
    let hash = end - 1;
    while (hash >= i && src.code(hash) !== CH.HASH) hash--;
    if (hash < i) return undefined;
    end = hash;
  }
  const name = trimmed(src, i, end);
  return name ? { name, next: textEnd(src, end), alias: false } : undefined;
}

const TYPE_SHAPES = new Set(['boundary', 'collections', 'control', 'database', 'entity', 'queue', 'actor', 'participant']);

/**
 * `participant X`, `actor X as Label`, `participant DB@{ "type": "database" }`. `draw` is the
 * keyword; `boundary` the enclosing `box`, if any. Returns where the statement ends.
 */
export function parseParticipant(ctx: DiagramCtx, i: number, draw: 'participant' | 'actor', boundary: string | undefined, created: boolean): number {
  const { src, problems, model } = ctx;
  const p = src.skipBlanks(i);
  const read = readName(ctx, p);
  if (!read) {
    problems.error(CODES.missingName, `\`${draw}\` needs a name, e.g. \`${draw} Alice\` or \`${draw} A as Alice\`.`, i, Math.max(i + 1, src.lineContentEnd(i)));
    return src.lineEnd(i);
  }
  let label: TextRange | undefined = read.config?.alias;
  let next = read.next;
  if (read.alias) {
    const text = restText(src, next);
    if (text.range) label = text.range;
    next = text.end;
  }
  const type = read.config?.type ?? draw;
  const hints: KindHint[] = [];
  if (read.config?.type) hints.push({ source: 'type', text: read.config.type, weight: 1 });
  model.declare(read.name.id, read.name.start, read.name.end, {
    ...(label ? { label } : {}),
    shape: TYPE_SHAPES.has(type) ? type : draw,
    ...(hints.length ? { hints } : {}),
    ...(created ? { properties: { lifecycle: 'created' } } : {}),
    ...(boundary !== undefined ? { boundary } : {}),
  });
  return next;
}

/** `destroy X`: only a mention; Mermaid creates no participant for it. */
export function parseDestroy(ctx: DiagramCtx, i: number): number {
  const { src, model } = ctx;
  const read = readName(ctx, src.skipBlanks(i));
  if (read && model.has(read.name.id)) {
    model.mention(read.name.id, read.name.start, read.name.end);
    model.properties(read.name.id, { lifecycle: 'destroyed' });
  }
  return src.lineEnd(i);
}
