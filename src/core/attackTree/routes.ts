/**
 * How an attacker reaches a component: the untrusted source and the flows in between, read from
 * the diagram. Sources are the outermost untrusted components (an untrusted component that no
 * other untrusted component feeds: the customer rather than the widget the customer types into),
 * so the entry starts where the attacker is. Requests travel at runtime: as in the score's reach
 * (analysis/context.ts), training pipelines, datasets and registries are not passed through.
 */
import type { ModelGraph } from '../analysis/graph';
import { selectorMask } from '../analysis/select';
import type { Component, Flow, SystemModel } from '../model';
import { componentName } from './goal';

export interface Route {
  /** Node numbers from the source to the component. */
  path: number[];
}

export function outermostSources(g: ModelGraph): number[] {
  const untrusted = selectorMask(g, { untrusted: true });
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

/** Shortest runtime route from an outermost untrusted source to `target`, or undefined. */
export function entryRoute(g: ModelGraph, target: number): Route | undefined {
  const buildTime = selectorMask(g, { kind: ['training-pipeline', 'dataset', 'model-registry'] });
  const parent = new Int32Array(g.nodes.length).fill(-2);
  const queue: number[] = [];
  for (const s of outermostSources(g)) { parent[s] = -1; queue.push(s); }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (v === target) break;
    if (buildTime[v] && parent[v] !== -1) continue;
    for (let k = g.outStart[v]; k < g.outStart[v + 1]; k++) {
      const w = g.outTo[k];
      if (parent[w] !== -2) continue;
      parent[w] = v;
      queue.push(w);
    }
  }
  if (parent[target] === -2) return undefined;
  const path: number[] = [];
  for (let v = target; v !== -1; v = parent[v]) path.unshift(v);
  return { path };
}

/** The label of a flow from `a` to `b` (or, failing that, from `b` to `a`), if it has one. */
export function flowLabel(model: SystemModel, a: string, b: string): string | undefined {
  const usable = (f: Flow) => !f.invisible && f.label !== undefined && f.label.trim() !== '';
  return (model.flows.find((f) => usable(f) && ((f.from === a && f.to === b) || (f.bidirectional && f.from === b && f.to === a)))
    ?? model.flows.find((f) => usable(f) && f.from === b && f.to === a))?.label;
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
