/**
 * Messages (`Alice->>+Bob: text`): the actor names and arrow tokens of Mermaid's sequence lexer,
 * as forward char scans. Actor names may hold spaces and single dashes (`Web-App`), never an
 * arrow; the arrow list is Mermaid's, tried in its order (the first that fits wins).
 */
import { CH, isBlank } from '../mermaid/chars';
import type { Source } from '../mermaid/source';
import { entityEnd, textRange } from '../common/scan';
import type { DiagramCtx } from '../common/diagramCtx';
import type { TextRange } from '../common/diagramBuilder';
import { CODES } from './codes';

/** `[^/\\+()<\->:\n,;]`: a character that may start an actor name. */
function isActorStart(c: number): boolean {
  return c !== -1 && c !== CH.SLASH && c !== CH.BACKSLASH && c !== 43 /* + */ && c !== CH.LPAREN && c !== CH.RPAREN
    && c !== CH.LT && c !== CH.DASH && c !== CH.GT && c !== CH.COLON && c !== CH.NL && c !== CH.COMMA && c !== CH.SEMI;
}

/** `[^+<\->:\n,;]`: a character that may continue an actor name after a dash. */
function isActorRest(c: number): boolean {
  return c !== -1 && c !== 43 && c !== CH.LT && c !== CH.DASH && c !== CH.GT && c !== CH.COLON && c !== CH.NL && c !== CH.COMMA && c !== CH.SEMI;
}

/** Sequences that end an actor name where a dash run would otherwise continue it (Mermaid's look-ahead). */
const NAME_BREAKS = ['-x', '--x', '-)', '--)', '-|\\', '-\\', '-/', '-//', '-|/', '/|-', '\\|-', '//-', '\\\\-', '--|\\', '--', '()'];

function breaksName(src: Source, i: number): boolean {
  for (const b of NAME_BREAKS) {
    if (src.text.length - i < b.length) continue;
    if (src.text.slice(i, i + b.length).toLowerCase() === b) return true;
  }
  return false;
}

export interface Name {
  id: string;
  start: number;
  end: number;
}

/**
 * The actor name at `i` (`i` already past blanks), trimmed, or undefined. An entity such as
 * `#quot;` counts as part of the name, since Mermaid replaces it before lexing.
 */
export function scanActor(src: Source, i: number): Name | undefined {
  if (!isActorStart(src.code(i))) return undefined;
  let p = i;
  const step = (k: number, ok: (c: number) => boolean): number => {
    const e = entityEnd(src, k);
    if (e !== -1) return e;
    return ok(src.code(k)) ? k + 1 : k;
  };
  for (let n = step(p, isActorStart); n > p; n = step(p, isActorStart)) p = n;
  for (;;) {
    if (breaksName(src, p)) break;
    let q = p;
    while (src.code(q) === CH.DASH) q++;
    let r = q;
    for (let n = step(r, isActorRest); n > r; n = step(r, isActorRest)) r = n;
    if (r === q) break;
    p = r;
  }
  let end = p;
  while (end > i && isBlank(src.code(end - 1))) end--;
  return end > i ? { id: src.text.slice(i, end), start: i, end } : undefined;
}

export interface Arrow {
  start: number;
  end: number;
  text: string;
  bidirectional: boolean;
}

/** Mermaid's signal tokens in lexer order (solid, dotted, open, cross, async and half arrows). */
const ARROWS = [
  '->>', '<<->>', '-->>', '<<-->>', '->', '-->', '-x', '--x', '-)', '--)',
  '--|\\', '--|/', '--\\\\', '--//', '/|--', '\\|--', '//--', '\\\\--',
  '-|\\', '-|/', '-\\\\', '-//', '/|-', '\\|-', '//-', '\\\\-',
];

export function scanArrow(src: Source, i: number): Arrow | undefined {
  for (const a of ARROWS) {
    if (src.text.slice(i, i + a.length).toLowerCase() === a) {
      return { start: i, end: i + a.length, text: src.text.slice(i, i + a.length), bidirectional: a.startsWith('<<') };
    }
  }
  return undefined;
}

/** `()` marks a central connection on either side of an arrow; it changes nothing in the model. */
function skipCentral(src: Source, i: number): number {
  const p = src.skipBlanks(i);
  return src.code(p) === CH.LPAREN && src.code(p + 1) === CH.RPAREN ? p + 2 : i;
}

/** End of a message text: `#` (a comment, unless it is an entity), `;` or the line end. */
export function textEnd(src: Source, i: number): number {
  const lineEnd = src.lineEnd(i);
  for (let k = i; k < lineEnd; k++) {
    const c = src.code(k);
    if (c === CH.HASH) {
      const e = entityEnd(src, k);
      if (e === -1) return k;
      k = e - 1;
    } else if (c === CH.SEMI) {
      return k;
    }
  }
  return lineEnd;
}

/** `wrap:` / `nowrap:` (optionally after the colon) only set line wrapping. */
function skipWrapPrefix(src: Source, i: number, end: number): number {
  const p = src.skipBlanks(i);
  for (const w of ['wrap:', 'nowrap:', ':wrap:', ':nowrap:']) {
    if (p + w.length <= end && src.text.slice(p, p + w.length).toLowerCase() === w) return p + w.length;
  }
  return i;
}

/** The rest of a statement from `start` (a message text, an alias), as Mermaid's `parseMessage` reads it. */
export function restText(src: Source, start: number): { range?: TextRange; end: number } {
  const end = textEnd(src, start);
  return { range: textRange(src, skipWrapPrefix(src, start, end), end), end };
}

/**
 * A message statement starting with an actor name at `i`. Adds both ends (Mermaid creates
 * participants on first use) and the flow; returns where the statement ends.
 */
export function parseMessage(ctx: DiagramCtx, i: number, inBox: boolean): number {
  const { src, problems, model } = ctx;
  const from = scanActor(src, i);
  if (!from) {
    problems.error(CODES.unexpectedText, 'Expected a participant, a message such as `Alice->>Bob: hello`, or a keyword.', i, src.lineContentEnd(i));
    return src.lineEnd(i);
  }
  const arrowAt = src.skipBlanks(skipCentral(src, from.end));
  const arrow = scanArrow(src, arrowAt);
  if (!arrow) {
    problems.error(CODES.unexpectedText,
      `\`${from.id}\` is not a statement; a message needs an arrow such as \`->>\` or \`-->>\` and a target, e.g. \`${from.id}->>Bob: hello\`.`,
      from.start, Math.max(from.end, arrowAt));
    return src.lineEnd(i);
  }
  let p = src.skipBlanks(skipCentral(src, arrow.end));
  if (src.code(p) === 43 /* + */ || src.code(p) === CH.DASH) p = src.skipBlanks(p + 1);
  const to = scanActor(src, p);
  if (!to) {
    problems.error(CODES.missingTarget, `The arrow \`${arrow.text}\` has no target participant.`, arrow.start, arrow.end);
    return src.lineEnd(i);
  }
  p = src.skipBlanks(skipCentral(src, to.end));
  if (src.code(p) !== CH.COLON) {
    problems.error(CODES.missingText, 'Mermaid needs a `:` after the target of a message (the text may be empty: `A->>B:`).', to.start, to.end);
    return src.lineEnd(i);
  }
  if (inBox) {
    problems.error(CODES.boxContent, 'A `box` may only declare participants; close it with `end` before the messages.', from.start, to.end);
  }
  const text = restText(src, p + 1);
  model.mention(from.id, from.start, from.end);
  model.mention(to.id, to.start, to.end);
  model.flow(from.id, to.id, arrow.start, arrow.end, { arrow: arrow.text, bidirectional: arrow.bidirectional, label: text.range });
  return text.end;
}
