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
 * - Labels keep Mermaid's entity placeholders (`#quot;` is stored as `ﬂ°quot¶ß`) and raw HTML
 *   (`<br>`, `&amp;`); `normaliseLabel` turns them into the text a reader sees.
 */
import { JSDOM } from 'jsdom';

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

const decoder = dom.window.document.createElement('textarea');

/** The text a reader sees for a label from Mermaid's db, whitespace collapsed. */
export function normaliseLabel(raw: string | undefined): string {
  // Inverse of Mermaid's entity placeholders (`#quot;` → `ﬂ°quot¶ß`, `#9829;` → `ﬂ°°9829¶ß`).
  const html = (raw ?? '').replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';').replace(/<br\s*\/?>/gi, ' ');
  decoder.innerHTML = html;
  return decoder.value.replace(/\s+/g, ' ').trim();
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
