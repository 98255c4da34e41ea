/**
 * Mermaid's own flowchart parser, run under jsdom, as a reference for differential tests.
 * Dev-only: the extension never loads Mermaid in the extension host.
 *
 * How Mermaid's flowchart db reports things, and what this wrapper does about it:
 * - `getVertices()` also holds subgraph ids whenever a subgraph is used as an edge end or styled;
 *   Mermaid skips those when drawing, so they are removed from `nodes` here.
 * - A subgraph's `nodes` lists nested subgraph ids next to node ids, and may name ids that have no
 *   vertex (e.g. `e1@{ animate: true }` inside a block); they are split into `children` and
 *   dropped respectively.
 * - Labels keep Mermaid's entity placeholders (`#quot;` is stored as `ﬂ°quot¶ß`) and sanitised
 *   HTML (`<br>`, `<div style="…">`, `&amp;`); `normaliseLabel` turns them into the text a reader
 *   sees, which is what Threatlens stores as a label.
 */
import { JSDOM } from 'jsdom';
import type { ParseResult } from '../../src/core/model';

export interface OracleEdge {
  from: string;
  to: string;
  label: string;
}

export interface OracleSubgraph {
  id: string;
  title: string;
  /** Direct member node ids. */
  members: Set<string>;
  /** Direct nested subgraph ids. */
  children: Set<string>;
}

export type OracleResult =
  | { kind: 'flowchart'; nodes: Set<string>; labels: Map<string, string>; edges: OracleEdge[]; subgraphs: OracleSubgraph[] }
  | { kind: 'other'; type: string }
  | { kind: 'error'; message: string };

interface FlowVertex { id: string; text?: string }
interface FlowEdge { start: string; end: string; text?: string }
interface FlowSubGraph { id: string; title: string; nodes: string[] }
interface FlowDbLike {
  getVertices(): Map<string, FlowVertex>;
  getEdges(): FlowEdge[];
  getSubGraphs(): FlowSubGraph[];
}
interface DiagramLike { type: string; db: unknown }
interface MermaidLike {
  initialize(config: Record<string, unknown>): void;
  mermaidAPI: { getDiagramFromText(text: string): Promise<DiagramLike> };
}

const dom = new JSDOM('<!doctype html><html><body></body></html>');
const globals = globalThis as Record<string, unknown>;

/**
 * Mermaid needs `window` and `document`; install them only while Mermaid runs so that other test
 * files in the same mocha process keep seeing a plain Node environment.
 */
async function withDomGlobals<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { window: globals.window, document: globals.document };
  globals.window = dom.window;
  globals.document = dom.window.document;
  try {
    return await fn();
  } finally {
    globals.window = saved.window;
    globals.document = saved.document;
  }
}

let loaded: Promise<MermaidLike> | undefined;

/** Imports and initialises Mermaid once per process. */
export function loadMermaid(): Promise<MermaidLike> {
  loaded ??= withDomGlobals(async () => {
    const mod = (await import('mermaid')) as unknown as { default: MermaidLike };
    mod.default.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      maxEdges: 1_000_000,
      maxTextSize: 100_000_000,
    });
    return mod.default;
  });
  return loaded;
}

function isFlowDb(db: unknown): db is FlowDbLike {
  const d = db as Partial<FlowDbLike> | null;
  return !!d && typeof d.getVertices === 'function' && typeof d.getEdges === 'function' && typeof d.getSubGraphs === 'function';
}

const scratch = dom.window.document.createElement('div');

/** Elements that do not start a new line when rendered, so dropping them must not add a space. */
const INLINE_ELEMENTS = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD',
  'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR']);

interface DomNodeLike { nodeType: number; nodeName: string; nodeValue: string | null; childNodes: ArrayLike<DomNodeLike> }

/** Text content of parsed HTML, with a space wherever a block element or `<br>` breaks the line. */
function displayedText(node: DomNodeLike): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  let text = '';
  for (let k = 0; k < node.childNodes.length; k++) text += displayedText(node.childNodes[k]);
  return node.nodeType === 1 && !INLINE_ELEMENTS.has(node.nodeName) ? ` ${text} ` : text;
}

/**
 * The text a reader sees for a label from Mermaid's db: entity placeholders restored, the HTML
 * parsed by jsdom and reduced to its text, whitespace collapsed.
 */
export function normaliseLabel(raw: string | undefined): string {
  // Inverse of Mermaid's entity placeholders (`#quot;` → `ﬂ°quot¶ß`, `#9829;` → `ﬂ°°9829¶ß`).
  const html = (raw ?? '').replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  scratch.innerHTML = html;
  let text = '';
  const children = scratch.childNodes as unknown as ArrayLike<DomNodeLike>;
  for (let k = 0; k < children.length; k++) text += displayedText(children[k]);
  return text.replace(/\s+/g, ' ').trim();
}

/** Parses `text` with Mermaid and returns what its flowchart db holds. */
export async function mermaidOracle(text: string): Promise<OracleResult> {
  const mermaid = await loadMermaid();
  let diagram: DiagramLike;
  try {
    diagram = await withDomGlobals(() => mermaid.mermaidAPI.getDiagramFromText(text));
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (!isFlowDb(diagram.db)) return { kind: 'other', type: diagram.type };
  const db = diagram.db;
  const subgraphIds = new Set(db.getSubGraphs().map((s) => s.id));
  const nodes = new Set<string>();
  const labels = new Map<string, string>();
  for (const [id, v] of db.getVertices()) {
    if (subgraphIds.has(id)) continue;
    nodes.add(id);
    labels.set(id, normaliseLabel(v.text ?? id));
  }
  const edges = db.getEdges().map((e) => ({ from: e.start, to: e.end, label: normaliseLabel(e.text) }));
  const subgraphs = db.getSubGraphs().map((s) => ({
    id: s.id,
    title: normaliseLabel(s.title),
    members: new Set(s.nodes.filter((n) => nodes.has(n))),
    children: new Set(s.nodes.filter((n) => subgraphIds.has(n))),
  }));
  return { kind: 'flowchart', nodes, labels, edges, subgraphs };
}

function counts(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function diffSets(what: string, ours: Set<string>, theirs: Set<string>, out: string[]): void {
  for (const x of theirs) if (!ours.has(x)) out.push(`${what} only in Mermaid: ${x}`);
  for (const x of ours) if (!theirs.has(x)) out.push(`${what} only in Threatlens: ${x}`);
}

function edgeKey(from: string, to: string, label: string | undefined): string {
  return `${from} -> ${to}${label ? ` [${label.replace(/\s+/g, ' ').trim()}]` : ''}`;
}

/**
 * Every way a Threatlens parse disagrees with Mermaid's, one line each: node ids, node labels,
 * the multiset of edges (from, to, label), subgraph ids, direct members and nesting. Labels of
 * nodes declared twice with different labels are not compared: Mermaid shows the last one and
 * Threatlens deliberately keeps the first (and warns).
 */
export function diffAgainstOracle(ours: ParseResult, oracle: Extract<OracleResult, { kind: 'flowchart' }>): string[] {
  const out: string[] = [];
  const m = ours.model;
  diffSets('node', new Set(m.components.map((c) => c.id)), oracle.nodes, out);

  const relabelledAt = new Set(ours.problems.filter((p) => p.code === 'mermaid/relabelled-node').map((p) => p.span.start));
  for (const c of m.components) {
    const theirs = oracle.labels.get(c.id);
    const relabelled = c.references?.some((r) => relabelledAt.has(r.start)) ?? false;
    if (theirs !== undefined && theirs !== c.label && !relabelled) out.push(`label of ${c.id}: Threatlens "${c.label}", Mermaid "${theirs}"`);
  }

  const ourEdges = counts(m.flows.map((f) => edgeKey(f.from, f.to, f.label)));
  const theirEdges = counts(oracle.edges.map((e) => edgeKey(e.from, e.to, e.label)));
  for (const [k, n] of theirEdges) if ((ourEdges.get(k) ?? 0) !== n) out.push(`edge ${k}: Mermaid ×${n}, Threatlens ×${ourEdges.get(k) ?? 0}`);
  for (const [k, n] of ourEdges) if (!theirEdges.has(k)) out.push(`edge ${k}: Mermaid ×0, Threatlens ×${n}`);

  diffSets('subgraph', new Set(m.boundaries.map((b) => b.id)), new Set(oracle.subgraphs.map((s) => s.id)), out);
  for (const s of oracle.subgraphs) {
    const b = m.boundaries.find((x) => x.id === s.id);
    if (!b) continue;
    diffSets(`member of ${s.id}`, new Set(b.members), s.members, out);
    diffSets(`child subgraph of ${s.id}`, new Set(m.boundaries.filter((x) => x.parent === s.id).map((x) => x.id)), s.children, out);
  }
  return out;
}
