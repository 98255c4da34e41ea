/**
 * A Mermaid flowchart from a SystemModel: trust boundaries become subgraphs, components keep their
 * shape (or get one from their kind), flows keep their label and direction. Used to draw YAML
 * models in the walkthrough, to draw Mermaid models exactly as Threatlens read them, and by
 * `threatlens convert`.
 *
 * Everything taken from the model is written so that Mermaid reads it as text: labels are always
 * quoted with `"`, `#`, `<`, `>`, `&` and backticks as Mermaid entity codes (`#lt;`), and ids are
 * reduced to `[A-Za-z0-9_]` and kept away from Mermaid's keywords. The file's own styles, `click`
 * handlers and init directives are never carried over.
 */
import { annotationLine } from '../edits/decisions';
import { quoteAnnotationText } from '../edits/text';
import type { Annotation, Boundary, Component, ComponentKind, Flow, SystemModel } from '../model';

export type FlowDirection = 'TB' | 'TD' | 'BT' | 'RL' | 'LR';

export interface ToMermaidOptions {
  /** Layout direction; default `LR`. */
  direction?: FlowDirection;
  /**
   * Write declared kinds, properties and decisions as `%% @component` / `%% @mitigates` … lines,
   * so that converting keeps them (default true). The walkthrough's drawing leaves them out.
   */
  annotations?: boolean;
  /** Write the system name as front matter `title:` (default true). */
  title?: boolean;
}

export interface MermaidDiagram {
  text: string;
  /** Mermaid node id → component id, for every component. */
  nodes: Record<string, string>;
  /** Mermaid subgraph id → boundary id. */
  boundaries: Record<string, string>;
}

/** Words Mermaid's flowchart lexer treats specially wherever an id could stand. */
const RESERVED = new Set([
  'end', 'subgraph', 'graph', 'flowchart', 'flowchart-elk', 'style', 'linkstyle', 'classdef', 'class', 'click', 'call',
  'href', 'direction', 'default', 'interpolate', 'acctitle', 'accdescr', 'tb', 'td', 'bt', 'rl', 'lr', 'callback',
]);

/** Mermaid ids for every component and boundary: readable when safe, unique always. */
export class MermaidIds {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  id(scope: 'node' | 'boundary', original: string): string {
    const key = `${scope}\u0000${original}`;
    const known = this.byKey.get(key);
    if (known) return known;
    let base = original.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base) || RESERVED.has(base.toLowerCase()) || /^[ox]_*$/i.test(base)) base = `${scope === 'node' ? 'n' : 'b'}_${base}`;
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/** A label as a Mermaid string: always quoted, every character that could mean markup as an entity. */
export function mermaidString(label: string): string {
  const text = label.replace(/\s+/g, ' ').trim();
  const escaped = text.replace(/[#"<>&`]/g, (c) => (c === '#' ? '#35;' : c === '"' ? '#quot;' : c === '<' ? '#lt;' : c === '>' ? '#gt;' : c === '&' ? '#amp;' : '#96;'));
  return `"${escaped}"`;
}

/** Opening and closing brackets per Mermaid shape name (as the parser reports them). */
const SHAPES: Readonly<Record<string, readonly [string, string]>> = {
  rect: ['[', ']'], round: ['(', ')'], stadium: ['([', '])'], subroutine: ['[[', ']]'], cyl: ['[(', ')]'],
  circle: ['((', '))'], doublecircle: ['(((', ')))'], lean_r: ['[/', '/]'], lean_l: ['[\\', '\\]'],
  trapezoid: ['[/', '\\]'], inv_trapezoid: ['[\\', '/]'], hexagon: ['{{', '}}'], diamond: ['{', '}'], odd: ['>', ']'],
};

/** A shape that suggests the kind, for models that have none (YAML). */
const KIND_SHAPE: Partial<Record<ComponentKind, string>> = {
  user: 'stadium', client: 'round', llm: 'hexagon', 'embedding-model': 'hexagon', 'ml-model': 'hexagon', agent: 'round', tool: 'subroutine',
  'mcp-server': 'subroutine', 'code-executor': 'subroutine', 'vector-store': 'cyl', datastore: 'cyl', memory: 'cyl',
  dataset: 'cyl', 'model-registry': 'cyl', 'document-source': 'lean_r', 'prompt-template': 'lean_r', guardrail: 'odd',
};

function node(c: Component, id: string): string {
  const [open, close] = SHAPES[c.shape ?? ''] ?? SHAPES[KIND_SHAPE[c.kind] ?? 'rect'] ?? ['[', ']'];
  return `${id}${open}${mermaidString(c.label || c.id)}${close}`;
}

function arrowOf(f: Flow): string {
  if (f.invisible) return '~~~';
  const a = f.arrow ?? '-->';
  const dotted = a.includes('.');
  const thick = !dotted && a.includes('=');
  if (f.bidirectional) return dotted ? '<-.->' : thick ? '<==>' : '<-->';
  return dotted ? '-.->' : thick ? '==>' : '-->';
}

function pairValue(v: string): string {
  return /^[^\s"\\=]+$/.test(v) ? v : quoteAnnotationText(v);
}

function pairKey(k: string): string | undefined {
  return /^[A-Za-z][\w.-]*$/.test(k) ? k : undefined;
}

/** `%% @component id kind=… key=value …` for what the model declares (inferred kinds stay inferred). */
function componentLine(c: Component, id: string): string | undefined {
  const pairs: string[] = [];
  if (c.kindSource === 'declared') pairs.push(`kind=${c.kind}`);
  for (const [k, v] of Object.entries(c.properties)) {
    const key = pairKey(k);
    if (key && key !== 'kind' && v !== '') pairs.push(`${key}=${pairValue(v)}`);
  }
  return pairs.length ? `%% @component ${id} ${pairs.join(' ')}` : undefined;
}

function decisionLine(a: Annotation, id: string): string | undefined {
  if (a.type === 'component') return undefined;
  if (a.type === 'mitigates') return annotationLine({ type: 'mitigates', componentId: id, threat: a.threat, control: a.control, status: a.status });
  if (a.type === 'accepts') return annotationLine({ type: 'accepts', componentId: id, threat: a.threat, reason: a.reason, owner: a.owner, expires: a.expires });
  return annotationLine({ type: 'not-applicable', componentId: id, threat: a.threat, reason: a.reason });
}

export function toMermaid(model: SystemModel, options: ToMermaidOptions = {}): MermaidDiagram {
  const ids = new MermaidIds();
  const nodes: Record<string, string> = {};
  const boundaries: Record<string, string> = {};
  const nodeId = (componentId: string) => {
    const id = ids.id('node', componentId);
    nodes[id] = componentId;
    return id;
  };
  const known = new Set(model.boundaries.map((b) => b.id));
  const children = new Map<string | undefined, Boundary[]>();
  for (const b of model.boundaries) {
    const parent = b.parent !== undefined && known.has(b.parent) && b.parent !== b.id ? b.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), b]);
  }
  const membersOf = new Map<string | undefined, Component[]>();
  for (const c of model.components) {
    const where = c.boundary !== undefined && known.has(c.boundary) ? c.boundary : undefined;
    membersOf.set(where, [...(membersOf.get(where) ?? []), c]);
  }

  const out: string[] = [];
  if (options.title !== false && model.name) out.push('---', `title: ${JSON.stringify(model.name.replace(/\s+/g, ' ').trim())}`, '---');
  out.push(`flowchart ${options.direction ?? 'LR'}`);
  const visited = new Set<string>();
  const emit = (where: string | undefined, depth: number) => {
    const pad = '    '.repeat(depth);
    for (const c of membersOf.get(where) ?? []) out.push(`${pad}${node(c, nodeId(c.id))}`);
    for (const b of children.get(where) ?? []) {
      if (visited.has(b.id)) continue; // a parent cycle in a hand-written YAML model
      visited.add(b.id);
      const id = ids.id('boundary', b.id);
      boundaries[id] = b.id;
      out.push(`${pad}subgraph ${id} [${mermaidString(b.label || b.id)}]`);
      emit(b.id, depth + 1);
      out.push(`${pad}end`);
    }
  };
  emit(undefined, 1);

  const boundaryIds = new Map(Object.entries(boundaries).map(([m, b]) => [b, m]));
  const endpoint = (id: string) => (model.components.some((c) => c.id === id) ? nodeId(id) : boundaryIds.get(id) ?? nodeId(id));
  for (const f of model.flows) {
    const arrow = arrowOf(f);
    const label = f.label && arrow !== '~~~' ? `|${mermaidString(f.label)}|` : '';
    out.push(`    ${endpoint(f.from)} ${arrow}${label} ${endpoint(f.to)}`);
  }

  if (options.annotations !== false) {
    const lines: string[] = [];
    for (const c of model.components) {
      const line = componentLine(c, nodeId(c.id));
      if (line) lines.push(line);
    }
    for (const a of model.annotations) {
      if (!model.components.some((c) => c.id === a.target)) continue;
      const line = decisionLine(a, nodeId(a.target));
      if (line) lines.push(line);
    }
    if (lines.length) out.push('', ...lines.map((l) => `    ${l}`));
  }
  return { text: `${out.join('\n')}\n`, nodes, boundaries };
}

/** The direction written in a Mermaid diagram's header (`flowchart LR`), if any. */
export function sourceDirection(text: string): FlowDirection | undefined {
  const m = /^[ \t]*(?:flowchart|graph)(?:-elk)?[ \t]+(TB|TD|BT|RL|LR)\b/m.exec(text);
  return m ? (m[1] as FlowDirection) : undefined;
}
