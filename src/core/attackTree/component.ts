/**
 * The tree of one component's top threats: one goal per kind of harm, and under each the ways in
 * (one AND per finding: entry, technique steps, no control in the way).
 */
import type { Finding } from '../analysis/finding';
import type { ModelGraph } from '../analysis/graph';
import type { Catalog } from '../catalog/catalog';
import type { Component, SystemModel } from '../model';
import type { CatalogLookup } from '../report/types';
import { componentName, goalText } from './goal';
import { branchCuts, controlCondition, type AndNode, type AttackTreeModel, type EntryNode, type GoalNode, type TreeNode } from './model';
import { entryRoute, entryText } from './routes';
import { techniqueSteps } from './steps';

export interface TreeContext {
  path: string;
  model: SystemModel;
  graph: ModelGraph;
  catalog: Catalog;
  lookup?: CatalogLookup;
}

export function findingText(f: Finding, lookup?: CatalogLookup): string {
  const ref = f.owasp[0] ?? f.ruleId;
  const name = lookup?.owasp(ref)?.name;
  return `${ref}${name ? ` ${name}` : ''}: ${f.title} (${f.ruleId}, ${f.score.toFixed(1)} ${f.severity}, ${f.status})`;
}

/**
 * The entry of a finding: its evidence path when the rule found one (extended back to the
 * outermost untrusted source), else the shortest route from such a source to the component.
 */
export function findingEntry(ctx: TreeContext, f: Finding, c: Component): EntryNode {
  const g = ctx.graph;
  const hops = f.evidence.length > 1 ? f.evidence.map((e) => e.componentId) : [c.id];
  const start = g.index.get(hops[0]);
  const route = start !== undefined ? entryRoute(g, start) : undefined;
  const ids = route ? [...route.path.map((i) => g.nodes[i].id), ...hops.slice(1)] : [];
  const path = ids.map((id) => g.byId.get(id)).filter((x): x is Component => x !== undefined);
  return { type: 'entry', text: entryText(ctx.model, path), path: path.map((p) => p.id) };
}

export function findingAnd(ctx: TreeContext, f: Finding, c: Component, text = findingText(f, ctx.lookup)): AndNode {
  const condition = controlCondition(f);
  const children: TreeNode[] = [findingEntry(ctx, f, c), ...techniqueSteps(f, ctx.catalog), ...(condition ? [condition] : [])];
  return { type: 'and', text, finding: f, componentId: c.id, children, cuts: branchCuts(f) };
}

export function componentTree(ctx: TreeContext, c: Component, findings: readonly Finding[]): AttackTreeModel {
  const goals = new Map<string, GoalNode>();
  for (const f of findings) {
    const text = goalText(f, c);
    let goal = goals.get(text);
    if (!goal) goals.set(text, (goal = { type: 'goal', text, children: [] }));
    goal.children.push(findingAnd(ctx, f, c));
  }
  const list = [...goals.values()];
  const root = list.length === 1 ? list[0] : { type: 'or' as const, text: list.length === 0 ? `No threats found for ${componentName(c)}` : `Attacks on ${componentName(c)}: any one of these goals`, children: list };
  return { kind: 'component', path: ctx.path, component: c, root };
}
