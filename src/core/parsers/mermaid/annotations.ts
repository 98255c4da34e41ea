import type { Annotation, DecisionStatus, Span } from '../../model';
import { editDistance } from '../../nearMatches';
import { isIsoDate, isThreatRef, tokenize, type Token } from './annotationTokens';
import type { Ctx } from './context';
import { CODES } from './problems';

/** What annotation parsing needs; every Mermaid diagram parser (flowchart, C4, sequence, …) has it. */
export type AnnotationCtx = Pick<Ctx, 'src' | 'problems' | 'annotations'>;

const FORMS: Readonly<Record<string, string>> = {
  mitigates: '%% @mitigates <node> against <THREAT> with "<control>" (planned|implemented|verified)',
  accepts: '%% @accepts <node> <THREAT> because "<reason>" [owner=<name>] [expires=YYYY-MM-DD]',
  'not-applicable': '%% @not-applicable <node> <THREAT> because "<reason>"',
  component: '%% @component <node> key=value …',
};
const VERBS = Object.keys(FORMS);
const STATUSES: readonly DecisionStatus[] = ['planned', 'implemented', 'verified'];

/** Thrown inside one annotation's parse and turned into a single Problem. */
class AnnotationError extends Error {
  constructor(message: string, readonly start: number, readonly end: number, readonly suggestions?: string[]) {
    super(message);
  }
}

interface Cursor {
  ctx: AnnotationCtx;
  tokens: Token[];
  next: number;
  verb: string;
  /** Whole annotation range, for problems about missing parts. */
  start: number;
  end: number;
}

function fail(cur: Cursor, message: string, token?: Token): never {
  const start = token ? token.start : cur.start;
  const end = token ? token.end : cur.end;
  throw new AnnotationError(`${message} Expected: \`${FORMS[cur.verb]}\`.`, start, end);
}

function take(cur: Cursor, what: string): Token {
  const t = cur.tokens[cur.next];
  if (!t) fail(cur, `Missing ${what}.`);
  cur.next++;
  if (t.unterminated) fail(cur, 'Unterminated quoted string: add the closing `"`.', t);
  return t;
}

function span(cur: Cursor, start: number, end: number): Span {
  return cur.ctx.src.span(start, end);
}

/** A node id, or a quoted one for ids with spaces (sequence participants such as `Web Server`). */
function takeTarget(cur: Cursor): Token {
  const t = take(cur, 'node id');
  if (t.kind === 'string' && t.text.trim() !== '') return { ...t, start: t.valueStart ?? t.start, end: t.valueEnd ?? t.end };
  if (t.kind !== 'word') fail(cur, 'The first argument must be a node id.', t);
  return t;
}

/** `nextKeyword` is the word that follows the threat, so `… against with "x"` reads as a missing threat. */
function takeThreat(cur: Cursor, nextKeyword: string): Token {
  const t = take(cur, 'threat reference (e.g. LLM01, AML.T0051, TL001)');
  if (t.kind === 'word' && t.text.toLowerCase() === nextKeyword) fail(cur, `Missing threat reference before \`${nextKeyword}\`.`, t);
  if (t.kind !== 'word' || !isThreatRef(t.text)) {
    fail(cur, `${t.kind === 'word' ? `\`${t.text}\`` : 'This'} is not a threat reference like LLM01, LLM01:2025, ASI02, AML.T0051.001 or TL001.`, t);
  }
  return t;
}

function takeKeyword(cur: Cursor, keyword: string): void {
  const t = take(cur, `\`${keyword}\``);
  if (t.kind !== 'word' || t.text.toLowerCase() !== keyword) fail(cur, `Expected \`${keyword}\` here.`, t);
}

function takeString(cur: Cursor, what: string): string {
  const t = take(cur, `"${what}"`);
  if (t.kind !== 'string') fail(cur, `The ${what} must be in double quotes.`, t);
  if (t.text.trim() === '') fail(cur, `The ${what} must not be empty.`, t);
  return t.text;
}

function noMore(cur: Cursor): void {
  const t = cur.tokens[cur.next];
  if (t) fail(cur, 'Unexpected text at the end of the annotation.', t);
}

function parseMitigates(cur: Cursor, base: { span: Span }): Annotation {
  const target = takeTarget(cur);
  takeKeyword(cur, 'against');
  const threat = takeThreat(cur, 'with');
  takeKeyword(cur, 'with');
  const control = takeString(cur, 'control');
  let status: DecisionStatus = 'planned';
  const s = cur.tokens[cur.next];
  if (s) {
    cur.next++;
    const word = s.kind === 'word' && s.text.startsWith('(') && s.text.endsWith(')') ? s.text.slice(1, -1).toLowerCase() : undefined;
    const known = STATUSES.find((x) => x === word);
    if (!known) fail(cur, 'The status must be `(planned)`, `(implemented)` or `(verified)`.', s);
    status = known;
  }
  noMore(cur);
  return {
    type: 'mitigates', ...base, target: target.text, targetSpan: span(cur, target.start, target.end),
    threat: threat.text, threatSpan: span(cur, threat.start, threat.end), control, status,
  };
}

function parseAccepts(cur: Cursor, base: { span: Span }): Annotation {
  const target = takeTarget(cur);
  const threat = takeThreat(cur, 'because');
  takeKeyword(cur, 'because');
  const reason = takeString(cur, 'reason');
  const annotation: Annotation = {
    type: 'accepts', ...base, target: target.text, targetSpan: span(cur, target.start, target.end),
    threat: threat.text, threatSpan: span(cur, threat.start, threat.end), reason,
  };
  const seen = new Set<string>();
  for (let t = cur.tokens[cur.next]; t; t = cur.tokens[cur.next]) {
    cur.next++;
    if (t.unterminated) fail(cur, 'Unterminated quoted string: add the closing `"`.', t);
    const key = t.kind === 'pair' ? t.text : '';
    if (key !== 'owner' && key !== 'expires') fail(cur, 'Only `owner=<name>` and `expires=YYYY-MM-DD` may follow the reason.', t);
    if (seen.has(key)) fail(cur, `\`${key}\` is given twice.`, t);
    seen.add(key);
    const value = t.value ?? '';
    if (value.trim() === '') fail(cur, `\`${key}=\` needs a value.`, t);
    if (key === 'expires') {
      if (!isIsoDate(value)) fail(cur, `\`${value}\` is not a valid date; write it as YYYY-MM-DD, e.g. expires=2026-12-31.`, t);
      annotation.expires = value;
    } else {
      annotation.owner = value;
    }
  }
  return annotation;
}

function parseNotApplicable(cur: Cursor, base: { span: Span }): Annotation {
  const target = takeTarget(cur);
  const threat = takeThreat(cur, 'because');
  takeKeyword(cur, 'because');
  const reason = takeString(cur, 'reason');
  noMore(cur);
  return {
    type: 'not-applicable', ...base, target: target.text, targetSpan: span(cur, target.start, target.end),
    threat: threat.text, threatSpan: span(cur, threat.start, threat.end), reason,
  };
}

function parseComponent(cur: Cursor, base: { span: Span }): Annotation {
  const target = takeTarget(cur);
  const properties: Record<string, string> = {};
  const propertySpans: Record<string, Span> = {};
  if (!cur.tokens[cur.next]) fail(cur, 'Give at least one property, e.g. `kind=llm`.');
  for (let t = cur.tokens[cur.next]; t; t = cur.tokens[cur.next]) {
    cur.next++;
    if (t.unterminated) fail(cur, 'Unterminated quoted string: add the closing `"`.', t);
    if (t.kind !== 'pair' || t.text === '') fail(cur, 'Properties are written `key=value` (quote values with spaces).', t);
    if (Object.prototype.hasOwnProperty.call(properties, t.text)) fail(cur, `\`${t.text}\` is given twice.`, t);
    properties[t.text] = t.value ?? '';
    propertySpans[t.text] = span(cur, t.valueStart ?? t.end, t.valueEnd ?? t.end);
  }
  return { type: 'component', ...base, target: target.text, targetSpan: span(cur, target.start, target.end), properties, propertySpans };
}

const PARSERS: Readonly<Record<string, (cur: Cursor, base: { span: Span }) => Annotation>> = {
  mitigates: parseMitigates,
  accepts: parseAccepts,
  'not-applicable': parseNotApplicable,
  component: parseComponent,
};

/** Parses the `%% @…` comment whose `%%` is at `commentStart` and whose `@` is at `at`. */
export function parseAnnotation(ctx: AnnotationCtx, commentStart: number, at: number, lineEnd: number): void {
  const { src, problems } = ctx;
  const tokens = tokenize(src, at + 1, lineEnd);
  const verbToken = tokens[0] as Token | undefined;
  const verb = verbToken && verbToken.start === at + 1 && verbToken.kind === 'word' ? verbToken.text : '';
  const parse = Object.prototype.hasOwnProperty.call(PARSERS, verb) ? PARSERS[verb] : undefined;
  if (!parse) {
    const suggestions = VERBS.filter((v) => verb !== '' && editDistance(v, verb.toLowerCase()) <= 3).map((v) => '@' + v);
    const shown = verb === '' ? 'An annotation needs a verb after `@`' : `Unknown annotation \`@${verb}\``;
    problems.error(CODES.annotationSyntax,
      `${shown}; use @mitigates, @accepts, @not-applicable or @component (e.g. \`${FORMS.mitigates}\`).`,
      at, verbToken && verb !== '' ? verbToken.end : at + 1, suggestions);
    return;
  }
  const cur: Cursor = { ctx, tokens, next: 1, verb, start: commentStart, end: lineEnd };
  try {
    ctx.annotations.push(parse(cur, { span: src.span(commentStart, lineEnd) }));
  } catch (e) {
    if (!(e instanceof AnnotationError)) throw e;
    problems.error(CODES.annotationSyntax, e.message, e.start, e.end, e.suggestions);
  }
}
