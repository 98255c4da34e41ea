/**
 * The attack tree as data, before it becomes Mermaid. A goal is what the attacker wants; under it
 * the ways to get there are alternatives (OR). Each way is an AND node: every child is needed, in
 * order (the entry, then the technique steps, then the absence of a control). Controls recorded
 * in the diagram hang off the AND node they cut, with their status.
 */
import type { Finding } from '../analysis/finding';
import type { Component } from '../model';

export interface StepNode {
  type: 'step';
  text: string;
  techniqueId?: string;
  tactic?: string;
}

/** How the attacker gets in: the untrusted source and the flows that reach the component. */
export interface EntryNode {
  type: 'entry';
  text: string;
  /** Component ids from the untrusted source to the component; empty when none reaches it. */
  path: string[];
}

/** A precondition the attack relies on: no control recorded, or one only planned. */
export interface ConditionNode {
  type: 'condition';
  text: string;
}

export interface OrNode {
  type: 'or';
  text: string;
  children: TreeNode[];
}

export interface AndNode {
  type: 'and';
  text: string;
  /** The finding this way of attack comes from (a chain's AND has none, its stations do). */
  finding?: Finding;
  componentId?: string;
  children: TreeNode[];
  cuts: Cut[];
}

export interface GoalNode {
  type: 'goal';
  text: string;
  /** Alternatives: any one reaches the goal. */
  children: TreeNode[];
}

export type TreeNode = GoalNode | AndNode | OrNode | EntryNode | StepNode | ConditionNode;

export type CutStatus = 'planned' | 'implemented' | 'verified' | 'accepted' | 'accepted, expired' | 'not applicable' | 'suggested';

export interface Cut {
  status: CutStatus;
  text: string;
}

export interface AttackTreeModel {
  kind: 'component' | 'chain';
  path: string;
  /** The component attacked (for a chain, the one at its end). */
  component: Component;
  /** A goal, or an OR over several goals. */
  root: GoalNode | OrNode;
}

/** What cuts the branch: the decisions recorded for the finding, then suggested controls not yet recorded. */
export function branchCuts(f: Finding): Cut[] {
  const cuts: Cut[] = [];
  for (const d of f.decisions) {
    if (d.type === 'mitigates') cuts.push({ status: d.status === 'implemented' || d.status === 'verified' ? d.status : 'planned', text: d.text });
    else if (d.type === 'accepts') cuts.push({ status: d.expired ? 'accepted, expired' : 'accepted', text: `${d.text}${d.owner ? ` (owner ${d.owner})` : ''}${d.expires ? ` until ${d.expires}` : ''}` });
    else cuts.push({ status: 'not applicable', text: d.text });
  }
  // A decided branch is already cut; more suggestions would only be noise there.
  if (f.status !== 'open' && f.status !== 'planned') return cuts;
  const recorded = new Set(f.decisions.map((d) => d.text.trim().toLowerCase()));
  for (const m of f.mitigations) {
    if (!recorded.has(m.stub.trim().toLowerCase())) cuts.push({ status: 'suggested', text: m.name });
  }
  return cuts;
}

/**
 * What the attack relies on about controls: nothing recorded stops it (open), or the recorded
 * control is only planned. A mitigated or accepted finding needs no such node: its cut shows.
 */
export function controlCondition(f: Finding): ConditionNode | undefined {
  if (f.status === 'open') return { type: 'condition', text: f.decisions.some((d) => d.type === 'accepts' && d.expired) ? 'The acceptance has expired and no control is in place' : 'No control recorded against it' };
  if (f.status === 'planned') return { type: 'condition', text: 'The planned control is not in place yet' };
  return undefined;
}

/** Every node under `n`, itself included, depth first. */
export function* walk(n: TreeNode): Generator<TreeNode> {
  yield n;
  if (n.type === 'goal' || n.type === 'and' || n.type === 'or') for (const c of n.children) yield* walk(c);
}
