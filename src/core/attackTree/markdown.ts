/** An attack tree as Markdown: a heading, the Mermaid fence and a short legend for reading it. */
import { codeSpan, escapeProse } from '../report/escape';
import type { FileResult } from '../report/types';
import { componentName } from './goal';
import { buildAttackTree, type AttackTreeOptions } from './build';
import type { AttackTreeModel } from './model';
import { renderAttackTree } from './render';

export const ATTACK_TREE_LEGEND = [
  '- **Goal**: what the attacker wants. Its children are alternatives (edges marked OR): any one is enough.',
  '- **AND**: every numbered part is needed, in order: the entry (where the attacker starts and which flows reach the component), the attack techniques (ATLAS tactics in order; techniques under one tactic, or several end results, are OR alternatives), and the missing control.',
  '- **Cut by** (dotted edges): a control recorded in the diagram that stops that branch, coloured by status (green in place, yellow planned, blue accepted, dashed red an expired acceptance). **Could be cut by**: a suggested control for a branch that is still open.',
];

export function attackTreeMarkdown(t: AttackTreeModel, heading = 2): string {
  const title = t.kind === 'chain' ? `Attack chains to ${componentName(t.component)}` : `Attack tree for ${componentName(t.component)}`;
  return [
    `${'#'.repeat(heading)} ${escapeProse(title)} (${codeSpan(t.component.id)})`,
    '',
    '```mermaid',
    renderAttackTree(t).trimEnd(),
    '```',
    '',
    ...ATTACK_TREE_LEGEND,
    '',
  ].join('\n');
}

/**
 * The editor's document for a component: its own tree, then the chains across components that
 * end at it (when it has a threat for them to reach). Throws `AttackTreeError` for an unknown id.
 */
export function attackTreeDocument(result: FileResult, componentId: string, options: Omit<AttackTreeOptions, 'chain'> = {}): string {
  const own = buildAttackTree(result, componentId, undefined, options);
  const parts = [`# Attack trees: ${escapeProse(componentName(own.component))} in ${escapeProse(result.file.path)}`, '', attackTreeMarkdown(own)];
  const hasThreat = result.findings.some((f) => f.componentId === own.component.id && f.status !== 'not-applicable');
  if (hasThreat) parts.push(attackTreeMarkdown(buildAttackTree(result, componentId, undefined, { ...options, chain: true })));
  return parts.join('\n');
}
