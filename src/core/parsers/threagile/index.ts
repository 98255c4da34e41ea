/**
 * Threagile models → the system model, so a team with a Threagile file gets OWASP LLM, Agentic
 * and ATLAS findings without rewriting it. Technical assets are components (their `id`, titled by
 * their key; `technology`, `type` and `machine` feed the kind), each asset's
 * `communication_links` are flows, `trust_boundaries` are boundaries (with
 * `technical_assets_inside` and `trust_boundaries_nested`), and `data_assets` give the data
 * classification. Ranges come from the `yaml` AST, so findings land on the asset's `id:` line.
 * Decisions are YAML comments with the Mermaid annotation syntax (`# @mitigates …`).
 * Never throws: whatever parsed cleanly still yields components.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { emptyModel, type Boundary, type Component, type Flow, type ParseResult, type Problem, type Span, type SystemModel } from '../../model';
import { oneLineMessage, withLineFeeds } from '../yaml/lineBreaks';
import { IdSuggester } from '../yaml/suggest';
import { parseThreagileComments } from './comments';
import { SENSITIVE_CONFIDENTIALITY, threagileHints } from './kinds';
import { appendAll } from '../../arrays';
import { aliasCountProblem } from '../yaml/aliases';

const MAX_ALIASES = 1000;

type AnyMap = YAMLMap<Node, Node>;

function str(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v: unknown = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function spanOf(node: unknown, fallback: Span): Span {
  const r = (node as Node | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

function pairs(node: unknown): Pair<Node, Node>[] {
  return isMap(node) ? (node as AnyMap).items : [];
}

function get(map: unknown, key: string): Node | undefined {
  return isMap(map) ? ((map as AnyMap).get(key, true)) : undefined;
}

function list(node: unknown): { value: string; span: Span }[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((n) => {
    const v = str(n);
    return v === undefined ? [] : [{ value: v, span: spanOf(n, { start: 0, end: 0 }) }];
  });
}

export function parseThreagile(text: string): ParseResult {
  const model: SystemModel = { ...emptyModel('yaml', { start: 0, end: text.length }), diagram: 'threagile' };
  const problems: Problem[] = [];
  try {
    read(text, model, problems);
  } catch (e) {
    problems.push({ code: 'threagile/internal', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message: `Threatlens could not read this Threagile model: ${String(e)}` });
  }
  for (const p of problems) p.message = oneLineMessage(p.message);
  return { model, problems };
}

function read(raw: string, model: SystemModel, problems: Problem[]): void {
  // Lone `\r` line ends read as `\n`, one character for one, so offsets into `raw` stay valid.
  const text = withLineFeeds(raw);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' });
  const clamp = (pos: [number, number]): Span => {
    const start = Math.min(Math.max(0, pos[0]), text.length);
    return { start, end: Math.min(Math.max(start, pos[1]), text.length) };
  };
  for (const e of doc.errors) problems.push({ code: 'yaml/syntax', severity: 'error', span: clamp(e.pos), message: e.message.split('\n')[0] });
  if (!isMap(doc.contents)) return;
  const aliases = aliasCountProblem(doc, text);
  if (aliases) {
    problems.push(aliases);
    return;
  }
  try {
    // Only to stop alias bombs: the AST is walked below, never the plain data.
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    problems.push({ code: 'yaml/aliases', severity: 'error', span: { start: 0, end: Math.min(1, text.length) }, message: `This file expands too many YAML aliases (${e instanceof Error ? e.message : String(e)}).` });
    return;
  }
  const root = doc.contents;
  model.name = str(get(root, 'title'));
  const sensitive = sensitiveDataAssets(get(root, 'data_assets'));
  const ids = readAssets(get(root, 'technical_assets'), model, problems, sensitive);
  readLinks(get(root, 'technical_assets'), model, problems, ids);
  readBoundaries(get(root, 'trust_boundaries'), model, problems, ids);
  appendAll(model.annotations, parseThreagileComments(text, problems));
}

/** Data asset id → `pii` or `confidential`, for the classification of the assets that hold it. */
function sensitiveDataAssets(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of pairs(node)) {
    const id = str(get(p.value, 'id'));
    if (!id) continue;
    const words = `${str(p.key) ?? ''} ${id} ${str(get(p.value, 'description')) ?? ''}`.toLowerCase();
    if (/\b(personal|pii|customer|patient|health|credit card|payment)\b/.test(words)) out.set(id, 'pii');
    else if (SENSITIVE_CONFIDENTIALITY.has(str(get(p.value, 'confidentiality')) ?? '')) out.set(id, 'confidential');
  }
  return out;
}

function readAssets(node: unknown, model: SystemModel, problems: Problem[], sensitive: Map<string, string>): Set<string> {
  const ids = new Set<string>();
  for (const p of pairs(node)) {
    const title = str(p.key);
    const idNode = get(p.value, 'id');
    const id = str(idNode);
    const keySpan = spanOf(p.key, { start: 0, end: 0 });
    if (!title) continue;
    if (id && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(id)) {
      // Carried into every message naming it, a line break could forge lines of the CLI output.
      problems.push({ code: 'threagile/bad-id', severity: 'error', span: spanOf(idNode, keySpan), message: `Technical asset id ${JSON.stringify(id)} holds a line break or control character; Threatlens skips it.` });
      continue;
    }
    if (!id) {
      problems.push({ code: 'threagile/missing-id', severity: 'warning', span: keySpan, message: `Technical asset ${JSON.stringify(title)} has no \`id\`; Threatlens skips it.` });
      continue;
    }
    if (ids.has(id)) {
      problems.push({ code: 'threagile/duplicate-id', severity: 'warning', span: spanOf(idNode, keySpan), message: `Technical asset id ${JSON.stringify(id)} is used twice; Threatlens keeps the first.` });
      continue;
    }
    ids.add(id);
    const v = p.value;
    const technology = str(get(v, 'technology'));
    const type = str(get(v, 'type'));
    const machine = str(get(v, 'machine'));
    const c: Component = {
      id, label: title, span: spanOf(idNode, keySpan), labelSpan: keySpan, kind: 'unknown', kindSource: 'default', kindReason: '',
      classes: [], properties: {},
    };
    const description = str(get(v, 'description'));
    // The description is prose about the asset: it may help, but counts for less than the title.
    c.hints = [...threagileHints(technology, type, machine), ...(description ? [{ source: 'description', text: description, weight: 0.5 }] : [])];
    if (technology) c.properties.technology = technology;
    if (type) c.properties.type = type;
    if (machine) c.properties.machine = machine;
    if (description) c.properties.description = description;
    if (str(get(v, 'internet')) === 'true') c.properties.exposure = 'public';
    if (type === 'external-entity') c.properties.provider = 'external';
    if (str(get(v, 'out_of_scope')) === 'true') c.properties['out-of-scope'] = 'true';
    const data = new Set<string>();
    if (SENSITIVE_CONFIDENTIALITY.has(str(get(v, 'confidentiality')) ?? '')) data.add('confidential');
    for (const d of [...list(get(v, 'data_assets_processed')), ...list(get(v, 'data_assets_stored'))]) {
      const cls = sensitive.get(d.value);
      if (cls) data.add(cls);
    }
    if (data.size) c.properties.data = [...data].sort().join(',');
    model.components.push(c);
  }
  return ids;
}

function readLinks(node: unknown, model: SystemModel, problems: Problem[], ids: Set<string>): void {
  const suggester = new IdSuggester([...ids]);
  for (const asset of pairs(node)) {
    const from = str(get(asset.value, 'id'));
    if (!from || !ids.has(from)) continue;
    for (const link of pairs(get(asset.value, 'communication_links'))) {
      const label = str(link.key);
      const targetNode = get(link.value, 'target');
      const to = str(targetNode);
      const span = spanOf(link.key, { start: 0, end: 0 });
      if (!to) {
        problems.push({ code: 'threagile/missing-target', severity: 'warning', span, message: `Communication link ${JSON.stringify(label ?? '')} has no \`target\`.` });
        continue;
      }
      if (!ids.has(to)) {
        const suggestions = suggester.suggest(to);
        problems.push({ code: 'threagile/unknown-target', severity: 'error', span: spanOf(targetNode, span), message: `Communication link target ${JSON.stringify(to)} is not the id of a technical asset.`, ...(suggestions ? { suggestions } : {}) });
        continue;
      }
      const f: Flow = { from, to, span, arrow: '->' };
      if (label) {
        f.label = label;
        f.labelSpan = span;
      }
      const tags = [str(get(link.value, 'protocol')), ...list(get(link.value, 'data_assets_sent')).map((d) => d.value)].filter((t): t is string => !!t);
      if (tags.length) f.tags = tags;
      model.flows.push(f);
    }
  }
}

function readBoundaries(node: unknown, model: SystemModel, problems: Problem[], ids: Set<string>): void {
  const byComponent = new Map(model.components.map((c) => [c.id, c] as const));
  const boundaries = new Map<string, Boundary>();
  const nested: [string, { value: string; span: Span }][] = [];
  for (const p of pairs(node)) {
    const title = str(p.key);
    const id = str(get(p.value, 'id'));
    if (!title || !id || boundaries.has(id)) continue;
    const b: Boundary = { id, label: title, span: spanOf(get(p.value, 'id'), spanOf(p.key, { start: 0, end: 0 })), labelSpan: spanOf(p.key, { start: 0, end: 0 }), members: [] };
    const type = str(get(p.value, 'type'));
    if (type) b.properties = { type };
    for (const m of list(get(p.value, 'technical_assets_inside'))) {
      const c = byComponent.get(m.value);
      if (!c) {
        if (!ids.has(m.value)) problems.push({ code: 'threagile/unknown-asset', severity: 'warning', span: m.span, message: `${JSON.stringify(m.value)} is not the id of a technical asset.` });
        continue;
      }
      // Threagile allows an asset in one boundary only; the first one listing it keeps it.
      if (c.boundary === undefined) {
        c.boundary = id;
        b.members.push(c.id);
      }
    }
    for (const n of list(get(p.value, 'trust_boundaries_nested'))) nested.push([id, n]);
    boundaries.set(id, b);
  }
  for (const [parent, child] of nested) {
    const b = boundaries.get(child.value);
    if (!b) problems.push({ code: 'threagile/unknown-boundary', severity: 'warning', span: child.span, message: `${JSON.stringify(child.value)} is not the id of a trust boundary.` });
    else if (b.parent === undefined && b.id !== parent) b.parent = parent;
  }
  appendAll(model.boundaries, boundaries.values());
}
