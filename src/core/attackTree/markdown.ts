/** An attack tree as Markdown: a heading, the Mermaid fence and a short legend for reading it. */
import { codeSpan, escapeProse } from '../report/escape';
import { componentName } from './goal';
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
