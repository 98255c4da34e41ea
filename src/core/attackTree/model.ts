/**
 * The attack tree as data, before it becomes Mermaid: a goal (compromise a component), one OR
 * branch per threat, each with its attacker steps (the finding's ATLAS techniques in ATLAS tactic
 * order) and the controls that cut the branch with their status.
 */
import type { Finding } from '../analysis/finding';
import type { Catalog } from '../catalog/catalog';
import type { Component } from '../model';

export interface AttackStep {
  techniqueId?: string;
  tactic?: string;
  text: string;
}

export type CutStatus = 'planned' | 'implemented' | 'verified' | 'accepted' | 'accepted, expired' | 'not applicable' | 'suggested';

export interface Cut {
  status: CutStatus;
  text: string;
}

export interface AttackBranch {
  finding: Finding;
  steps: AttackStep[];
  cuts: Cut[];
}

export interface AttackTreeModel {
  path: string;
  component: Component;
  branches: AttackBranch[];
}

/** Steps: ATLAS techniques ordered by the earliest of their tactics in ATLAS order, then by id. */
export function attackSteps(f: Finding, catalog: Catalog): AttackStep[] {
  const order = new Map([...catalog.atlas.tactics.keys()].map((id, i) => [id, i]));
  const steps = f.atlas.map((id) => {
    const t = catalog.atlas.techniques.get(id);
    const tactics = (t?.tactics ?? []).filter((x) => order.has(x)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const tactic = tactics[0];
    return { id, rank: tactic !== undefined ? (order.get(tactic) ?? order.size) : order.size, tactic: tactic ? catalog.atlas.tactics.get(tactic)?.name : undefined, name: t?.displayName ?? id };
  });
  steps.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (steps.length === 0) return [{ text: `Exploit: ${f.title}` }];
  return steps.map((s) => ({ techniqueId: s.id, ...(s.tactic ? { tactic: s.tactic } : {}), text: `${s.tactic ? `${s.tactic}: ` : ''}${s.name} (${s.id})` }));
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
