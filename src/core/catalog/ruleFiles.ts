/** Checks the text of a rule file against the catalog; shared by the built-in rules (fromFiles.ts, at build time) and workspace rule files (workspaceRuleFiles.ts). */
import { parseDocument } from 'yaml';
import type { Span } from '../model';
import { ruleSchema, type Rule } from '../rules/schema';
import { editDistance } from '../nearMatches';
import type { Catalog } from './types';
import { duplicateKeys, spanFor } from './yamlSpans';
import { describeIssue, formatPath } from './zodIssues';

export interface RuleFileError {
  file: string;
  /** Field path such as `rules[3].likelihood`; empty for whole-file problems. */
  path: string;
  /** What is wrong, without file and path. */
  detail: string;
  /** `file: path: detail`, ready to show. */
  message: string;
  /** Where in the text, when known. */
  span?: Span;
  /** Near matches for unknown ids. */
  suggestions?: string[];
}

export interface RuleFileResult {
  /** The rules that passed every check (a bad rule does not discard its good neighbours). */
  rules: Rule[];
  errors: RuleFileError[];
}

export const RULE_FILE_LIMITS = {
  /** Larger workspace rule files are refused unread. */
  maxBytes: 1_000_000,
  /** Deeper nesting is refused (rules never need more than a handful of levels). */
  maxDepth: 64,
  maxErrors: 200,
} as const;

type CatalogRefs = Pick<Catalog, 'owasp' | 'legacyOwasp' | 'crosswalk' | 'editions' | 'atlas' | 'mitigations'>;

/** The checks behind `validateRuleFile`; `parseCatalogFiles` runs them on the built-in rules too (with no reserved ids). */
export function validateRulesIn(text: string, file: string, catalog: CatalogRefs, reservedIds: ReadonlySet<string>): RuleFileResult {
  const errors: RuleFileError[] = [];
  const rules: Rule[] = [];
  if (typeof text !== 'string') return { rules, errors: [mkError(file, '', 'expected the file text')] };
  const bytes = utf8Length(text);
  if (bytes > RULE_FILE_LIMITS.maxBytes) {
    return { rules, errors: [mkError(file, '', `file is too large (${(bytes / 1e6).toFixed(1)} MB; the limit is ${RULE_FILE_LIMITS.maxBytes / 1e6} MB)`)] };
  }
  const flowDepth = maxFlowDepth(text);
  if (flowDepth > RULE_FILE_LIMITS.maxDepth) {
    return { rules, errors: [mkError(file, '', `nesting is too deep (more than ${RULE_FILE_LIMITS.maxDepth} levels)`)] };
  }

  // Duplicate keys are found by `duplicateKeys` in one pass: the yaml package's own check
  // (`uniqueKeys: true`) is quadratic in the number of keys of a map.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const syntax = [
    ...doc.errors.map((e) => ({ span: clampSpan(text, e.pos), message: firstLine(e.message) })),
    ...duplicateKeys(doc).map((span) => ({ span: clampSpan(text, [span.start, span.end]), message: 'Map keys must be unique' })),
  ];
  if (syntax.length) {
    syntax.sort((a, b) => a.span.start - b.span.start);
    for (const e of syntax.slice(0, 20)) {
      errors.push(mkError(file, '', `not valid YAML at ${lineCol(text, e.span.start)}: ${e.message}`, e.span));
    }
    return { rules, errors };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { rules, errors: [mkError(file, '', `could not be read: ${firstLine(e instanceof Error ? e.message : String(e))}`)] };
  }
  if (depthExceeds(value, RULE_FILE_LIMITS.maxDepth)) {
    return { rules, errors: [mkError(file, '', `nesting is too deep (more than ${RULE_FILE_LIMITS.maxDepth} levels)`)] };
  }
  const spanAt = (path: readonly PropertyKey[], key = false) => spanFor(doc, path, key);

  if (value === null || value === undefined) {
    return { rules, errors: [mkError(file, '', 'the file is empty; expected a mapping with a `rules:` list')] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { rules, errors: [mkError(file, '', 'expected a mapping with a `rules:` list', spanAt([]))] };
  }
  const top = value as Record<string, unknown>;
  // Stops at the cap: a file of many thousands of keys would otherwise be reported key by key.
  const full = () => errors.length >= RULE_FILE_LIMITS.maxErrors;
  for (const k of Object.keys(top)) {
    if (full()) break;
    if (k !== 'rules') errors.push(mkError(file, formatPath([k]), 'unknown field (a rule file has only `rules:`)', spanAt([k], true)));
  }
  if (!('rules' in top)) return { rules, errors: [...errors, mkError(file, 'rules', 'missing; expected a list of rules', spanAt([]))] };
  const list = top.rules;
  if (!Array.isArray(list)) return { rules, errors: [...errors, mkError(file, 'rules', `expected a list, received ${typeName(list)}`, spanAt(['rules']))] };
  if (list.length > 500) return { rules, errors: [...errors, mkError(file, 'rules', `too many rules (${list.length}; at most 500 per file)`, spanAt(['rules']))] };

  const seen = new Map<string, number>();
  list.forEach((raw, i) => {
    if (full()) return;
    const base: PropertyKey[] = ['rules', i];
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const p of describeIssue(issue, base, raw)) {
          if (full()) return;
          errors.push(mkError(file, p.path, p.detail, spanAt(p.segments, p.key)));
        }
      }
      return;
    }
    const rule = parsed.data;
    const before = errors.length;
    const err = (segments: PropertyKey[], detail: string, suggestions?: string[]) => {
      errors.push(mkError(file, formatPath([...base, ...segments]), detail, spanAt([...base, ...segments]), suggestions));
    };
    if (seen.has(rule.id)) err(['id'], `duplicate rule id ${rule.id} (also rules[${seen.get(rule.id)}])`);
    else if (reservedIds.has(rule.id)) err(['id'], `rule id ${rule.id} is taken by a built-in rule; pick your own prefix`);
    seen.set(rule.id, i);
    rule.owasp.forEach((ref, j) => {
      const problem = checkOwaspRef(ref, catalog);
      if (problem) err(['owasp', j], problem.detail, problem.suggestions);
    });
    rule.atlas.forEach((t, j) => {
      if (!catalog.atlas.techniques.has(t)) {
        err(['atlas', j], `unknown ATLAS technique ${t} (not in the Threatlens ATLAS catalog)`, nearest(t, [...catalog.atlas.techniques.keys()]));
      }
    });
    rule.mitigations.forEach((m, j) => {
      if (!catalog.mitigations.has(m)) err(['mitigations', j], `unknown mitigation ${m}`, nearest(m, [...catalog.mitigations.keys()]));
    });
    if (errors.length === before) rules.push(rule);
  });
  if (errors.length > RULE_FILE_LIMITS.maxErrors) errors.length = RULE_FILE_LIMITS.maxErrors;
  return { rules, errors };
}

function checkOwaspRef(ref: string, catalog: CatalogRefs): { detail: string; suggestions?: string[] } | undefined {
  if (catalog.owasp.has(ref)) return undefined;
  const legacy = catalog.legacyOwasp.get(ref);
  if (legacy) {
    const successors = (catalog.crosswalk.byId.get(ref) ?? [])
      .filter((l) => l.to !== undefined && catalog.owasp.has(l.to) && l.toEdition === 2025)
      .map((l) => l.to as string);
    const names = successors.map((s) => `${s} (${catalog.owasp.get(s)?.name})`).join(' or ');
    return {
      detail: `${ref} (${legacy.name}) is from the superseded ${legacy.edition} edition${names ? `; use ${names}` : ''}`,
      suggestions: successors,
    };
  }
  const [short, edition] = ref.split(':');
  const list = short.startsWith('ASI') ? 'agentic' : 'llm';
  const known = catalog.editions.filter((e) => e.list === list && e.current);
  if (!known.some((e) => String(e.edition) === edition)) {
    return { detail: `unknown OWASP ${list === 'llm' ? 'LLM' : 'Agentic'} edition ${edition} in ${ref} (known: ${known.map((e) => e.edition).join(', ')})` };
  }
  return { detail: `unknown OWASP id ${ref}`, suggestions: known.flatMap((e) => e.ids).filter((q) => q.endsWith(`:${edition}`)).slice(0, 10) };
}

// --- error formatting ---------------------------------------------------------------------------

export function mkError(file: string, rawPath: string, rawDetail: string, span?: Span, suggestions?: string[]): RuleFileError {
  // Paths and details can quote the file's keys and values: control characters are escaped, so
  // that a message stays one line (a line break in it could forge a line of the CLI's output).
  const path = escapeControls(rawPath);
  const detail = escapeControls(rawDetail);
  const name = escapeControls(file);
  const e: RuleFileError = { file, path, detail, message: path ? `${name}: ${path}: ${detail}` : `${name}: ${detail}` };
  if (span) e.span = span;
  if (suggestions?.length) e.suggestions = suggestions;
  return e;
}

/** 1-based `line L, column C` of an offset. */
function lineCol(text: string, offset: number): string {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${o - lineStart + 1}`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Control characters (line breaks among them) as `\n`, `\t` or `\u001b`. */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) => {
    const short = ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' } as Record<string, string>)[c];
    return short ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A parser's error position as a span inside the text: the yaml package may place an end-of-input error one past the last character. */
function clampSpan(text: string, pos: readonly [number, number]): Span {
  const start = Math.min(Math.max(0, pos[0]), text.length);
  return { start, end: Math.min(Math.max(start, pos[1]), text.length) };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

// --- limits -------------------------------------------------------------------------------------

function utf8Length(text: string): number {
  // Cheap upper bound first; exact count only near the limit.
  if (text.length * 3 <= RULE_FILE_LIMITS.maxBytes) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** Deepest nesting of flow brackets, skipping quoted strings and comments (a guard before parsing). */
function maxFlowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n' && quote === '#') quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) quote = '#';
    else if (c === '[' || c === '{') { depth++; if (depth > max) max = depth; } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/** Iterative, so that the check itself cannot overflow the stack. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (d > limit) return true;
    if (v && typeof v === 'object') {
      for (const child of Object.values(v as Record<string, unknown>)) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

// --- suggestions --------------------------------------------------------------------------------

function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(w.slice(0, 64), c.toLowerCase().slice(0, 64)) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, max)
    .map(({ c }) => c);
}
