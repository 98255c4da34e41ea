import { CH, isBlank, isWordChar } from './chars';
import { parseComment } from './comments';
import { endStatement, type Ctx } from './context';
import { scanIdEnd } from './ids';
import {
  parseAccessibility, parseClass, parseClassDef, parseClick, parseEnd, parseLinkStyle, parseStyle, parseSubgraph,
} from './keywords';
import { FLOWCHART_HEADERS } from './preamble';
import { CODES, quoteSnippet } from './problems';
import { parseVertexStatement } from './vertices';

type KeywordParser = (ctx: Ctx, start: number, wordEnd: number) => number;

/** Statement keywords; each must be followed by a blank (Mermaid's `\b` plus the space its grammar wants). */
const KEYWORDS: ReadonlyMap<string, KeywordParser> = new Map<string, KeywordParser>([
  ['subgraph', parseSubgraph],
  ['class', parseClass],
  ['classDef', parseClassDef],
  ['style', parseStyle],
  ['linkStyle', parseLinkStyle],
  ['click', parseClick],
  ['accTitle', parseAccessibility],
  ['accDescr', parseAccessibility],
  ['direction', (ctx, _s, wordEnd) => ctx.src.lineEnd(wordEnd)],
]);

const DIRECTIONS: ReadonlySet<string> = new Set(['TB', 'TD', 'BT', 'RL', 'LR', '<', '>', '^', 'v']);

/** Parses everything after the front matter. Never throws; each statement is isolated. */
export function parseStatements(ctx: Ctx, start: number): void {
  const { src, problems } = ctx;
  let i = start;
  let headerSeen = false;
  while (i < src.length) {
    const c = src.code(i);
    if (c === CH.NL || c === CH.SEMI || isBlank(c)) {
      i++;
      continue;
    }
    const before = i;
    try {
      if (src.startsWith('%%', i) && src.atLineStart(i)) {
        i = parseComment(ctx, i);
      } else if (!headerSeen) {
        headerSeen = true;
        i = parseHeader(ctx, i);
      } else {
        i = parseStatement(ctx, i);
      }
    } catch (e) {
      // A bug in one statement must not take the whole diagram down with it.
      problems.error(CODES.internalError,
        `Threatlens could not parse this line (${e instanceof Error ? e.message : String(e)}); the rest of the diagram was still read.`,
        i, src.lineContentEnd(i));
      i = src.lineEnd(i);
    }
    if (i <= before) i = before + 1;
  }
  ctx.model.boundaries.closeAllAtEof();
}

function readWord(ctx: Ctx, i: number): number {
  let j = i;
  while (j < ctx.src.length && (isWordChar(ctx.src.code(j)) || ctx.src.code(j) === CH.DASH)) j++;
  return j;
}

/** `flowchart LR`, `graph TD;` or `graph`. */
function parseHeader(ctx: Ctx, i: number): number {
  const { src, problems } = ctx;
  const wordEnd = readWord(ctx, i);
  const word = src.text.slice(i, wordEnd);
  if (!FLOWCHART_HEADERS.has(word)) {
    problems.error(CODES.missingHeader,
      'A Mermaid flowchart starts with `flowchart` or `graph` and a direction, e.g. `flowchart LR`. The rest was read as a flowchart anyway.',
      i, Math.max(wordEnd, i + 1));
    return parseStatement(ctx, i);
  }
  const dirStart = src.skipBlanks(wordEnd);
  let dirEnd = dirStart;
  while (dirEnd < src.length && !isBlank(src.code(dirEnd)) && src.code(dirEnd) !== CH.NL && src.code(dirEnd) !== CH.SEMI) dirEnd++;
  const dir = src.text.slice(dirStart, dirEnd);
  if (dir !== '' && !DIRECTIONS.has(dir)) {
    problems.error(CODES.unknownDirection,
      `${quoteSnippet(dir)} is not a direction Mermaid knows; use TB, TD, BT, RL or LR (upper case).`, dirStart, dirEnd);
    return src.lineEnd(dirStart);
  }
  return endStatement(ctx, dirEnd, 'the diagram header', 'a new line (statements go on the following lines)');
}

/**
 * Mermaid only reads `direction`, `accTitle` and `accDescr` as keywords in their full form
 * (`direction LR`, `accTitle: …`, `accDescr {`); otherwise they are ordinary node ids.
 */
function keywordApplies(ctx: Ctx, word: string, wordEnd: number): boolean {
  const { src } = ctx;
  const p = src.skipBlanks(wordEnd);
  if (word === 'direction') {
    const dir = src.text.slice(p, p + 2);
    return p > wordEnd && (dir === 'TB' || dir === 'BT' || dir === 'RL' || dir === 'LR' || dir === 'TD');
  }
  if (word === 'accTitle') return src.code(p) === CH.COLON;
  if (word === 'accDescr') return src.code(p) === CH.COLON || src.code(p) === CH.LBRACE;
  return true;
}

function parseStatement(ctx: Ctx, i: number): number {
  const { src, problems } = ctx;
  if (src.startsWith('%%', i)) return endStatement(ctx, i, 'the previous statement');
  let wordEnd = i;
  while (wordEnd < src.length && isWordChar(src.code(wordEnd))) wordEnd++;
  const word = src.text.slice(i, wordEnd);
  const next = src.code(wordEnd);
  const endsWord = next === -1 || next === CH.NL || next === CH.SEMI || isBlank(next);
  if (word === 'end' && scanIdEnd(src, i) === wordEnd) return parseEnd(ctx, i);
  const keyword = KEYWORDS.get(word);
  if (keyword && (endsWord || word.startsWith('acc')) && keywordApplies(ctx, word, wordEnd)) return keyword(ctx, i, wordEnd);
  if (endsWord && FLOWCHART_HEADERS.has(word)) {
    problems.error(CODES.malformedStatement, 'A diagram has only one `flowchart`/`graph` header; start a new diagram for another chart.', i, wordEnd);
    return src.lineEnd(i);
  }
  return parseVertexStatement(ctx, i);
}
