/**
 * How an attacker reaches a component: the untrusted source and the flows in between, read from
 * the diagram. Sources are the outermost untrusted components (an untrusted component that no
 * other untrusted component feeds: the customer rather than the widget the customer types into),
 * so the entry starts where the attacker is. Requests travel at runtime: as in the score's reach
 * (analysis/context.ts), training pipelines, datasets and registries are not passed through.
 */
import type { ModelGraph } from '../analysis/graph';
import { BUILD_TIME_SELECTOR, selectorMask, UNTRUSTED_SELECTOR } from '../analysis/select';
import type { Component, SystemModel } from '../model';
import { componentName } from './goal';


export interface Route {
  /** Node numbers from the source to the component. */
  path: number[];
}

export function outermostSources(g: ModelGraph): number[] {
  const untrusted = selectorMask(g, UNTRUSTED_SELECTOR);
  const all: number[] = [];
  const outer: number[] = [];
  for (let i = 0; i < g.nodes.length; i++) {
    if (!untrusted[i]) continue;
    all.push(i);
    let fed = false;
    for (let k = g.inStart[i]; k < g.inStart[i + 1] && !fed; k++) fed = untrusted[g.inFrom[k]] === 1;
    if (!fed) outer.push(i);
  }
  // A ring of untrusted components feeding each other has no outermost one: any will do.
  return outer.length > 0 ? outer : all;
}

/**
 * The search tree of the shortest runtime routes from the outermost untrusted sources: one
 * breadth-first search per graph answers the entry of every component (-1: a source, -2: none).
 */
const parents = new WeakMap<ModelGraph, Int32Array>();
const buildParents = new WeakMap<ModelGraph, Int32Array>();

function routeParents(g: ModelGraph, build = false): Int32Array {
  const cache = build ? buildParents : parents;
  const cached = cache.get(g);
  if (cached) return cached;
  // At build time data does travel through training steps and registries (poisoned client updates).
  const buildTime = build ? new Uint8Array(g.nodes.length) : selectorMask(g, BUILD_TIME_SELECTOR);
  const parent = new Int32Array(g.nodes.length).fill(-2);
  const queue: number[] = [];
  for (const s of outermostSources(g)) { parent[s] = -1; queue.push(s); }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (buildTime[v] && parent[v] !== -1) continue;
    for (let k = g.outStart[v]; k < g.outStart[v + 1]; k++) {
      const w = g.outTo[k];
      if (parent[w] !== -2) continue;
      parent[w] = v;
      queue.push(w);
    }
  }
  cache.set(g, parent);
  return parent;
}

/**
 * Shortest runtime route from an outermost untrusted source to `target`; for a component only
 * data reaches (a training step, a registry), the build-time route; undefined when neither exists.
 */
export function entryRoute(g: ModelGraph, target: number): Route | undefined {
  let parent = routeParents(g);
  if (parent[target] === -2) parent = routeParents(g, true);
  if (parent[target] === -2) return undefined;
  const path: number[] = [];
  for (let v = target; v !== -1; v = parent[v]) path.unshift(v);
  return { path };
}

/** Labels of the model's flows by `from\0to` (a bidirectional flow both ways), first flow first. */
const labels = new WeakMap<SystemModel, Map<string, string>>();

function flowLabels(model: SystemModel): Map<string, string> {
  let m = labels.get(model);
  if (m) return m;
  m = new Map<string, string>();
  for (const f of model.flows) {
    if (f.invisible || f.label === undefined || f.label.trim() === '') continue;
    const key = `${f.from}\u0000${f.to}`;
    if (!m.has(key)) m.set(key, f.label);
    if (f.bidirectional && !m.has(`${f.to}\u0000${f.from}`)) m.set(`${f.to}\u0000${f.from}`, f.label);
  }
  labels.set(model, m);
  return m;
}

/** The label of a flow from `a` to `b` (or, failing that, from `b` to `a`), if it has one. */
export function flowLabel(model: SystemModel, a: string, b: string): string | undefined {
  const m = flowLabels(model);
  return m.get(`${a}\u0000${b}`) ?? m.get(`${b}\u0000${a}`);
}

/** `A → B → (question) C`: each hop names the component reached, after the flow's label. */
export function hopsText(model: SystemModel, path: readonly Component[]): string {
  return path.map((c, i) => {
    const label = i > 0 ? flowLabel(model, path[i - 1].id, c.id) : undefined;
    return `${label ? `(${label}) ` : ''}${componentName(c)}`;
  }).join(' → ');
}

export function entryText(model: SystemModel, path: readonly Component[]): string {
  if (path.length === 0) return 'Entry: no untrusted source reaches it in the diagram (an insider, or a supplier already inside)';
  if (path.length === 1) return `Entry: the attacker is, or controls, ${componentName(path[0])} (untrusted)`;
  return `Entry: ${hopsText(model, path)}`;
}
