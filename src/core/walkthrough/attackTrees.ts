/** The walkthrough with each component step's attack tree, as Mermaid text for the webview to draw. */
import { componentAttackTree, renderAttackTree } from '../attackTree';
import type { Catalog } from '../catalog/catalog';
import type { CatalogLookup, FileResult } from '../report/types';
import type { Walkthrough } from './types';

/** Only steps with findings get one: a component nothing threatens has no tree worth drawing. */
export function withAttackTrees(w: Walkthrough, result: FileResult, catalog: Catalog, lookup: CatalogLookup): Walkthrough {
  const byKey = new Map(w.components.map((c) => [c.key, c]));
  const steps = w.steps.map((s) => {
    const c = s.type === 'component' && s.findings.length > 0 ? byKey.get(s.componentKey) : undefined;
    const tree = c ? componentAttackTree(result, c.modelIndex, c.id, { catalog, lookup }) : undefined;
    return s.type === 'component' && tree ? { ...s, attackTree: renderAttackTree(tree) } : s;
  });
  return { ...w, steps };
}
