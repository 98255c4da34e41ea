/**
 * `attackTree(result, componentId?, threat?)`: a Mermaid attack tree for a component's top
 * threats, or (`chain: true`) the attacks that reach it across components along the flows. Pure;
 * the catalog gives the ATLAS tactic order, the names and the rules' own attack steps.
 */
export { attackTree, buildAttackTree, componentAttackTree, type AttackTreeOptions } from './build';
export { AttackTreeError } from './select';
export type { AttackTreeModel, AndNode, OrNode, GoalNode, EntryNode, StepNode, ConditionNode, TreeNode, Cut, CutStatus } from './model';
export { walk } from './model';
export { mermaidText } from './label';
export { renderAttackTree } from './render';
export { ATTACK_TREE_LEGEND, attackTreeDocument, attackTreeMarkdown } from './markdown';
