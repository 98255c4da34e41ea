/**
 * YAML architecture files → SystemModel. Positions come from the `yaml` package's AST node
 * ranges (character offsets), so every component, flow, decision and schema error points at its
 * own key or value. Never throws: YAML syntax errors, alias bombs and schema violations become
 * problems, and whatever parsed cleanly still yields components.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import {
  emptyModel, type Annotation, type Boundary, type Component, type Flow, type ParseResult, type Problem, type Span,
  isComponentKind,
} from '../../model';
import { oneLineMessage, withLineFeeds } from './lineBreaks';
import { IdSuggester } from './suggest';
import { aliasCountProblem } from './aliases';
import { threatlensModelSchema } from './schema';
import { appendAll, maxOf } from '../../arrays';

const MAX_ALIASES = 1000;

export function parseThreatlensYaml(text: string): ParseResult {
  const model = emptyModel('yaml', { start: 0, end: text.length });
  const problems: Problem[] = [];
  try {
    parseInto(text, model, problems);
  } catch (e) {
    // A defect of ours must not take the editor down; report it on the first line.
    problems.push({ code: 'yaml/internal', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message: `Threatlens could not read this model: ${String(e)}` });
  }
  for (const p of problems) p.message = oneLineMessage(p.message);
  return { model, problems };
}

function spanOf(node: Node | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

function str(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Dates and binary scalars (from !!timestamp, !!binary) are shown as YAML wrote them.
  return v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
}

function pairsOf(node: unknown): Pair<Node, Node>[] {
  return isMap(node) ? (node as YAMLMap<Node, Node>).items : [];
}

function parseInto(text: string, model: ReturnType<typeof emptyModel>, problems: Problem[]): void {
  // Duplicate keys are found below in one pass: the yaml package's own check is quadratic per map.
  const doc = parseDocument(withLineFeeds(text), { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' });
  const whole: Span = { start: 0, end: Math.min(text.length, 1) };
  // The yaml package may place an end-of-input error one past the last character.
  const clamp = (pos: [number, number]): Span => {
    const start = Math.min(Math.max(0, pos[0]), text.length);
    return { start, end: Math.min(Math.max(start, pos[1]), text.length) };
  };
  for (const e of doc.errors) problems.push({ code: 'yaml/syntax', severity: 'error', span: clamp(e.pos), message: e.message.split('\n')[0] });
  for (const w of doc.warnings) problems.push({ code: 'yaml/warning', severity: 'warning', span: clamp(w.pos), message: w.message.split('\n')[0] });
  appendAll(problems, duplicateKeys(doc.contents));
  if (doc.errors.length > 0 && !isMap(doc.contents)) return;

  const aliases = aliasCountProblem(doc, text);
  if (aliases) {
    problems.push(aliases);
    return;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    problems.push({ code: 'yaml/aliases', severity: 'error', span: whole, message: `This file expands too many YAML aliases (${String((e as Error).message ?? e)}); Threatlens stops here to stay responsive.` });
    return;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ code: 'yaml/schema', severity: 'error', span: whole, message: 'A Threatlens model is a mapping with at least a `components:` key.' });
    return;
  }
  validateSchema(doc, data, problems, whole);

  const root = doc.contents;
  const top = new Map(pairsOf(root).map((p) => [str(p.key) ?? '', p] as const));
  const system = top.get('system')?.value;
  model.name = str(system) ?? str(isMap(system) ? (system).get('name', true) : undefined);

  readBoundaries(top.get('boundaries')?.value, model.boundaries, problems);
  const boundaryIds = new Set(model.boundaries.map((b) => b.id));
  readComponents(top.get('components')?.value, model.components, model.annotations, problems, boundaryIds);
  for (const c of model.components) {
    const b = model.boundaries.find((x) => x.id === c.boundary);
    b?.members.push(c.id);
  }
  readFlows(top.get('flows')?.value, model.flows, problems, new Set(model.components.map((c) => c.id)));
}

/**
 * `Map keys must be unique`, as the yaml package says with `uniqueKeys: true`, but in linear time:
 * its check compares each key with every earlier one, which takes seconds on a model with tens
 * of thousands of components. Walks the AST with a stack (no recursion, however deep the nesting)
 * and never follows aliases.
 */
function duplicateKeys(root: unknown): Problem[] {
  const out: Problem[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      // Scalar keys by value (as the yaml package compares them); collection keys are never equal.
      const seen = new Set<string | number | boolean | bigint>();
      for (const pair of node.items) {
        const key: unknown = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') {
          if (seen.has(key)) {
            const r = (pair.key as Node | null)?.range;
            out.push({ code: 'yaml/syntax', severity: 'error', span: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }, message: `Map keys must be unique; "${String(key)}" is repeated` });
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Zod issues are mapped back to the AST node at their path, so the squiggle lands on the key or value. */
function validateSchema(doc: Document, data: unknown, problems: Problem[], whole: Span): void {
  const result = threatlensModelSchema.safeParse(data);
  if (result.success) return;
  for (const { issue, path } of flattenIssues(result.error.issues, []).slice(0, 200)) {
    problems.push({ code: 'yaml/schema', severity: 'error', span: nodeSpanForPath(doc, path, issue, whole), message: describeIssue(path, issue) });
  }
}

type Path = (string | number)[];

/**
 * A union's failure is explained by the branch that got furthest (deepest issue path), so
 * `kind: llmm` reports the bad kind instead of "wrong shape".
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: Path): { issue: z.core.$ZodIssue; path: Path }[] {
  const out: { issue: z.core.$ZodIssue; path: Path }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = issue.errors
        .map((branch) => ({ branch, depth: Math.max(0, maxOf(branch.map((i) => i.path.length + (i.code === 'invalid_type' && i.path.length === 0 ? -1 : 0)))) }))
        .sort((a, b) => b.depth - a.depth)[0];
      if (best.depth > 0) {
        appendAll(out, flattenIssues(best.branch, path));
        continue;
      }
    }
    out.push({ issue, path });
  }
  return out;
}

function describeIssue(path: Path, issue: z.core.$ZodIssue): string {
  const where = path.length ? path.join('.') : 'file';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `missing required key "${String(path[path.length - 1] ?? '')}"`;
  if (issue.code === 'unrecognized_keys') return `${where}: unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value') return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return `${where}: ${unionHint(path)}`;
  return `${where}: ${issue.message}`;
}

function unionHint(path: (string | number)[]): string {
  if (path[0] === 'flows') return 'a flow is "from -> to", "from -> to: label", or { from, to, label }';
  if (path.includes('accepted')) return 'an accepted risk is a reason string or { reason, owner, expires }';
  if (path.includes('mitigations')) return 'a mitigation is { control, status } or a list of them';
  return 'value has the wrong shape';
}

function nodeSpanForPath(doc: Document, path: (string | number)[], issue: z.core.$ZodIssue, whole: Span): Span {
  let node: unknown = doc.getIn(path, true);
  if (issue.code === 'unrecognized_keys' && isMap(node)) {
    const pair = (node as YAMLMap<Node, Node>).items.find((p) => issue.keys.includes(str(p.key) ?? ''));
    if (pair) return spanOf(pair.key, whole);
  }
  for (let i = path.length; (node === undefined || node === null) && i > 0; i--) node = doc.getIn(path.slice(0, i - 1), true);
  if (isMap(node) && path.length > 0) {
    // For a missing key, point at the parent's key rather than its whole body.
    const parentPath = path.slice(0, -1);
    const parent = doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = (parent as YAMLMap<Node, Node>).items.find((p) => str(p.key) === String(path[path.length - 1]));
      if (pair) return spanOf(pair.key, whole);
    }
  }
  return spanOf(node as Node, whole);
}

/**
 * Ids are one line of text. One holding a line break or another control character would carry
 * it into every message that names it, where it could forge lines of the CLI's
 * `file:line:col` output (and the annotations CI makes of them): refused, on its key.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function refusedId(id: string, what: string, key: unknown, problems: Problem[]): boolean {
  if (!CONTROL.test(id)) return false;
  problems.push({ code: 'yaml/schema', severity: 'error', span: spanOf(key as Node, { start: 0, end: 0 }), message: `${what} id ${JSON.stringify(id)} holds a line break or control character; Threatlens skips it.` });
  return true;
}

function readBoundaries(node: unknown, out: Boundary[], problems: Problem[]): void {
  for (const p of pairsOf(node)) {
    const id = str(p.key);
    if (!id || refusedId(id, 'Boundary', p.key, problems)) continue;
    const v = isMap(p.value) ? (p.value) : undefined;
    const label = str(v?.get('label', true)) ?? id;
    const b: Boundary = { id, label, span: spanOf(p.key, { start: 0, end: 0 }), members: [], properties: {} };
    const trust = str(v?.get('trust', true));
    if (trust) b.properties = { trust };
    const parent = str(v?.get('parent', true));
    if (parent) b.parent = parent;
    out.push(b);
  }
}

const SCALAR_PROPS = ['trust', 'exposure', 'provider', 'description'] as const;

function readComponents(node: unknown, out: Component[], annotations: Annotation[], problems: Problem[], boundaryIds: Set<string>): void {
  const suggester = new IdSuggester([...boundaryIds]);
  for (const p of pairsOf(node)) {
    const id = str(p.key);
    if (!id || refusedId(id, 'Component', p.key, problems)) continue;
    const keySpan = spanOf(p.key, { start: 0, end: 0 });
    const v = isMap(p.value) ? (p.value as YAMLMap<Node, Node>) : undefined;
    const labelNode = v?.get('label', true) as Node | undefined;
    const c: Component = {
      id, label: str(labelNode) ?? id, span: keySpan, kind: 'unknown', kindSource: 'default', kindReason: '',
      classes: [], properties: {},
    };
    if (labelNode) c.labelSpan = spanOf(labelNode, keySpan);
    const kind = str(v?.get('kind', true));
    if (kind && isComponentKind(kind)) {
      c.kind = kind;
      c.kindSource = 'declared';
      c.kindReason = `declared with kind: ${kind}`;
    }
    const boundary = str(v?.get('boundary', true));
    if (boundary) {
      c.boundary = boundary;
      if (!boundaryIds.has(boundary)) {
        const suggestions = suggester.suggest(boundary);
        problems.push({ code: 'yaml/unknown-boundary', severity: 'warning', span: spanOf(v?.get('boundary', true), keySpan), message: `Unknown boundary ${JSON.stringify(boundary)}`, ...(suggestions ? { suggestions } : {}) });
      }
    }
    for (const k of SCALAR_PROPS) {
      const val = str(v?.get(k, true));
      if (val) c.properties[k] = val;
    }
    for (const k of ['data', 'ingests'] as const) {
      const val = v?.get(k, true);
      const list = isSeq(val) ? val.items.map(str).filter((x): x is string => !!x) : [str(val)].filter((x): x is string => !!x);
      if (list.length) c.properties[k] = list.join(',');
    }
    for (const pp of pairsOf(v?.get('properties', true))) {
      const k = str(pp.key);
      const val = str(pp.value);
      if (k && val !== undefined) c.properties[k] = val;
    }
    readDecisions(id, keySpan, v, annotations);
    out.push(c);
  }
}

function readDecisions(target: string, targetSpan: Span, v: YAMLMap<Node, Node> | undefined, out: Annotation[]): void {
  for (const p of pairsOf(v?.get('mitigations', true))) {
    const threat = str(p.key);
    if (!threat) continue;
    const threatSpan = spanOf(p.key, targetSpan);
    const entries = isSeq(p.value) ? p.value.items : [p.value];
    for (const e of entries) {
      if (!isMap(e)) continue;
      const control = str((e).get('control', true)) ?? '';
      const statusRaw = str((e).get('status', true)) ?? 'planned';
      const status = statusRaw === 'implemented' || statusRaw === 'verified' ? statusRaw : 'planned';
      out.push({ type: 'mitigates', target, targetSpan, threat, threatSpan, control, status, span: spanOf(e, threatSpan) });
    }
  }
  for (const p of pairsOf(v?.get('accepted', true))) {
    const threat = str(p.key);
    if (!threat) continue;
    const threatSpan = spanOf(p.key, targetSpan);
    const m = isMap(p.value) ? (p.value) : undefined;
    const reason = (m ? str(m.get('reason', true)) : str(p.value)) ?? '';
    const a: Annotation = { type: 'accepts', target, targetSpan, threat, threatSpan, reason, span: { start: threatSpan.start, end: spanOf(p.value, threatSpan).end } };
    const owner = m ? str(m.get('owner', true)) : undefined;
    const expires = m ? str(m.get('expires', true)) : undefined;
    if (owner) a.owner = owner;
    if (expires) a.expires = expires;
    out.push(a);
  }
  for (const p of pairsOf(v?.get('not-applicable', true))) {
    const threat = str(p.key);
    if (!threat) continue;
    const threatSpan = spanOf(p.key, targetSpan);
    out.push({ type: 'not-applicable', target, targetSpan, threat, threatSpan, reason: str(p.value) ?? '', span: { start: threatSpan.start, end: spanOf(p.value, threatSpan).end } });
  }
}

const ARROW = /^\s*(\S+?)\s*(<->|->)\s*(\S+)\s*$/;

function readFlows(node: unknown, out: Flow[], problems: Problem[], ids: Set<string>): void {
  if (!isSeq(node)) return;
  const suggester = new IdSuggester([...ids]);
  for (const item of node.items) {
    const flow = flowFromItem(item as Node);
    if (!flow) continue;
    for (const end of [flow.from, flow.to]) {
      if (!ids.has(end)) {
        const suggestions = suggester.suggest(end);
        problems.push({ code: 'yaml/unknown-component', severity: 'error', span: flow.span, message: `Flow refers to unknown component ${JSON.stringify(end)}`, ...(suggestions ? { suggestions } : {}) });
      }
    }
    out.push(flow);
  }
}

function flowFromItem(item: Node): Flow | undefined {
  const span = spanOf(item, { start: 0, end: 0 });
  if (isScalar(item)) {
    const m = ARROW.exec(str(item) ?? '');
    return m ? { from: m[1], to: m[3], span, arrow: m[2], bidirectional: m[2] === '<->' } : undefined;
  }
  if (!isMap(item)) return undefined;
  const map = item as YAMLMap<Node, Node>;
  const from = str(map.get('from', true));
  const to = str(map.get('to', true));
  if (from && to) {
    const label = str(map.get('label', true));
    const f: Flow = { from, to, span, arrow: '->', bidirectional: str(map.get('bidirectional', true)) === 'true' };
    if (label) { f.label = label; f.labelSpan = spanOf(map.get('label', true), span); }
    const data = map.get('data', true);
    const tags = isSeq(data) ? data.items.map(str).filter((x): x is string => !!x) : [str(data)].filter((x): x is string => !!x);
    if (tags.length) f.tags = tags;
    return f;
  }
  const pair = map.items.length === 1 && isPair(map.items[0]) ? map.items[0] : undefined;
  const m = pair ? ARROW.exec(str(pair.key) ?? '') : null;
  if (!pair || !m) return undefined;
  const f: Flow = { from: m[1], to: m[3], span: spanOf(pair.key, span), arrow: m[2], bidirectional: m[2] === '<->' };
  const label = str(pair.value);
  if (label) { f.label = label; f.labelSpan = spanOf(pair.value, span); }
  return f;
}
