/** Builds the trees: picks the component and threats, then the component's tree or its chains. */
import type { Finding } from '../analysis/finding';
import { ModelGraph } from '../analysis/graph';
import { loadBuiltinCatalog, type Catalog } from '../catalog/catalog';
import type { Component, SystemModel } from '../model';
import type { CatalogLookup, FileResult } from '../report/types';
import { chainTree } from './chain';
import { componentTree, type TreeContext } from './component';
import type { AttackTreeModel } from './model';
import { renderAttackTree } from './render';
import { AttackTreeError, componentFindings, selectComponent, threatMatcher, topThreats } from './select';

export interface AttackTreeOptions {
  catalog?: Catalog;
  /** For OWASP entry names in the branch labels. */
  lookup?: CatalogLookup;
  /** Most threats shown (default 6). */
  maxThreats?: number;
  /** The attacks reaching the component across components, instead of its own threats. */
  chain?: boolean;
}

/** The tree as data; throws `AttackTreeError` for an unknown component or threat, or a file without components. */
export function buildAttackTree(result: FileResult, componentId?: string, threat?: string, options: AttackTreeOptions = {}): AttackTreeModel {
  const catalog = options.catalog ?? loadBuiltinCatalog();
  const matches = threat !== undefined ? threatMatcher(threat, catalog, result) : () => true;
  const component = selectComponent(result, componentId, matches)
    ?? (threat !== undefined ? undefined : result.file.models.flatMap((m) => m.components)[0]);
  if (!component) {
    throw new AttackTreeError(threat !== undefined ? `no finding matches ${threat} in ${result.file.path}` : `no components in ${result.file.path}`);
  }
  return treeOf(result, component, catalog, matches, threat !== undefined, options);
}

/**
 * The tree of the component declared as `componentId` in diagram `modelIndex` of the file (ids
 * repeat across the diagrams of a Markdown file), or undefined when there is none.
 */
export function componentAttackTree(result: FileResult, modelIndex: number, componentId: string, options: AttackTreeOptions = {}): AttackTreeModel | undefined {
  const component = result.file.models[modelIndex]?.components.find((c) => c.id === componentId);
  return component ? treeOf(result, component, options.catalog ?? loadBuiltinCatalog(), () => true, false, options) : undefined;
}

function treeOf(result: FileResult, component: Component, catalog: Catalog, matches: (f: Finding) => boolean, explicit: boolean, options: AttackTreeOptions): AttackTreeModel {
  const ctx = treeContext(result, component, catalog, options.lookup);
  const findings = topThreats(componentFindings(result, component), matches, explicit, options.maxThreats ?? 6);
  if (!options.chain) return componentTree(ctx, component, findings);
  const goal = findings.find((f) => f.status !== 'not-applicable') ?? findings[0];
  if (!goal) throw new AttackTreeError(`no threat on "${component.id}" for an attack chain to reach in ${result.file.path}`);
  return chainTree(ctx, result, component, goal);
}

export function attackTree(result: FileResult, componentId?: string, threat?: string, options: AttackTreeOptions = {}): string {
  return renderAttackTree(buildAttackTree(result, componentId, threat, options));
}

/** One graph per model: the walkthrough builds a tree for every component of the same model. */
const graphs = new WeakMap<SystemModel, ModelGraph>();

function treeContext(result: FileResult, component: Component, catalog: Catalog, lookup?: CatalogLookup): TreeContext {
  const model = result.file.models.find((m) => m.components.includes(component)) ?? result.file.models[0];
  let graph = graphs.get(model);
  if (!graph) graphs.set(model, (graph = new ModelGraph(model)));
  return { path: result.file.path, model, graph, catalog, ...(lookup ? { lookup } : {}) };
}
