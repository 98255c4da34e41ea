/**
 * Mermaid's own parsers for C4, architecture-beta and sequence diagrams, run under jsdom, as the
 * reference for differential tests (the flowchart oracle is mermaidOracle.ts). Each diagram's db
 * is read into one neutral shape: elements with labels, relationships, and groups with members.
 *
 * What each db exposes (Mermaid 12):
 * - C4 (`c4Db`): `getC4ShapeArray()` elements `{ alias, label.text, descr.text, techn?.text,
 *   typeC4Shape.text, parentBoundary }`; `getBoundaries()` every boundary and deployment node
 *   (plus a synthetic `global`) with `parentBoundary`; `getRels()` `{ type, from, to, label.text }`.
 *   Mermaid keeps one relationship per (from, to) pair: a second `Rel` between the same two
 *   elements overwrites the first.
 * - architecture (`ArchitectureDB`): `getServices()` `{ id, icon, iconText, title, in }`,
 *   `getJunctions()`, `getGroups()` `{ id, icon, title, in }`, `getEdges()` `{ lhsId, rhsId,
 *   lhsInto, rhsInto, title }`.
 * - sequence (`SequenceDB`): `getActors()` Map id → `{ name, description, type, box }`,
 *   `getMessages()` (signals have `from` and `to`; notes are messages of type 2, block markers
 *   have neither), `getBoxes()` `{ name, actorKeys }`. Its `box` colour test calls `new Option()`,
 *   so `Option` is installed with the DOM globals.
 */
import { JSDOM } from 'jsdom';
import { loadMermaid, normaliseLabel } from './mermaidOracle';

export interface OracleGroup {
  id: string;
  label: string;
  parent?: string;
  members: Set<string>;
}

export interface OracleEdge {
  from: string;
  to: string;
  label: string;
  lhsInto?: boolean;
  rhsInto?: boolean;
}

export type DiagramOracleResult =
  | { kind: 'c4' | 'architecture' | 'sequence'; elements: Map<string, string>; edges: OracleEdge[]; groups: OracleGroup[]; junctions: Set<string> }
  | { kind: 'other'; type: string }
  | { kind: 'error'; message: string };

const dom = new JSDOM('<!doctype html><html><body></body></html>');
const globals = globalThis as Record<string, unknown>;

async function withDom<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { window: globals.window, document: globals.document, Option: globals.Option };
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.Option = dom.window.Option;
  try {
    return await fn();
  } finally {
    globals.window = saved.window;
    globals.document = saved.document;
    globals.Option = saved.Option;
  }
}

interface Text { text?: string }
interface C4Db {
  getC4ShapeArray(): { alias: string; label?: Text; parentBoundary?: string }[];
  getBoundaries(parent?: string): { alias: string; label?: Text; parentBoundary?: string }[];
  getRels(): { from: string; to: string; label?: Text }[];
}
interface ArchDb {
  getServices(): { id: string; title?: string; in?: string }[];
  getJunctions(): { id: string; in?: string }[];
  getGroups(): { id: string; title?: string; in?: string }[];
  getEdges(): { lhsId: string; rhsId: string; lhsInto?: boolean; rhsInto?: boolean; title?: string }[];
}
interface SeqDb {
  getActors(): Map<string, { description?: string }>;
  getMessages(): { from?: string; to?: string; message?: string; type?: number }[];
  getBoxes(): { name?: string; actorKeys: string[] }[];
}

const NOTE = 2;

function fromC4(db: C4Db): DiagramOracleResult {
  const elements = new Map<string, string>();
  const shapes = db.getC4ShapeArray();
  for (const s of shapes) elements.set(s.alias, normaliseLabel(s.label?.text ?? s.alias));
  const groups = db.getBoundaries().filter((b) => b.alias !== 'global').map((b) => {
    const g: OracleGroup = { id: b.alias, label: normaliseLabel(b.label?.text ?? b.alias), members: new Set(shapes.filter((s) => s.parentBoundary === b.alias).map((s) => s.alias)) };
    if (b.parentBoundary && b.parentBoundary !== 'global') g.parent = b.parentBoundary;
    return g;
  });
  const edges = db.getRels().map((r) => ({ from: r.from, to: r.to, label: normaliseLabel(r.label?.text) }));
  return { kind: 'c4', elements, edges, groups, junctions: new Set() };
}

function fromArchitecture(db: ArchDb): DiagramOracleResult {
  const elements = new Map<string, string>();
  const services = db.getServices();
  for (const s of services) elements.set(s.id, normaliseLabel(s.title ?? s.id));
  const groups = db.getGroups().map((g) => {
    const out: OracleGroup = { id: g.id, label: normaliseLabel(g.title ?? g.id), members: new Set(services.filter((s) => s.in === g.id).map((s) => s.id)) };
    if (g.in) out.parent = g.in;
    return out;
  });
  const edges = db.getEdges().map((e) => ({ from: e.lhsId, to: e.rhsId, label: normaliseLabel(e.title), lhsInto: e.lhsInto === true, rhsInto: e.rhsInto === true }));
  return { kind: 'architecture', elements, edges, groups, junctions: new Set(db.getJunctions().map((j) => j.id)) };
}

function fromSequence(db: SeqDb): DiagramOracleResult {
  const elements = new Map<string, string>();
  for (const [id, a] of db.getActors()) elements.set(id, normaliseLabel(a.description ?? id));
  const edges = db.getMessages()
    .filter((m) => typeof m.from === 'string' && typeof m.to === 'string' && m.type !== NOTE)
    .map((m) => ({ from: m.from as string, to: m.to as string, label: normaliseLabel(m.message) }));
  const groups = db.getBoxes().map((b, k) => ({ id: `box${k + 1}`, label: normaliseLabel(b.name), members: new Set(b.actorKeys) }));
  return { kind: 'sequence', elements, edges, groups, junctions: new Set() };
}

/** Parses `text` with Mermaid and returns what its C4, architecture or sequence db holds. */
export async function diagramOracle(text: string): Promise<DiagramOracleResult> {
  const mermaid = await loadMermaid();
  let diagram: { type: string; db: unknown };
  try {
    diagram = await withDom(() => mermaid.mermaidAPI.getDiagramFromText(text));
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (diagram.type === 'c4') return fromC4(diagram.db as C4Db);
  if (diagram.type === 'architecture') return fromArchitecture(diagram.db as ArchDb);
  if (diagram.type === 'sequence') return fromSequence(diagram.db as SeqDb);
  return { kind: 'other', type: diagram.type };
}
