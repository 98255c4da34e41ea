/**
 * `attackTree(result, componentId?, threat?)`: a Mermaid flowchart attack tree for a component's
 * top threats. Pure; the catalog gives the ATLAS tactic order and the names.
 */
import { loadBuiltinCatalog, type Catalog } from '../catalog/catalog';
import type { CatalogLookup, FileResult } from '../report/types';
import { attackSteps, branchCuts, type AttackTreeModel } from './model';
import { renderAttackTree } from './render';
import { AttackTreeError, componentFindings, selectComponent, threatMatcher, topThreats } from './select';

export { AttackTreeError } from './select';
export type { AttackTreeModel, AttackBranch, AttackStep, Cut, CutStatus } from './model';
export { mermaidText } from './label';

export interface AttackTreeOptions {
  catalog?: Catalog;
  /** For OWASP entry names in the branch labels. */
  lookup?: CatalogLookup;
  /** Most threats shown (default 6). */
  maxThreats?: number;
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
  const findings = topThreats(componentFindings(result, component), matches, threat !== undefined, options.maxThreats ?? 6);
  return { path: result.file.path, component, branches: findings.map((finding) => ({ finding, steps: attackSteps(finding, catalog), cuts: branchCuts(finding) })) };
}

export function attackTree(result: FileResult, componentId?: string, threat?: string, options: AttackTreeOptions = {}): string {
  return renderAttackTree(buildAttackTree(result, componentId, threat, options), options.lookup);
}
