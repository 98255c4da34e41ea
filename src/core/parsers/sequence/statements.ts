/**
 * The statement loop of the sequence-diagram parser. Keywords are matched as Mermaid's lexer does
 * (case-insensitive, whole words, the first rule that fits); blocks (`loop`, `alt`/`else`, `opt`,
 * `par`/`and`, `critical`/`option`, `break`, `rect`) are traversed, so the messages inside them
 * count like any other; `box … end` groups participants into a trust boundary.
 */
import { CH, isBlank } from '../mermaid/chars';
import { parseComment } from '../mermaid/comments';
import { directiveEnd } from '../mermaid/preamble';
import type { DiagramCtx } from '../common/diagramCtx';
import { entityEnd, keywordAt, wordEnd, forEachStatement } from '../common/scan';
import { boxTitle } from './boxes';
import { CODES } from './codes';
import { parseMessage, restText, scanActor, textEnd } from './messages';
import { parseDestroy, parseParticipant } from './participants';

interface Block {
  keyword: string;
  start: number;
  end: number;
  /** The boundary a `box` opened. */
  boundary?: string;
}

/** Block keywords and the branch keywords each accepts. */
const BLOCKS: Readonly<Record<string, readonly string[]>> = {
  loop: [], rect: [], opt: [], alt: ['else'], par: ['and'], par_over: ['and'], critical: ['option'], break: [],
};
const BRANCHES = new Set(['else', 'and', 'option']);
/** Statements whose actor only names a participant: Mermaid adds it when it is new. */
const ACTOR_STATEMENTS = new Set(['links', 'link', 'properties', 'details']);
/** Statements that take the rest of the line and declare nothing. */
const LINE_STATEMENTS = new Set(['autonumber', 'title', 'activate', 'deactivate']);

interface State {
  blocks: Block[];
  /** The `box` blocks among `blocks`, in the same order: the innermost one without a search. */
  openBoxes: Block[];
  boxes: number;
  headerSeen: boolean;
}

export function parseSequenceStatements(ctx: DiagramCtx, start: number): void {
  const { problems } = ctx;
  const state: State = { blocks: [], openBoxes: [], boxes: 0, headerSeen: false };
  forEachStatement(ctx, state, start, parseOne, true);
  for (const b of state.blocks) {
    problems.error(CODES.missingEnd, `This \`${b.keyword}\` block is never closed with \`end\`.`, b.start, b.end);
  }
}

function parseOne(ctx: DiagramCtx, state: State, i: number): number {
  const { src } = ctx;
  if (src.startsWith('%%', i) && src.atLineStart(i)) return parseComment(ctx, i);
  if (src.startsWith('%%{', i)) return directiveEnd(src, i);
  // `#` and `%` start comments wherever a token could start (Mermaid's lexer rules).
  if (src.code(i) === CH.PERCENT || (src.code(i) === CH.HASH && entityEnd(src, i) === -1)) return src.lineEnd(i);
  if (!state.headerSeen) {
    state.headerSeen = true;
    if (keywordAt(src, i, 'sequenceDiagram', false)) return i + 'sequenceDiagram'.length;
  }
  return parseStatement(ctx, state, i);
}

function parseStatement(ctx: DiagramCtx, state: State, i: number): number {
  const { src, problems } = ctx;
  const we = wordEnd(src, i);
  const word = src.text.slice(i, we).toLowerCase();
  const box = state.openBoxes[state.openBoxes.length - 1] as Block | undefined;
  const top = state.blocks[state.blocks.length - 1] as Block | undefined;
  const inBox = top !== undefined && top.boundary !== undefined;
  if (word === 'participant' || word === 'actor') return parseParticipant(ctx, we, word, box?.boundary, false);
  if (word === 'create') {
    const p = src.skipBlanks(we);
    const next = src.text.slice(p, wordEnd(src, p)).toLowerCase();
    if (next === 'participant' || next === 'actor') return parseParticipant(ctx, p + next.length, next, box?.boundary, true);
    problems.error(CODES.unexpectedText, '`create` is followed by `participant` or `actor`, e.g. `create participant C`.', i, we);
    return src.lineEnd(i);
  }
  if (word === 'destroy') return parseDestroy(ctx, we);
  if (word === 'box') return openBox(ctx, state, i, we);
  if (Object.prototype.hasOwnProperty.call(BLOCKS, word)) {
    if (inBox) problems.error(CODES.boxContent, 'A `box` may only declare participants; close it with `end` first.', i, we);
    state.blocks.push({ keyword: word, start: i, end: we });
    return textEnd(src, we);
  }
  if (BRANCHES.has(word)) {
    if (!top || !(BLOCKS[top.keyword] ?? []).includes(word)) {
      problems.error(CODES.misplacedBranch, `\`${word}\` belongs inside ${word === 'else' ? 'an `alt`' : word === 'and' ? 'a `par`' : 'a `critical`'} block.`, i, we);
    }
    return textEnd(src, we);
  }
  if (word === 'end') {
    const closed = state.blocks.pop();
    if (closed?.boundary !== undefined) state.openBoxes.pop();
    if (!closed) problems.error(CODES.unexpectedEnd, '`end` without a block (`box`, `loop`, `alt`, `opt`, `par`, `critical`, `break` or `rect`) to close.', i, we);
    return we;
  }
  if (word === 'note') return parseNote(ctx, we);
  if (ACTOR_STATEMENTS.has(word) && isBlank(src.code(we))) return parseActorStatement(ctx, we);
  if (LINE_STATEMENTS.has(word) || (word === 'title' && src.code(we) === CH.COLON)) return textEnd(src, we);
  if (word === 'acctitle' || word === 'accdescr') return parseAccessibility(ctx, we);
  return parseMessage(ctx, i, inBox);
}

function openBox(ctx: DiagramCtx, state: State, i: number, we: number): number {
  const { src, problems, model } = ctx;
  if (state.blocks.length > 0) {
    problems.error(CODES.boxContent, 'A `box` cannot be nested inside another block or box.', i, we);
  }
  state.boxes++;
  const { title, end } = boxTitle(src, we);
  const id = `box${state.boxes}`;
  model.boundary(id, title, title?.start ?? i, title?.end ?? we);
  const block: Block = { keyword: 'box', start: i, end: we, boundary: id };
  state.blocks.push(block);
  state.openBoxes.push(block);
  return end;
}

/** `note left of A: text`, `note over A,B: text`: Mermaid adds the participants it names. */
function parseNote(ctx: DiagramCtx, we: number): number {
  const { src, model } = ctx;
  let p = src.skipBlanks(we);
  const placement = src.text.slice(p, wordEnd(src, p)).toLowerCase();
  if (placement === 'over') p = src.skipBlanks(p + 4);
  else if (placement === 'left' || placement === 'right') {
    p = src.skipBlanks(wordEnd(src, p));
    if (keywordAt(src, p, 'of', true)) p = src.skipBlanks(p + 2);
  }
  for (;;) {
    const actor = scanActor(src, p);
    if (!actor) break;
    model.mention(actor.id, actor.start, actor.end);
    p = src.skipBlanks(actor.end);
    if (src.code(p) !== CH.COMMA) break;
    p = src.skipBlanks(p + 1);
  }
  return src.code(p) === CH.COLON ? restText(src, p + 1).end : textEnd(src, p);
}

/** `links A: {…}`, `properties A: {…}`: the actor is named, the rest is rendering data. */
function parseActorStatement(ctx: DiagramCtx, we: number): number {
  const { src, model } = ctx;
  const actor = scanActor(src, src.skipBlanks(we));
  if (actor) model.mention(actor.id, actor.start, actor.end);
  return src.lineEnd(we);
}

function parseAccessibility(ctx: DiagramCtx, we: number): number {
  const { src } = ctx;
  const p = src.skipBlanks(we);
  if (src.code(p) === CH.LBRACE) {
    const close = src.nextIndexOf(CH.RBRACE, p + 1);
    return close === -1 ? src.length : close + 1;
  }
  return src.lineEnd(p);
}
