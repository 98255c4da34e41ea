/**
 * Which components the engine could not place, in one place. A component with no declaration and
 * no evidence keeps `kindSource: 'default'` whatever fallback kind inference gave it; no rule
 * checks it as what it is, so every host says so instead of reporting silence as safety. Steps of
 * a drawing (start/end markers, decision diamonds, payload boxes such as "retrieved chunks") are
 * not components and are not counted.
 */
import { COMPONENT_KINDS, type Component, type ComponentKind, type Problem, type SystemModel } from '../model';
import { isDrawingStep } from './markers';

export function isUnrecognised(c: Component): boolean {
  return c.kindSource === 'default' && !isDrawingStep(c);
}

/** The components of a model nobody could place, in file order. */
export function unrecognisedIn(model: SystemModel): Component[] {
  return model.components.filter(isUnrecognised);
}

export interface KindChoice {
  kind: ComponentKind;
  reason: string;
}

/** Kinds a neighbour of each kind makes likely, strongest first: a box that calls a model is often an agent. */
const NEIGHBOUR_HINTS: Partial<Record<ComponentKind, readonly ComponentKind[]>> = {
  llm: ['agent', 'service', 'guardrail'],
  agent: ['tool', 'llm', 'mcp-server', 'memory'],
  tool: ['agent'],
  'mcp-server': ['agent'],
  'vector-store': ['ingestion', 'agent', 'embedding-model'],
  'embedding-model': ['vector-store', 'ingestion'],
  'document-source': ['ingestion', 'agent'],
  ingestion: ['vector-store', 'document-source', 'embedding-model'],
  'training-pipeline': ['dataset', 'model-registry'],
  dataset: ['training-pipeline'],
  'model-registry': ['training-pipeline', 'llm'],
  user: ['client', 'gateway', 'agent', 'llm'],
  client: ['gateway', 'service', 'agent', 'llm'],
  gateway: ['service', 'llm', 'agent'],
  datastore: ['service', 'tool'],
};

const SHAPE_HINTS: Readonly<Record<string, readonly ComponentKind[]>> = {
  cyl: ['datastore', 'vector-store'], cylinder: ['datastore', 'vector-store'], database: ['datastore', 'vector-store'],
  db: ['datastore', 'vector-store'], person: ['user'], actor: ['user'], hex: ['tool'], hexagon: ['tool'],
};

const AI_FIRST: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'mcp-server', 'vector-store', 'embedding-model', 'guardrail', 'ml-model', 'service', 'datastore'];

/** Every choice a user may still want when the evidence says nothing, AI kinds first. */
const FALLBACK: readonly ComponentKind[] = [...AI_FIRST, ...COMPONENT_KINDS.filter((k) => k !== 'unknown' && !AI_FIRST.includes(k))];

/**
 * Ranks the kinds to offer for declaring a component of `model`, most likely first by the weak
 * evidence there is (its neighbours' kinds, its shape), then the rest in a fixed order; every kind
 * but `unknown` appears once. The neighbours are indexed once, so ranking every component stays linear.
 */
export function kindRanker(model: SystemModel): (c: Component, limit?: number) => KindChoice[] {
  const byId = new Map(model.components.map((x) => [x.id, x]));
  const neighbours = new Map<string, Component[]>();
  const link = (a: string, b: string) => {
    const other = byId.get(b);
    if (!other || a === b) return;
    const list = neighbours.get(a);
    if (list) list.push(other);
    else neighbours.set(a, [other]);
  };
  for (const f of model.flows) {
    link(f.from, f.to);
    link(f.to, f.from);
  }
  // With no evidence the answer is the fixed order: most components of a large diagram share it.
  const plain = FALLBACK.map((kind): KindChoice => ({ kind, reason: '' }));
  return (c, limit = FALLBACK.length) => {
    const score = new Map<ComponentKind, { points: number; reason: string }>();
    const vote = (kind: ComponentKind, points: number, reason: string) => {
      const s = score.get(kind);
      if (!s) score.set(kind, { points, reason });
      else s.points += points;
    };
    // A hub with thousands of flows says no more after a few dozen neighbours.
    for (const other of (neighbours.get(c.id) ?? []).slice(0, 50)) {
      if (other.kindSource === 'default') continue;
      (NEIGHBOUR_HINTS[other.kind] ?? []).forEach((k, i) => vote(k, 3 - Math.min(i, 2), `next to ${other.kind} "${other.label || other.id}"`));
    }
    for (const [i, k] of (SHAPE_HINTS[c.shape ?? ''] ?? []).entries()) vote(k, 2 - i, `drawn as ${c.shape}`);
    if (score.size === 0) return plain.slice(0, limit);
    const ranked = [...score.entries()].sort((a, b) => b[1].points - a[1].points || FALLBACK.indexOf(a[0]) - FALLBACK.indexOf(b[0]));
    const out: KindChoice[] = ranked.slice(0, limit).map(([kind, s]) => ({ kind, reason: s.reason }));
    for (const choice of plain) {
      if (out.length >= limit) break;
      if (!score.has(choice.kind)) out.push(choice);
    }
    return out;
  };
}

export const UNRECOGNISED_CODE = 'component/unrecognised';

/**
 * One hint per component nobody could place, on its declaration, with the kinds to offer ranked
 * (`suggestions`): the editor shows it as a hint with "Declare kind" fixes, the CLI and reports
 * list it, so coverage that is incomplete is said to be.
 */
export function unrecognisedProblems(model: SystemModel): Problem[] {
  const rank = kindRanker(model);
  return unrecognisedIn(model).map((c) => {
    const choices = rank(c, 5);
    const likely = choices.filter((k) => k.reason).slice(0, 2).map((k) => k.kind);
    return {
      code: UNRECOGNISED_CODE,
      severity: 'info',
      span: c.span,
      message: `"${c.id}" was not recognised, so no rule checks it: declare its kind${likely.length ? ` (likely ${likely.join(' or ')})` : ''}.`,
      suggestions: choices.map((k) => k.kind),
    };
  });
}

/** `3 components not recognised: coverage incomplete`, or '' when every component was placed. */
export function coverageLine(results: readonly { problems: readonly Problem[] }[]): string {
  let n = 0;
  for (const r of results) for (const p of r.problems) if (p.code === UNRECOGNISED_CODE) n++;
  return n ? `${n} component${n === 1 ? '' : 's'} not recognised: coverage incomplete` : '';
}
