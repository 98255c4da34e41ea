/**
 * Subgraph context. A subgraph that an edge starts or ends at (`Clients --> API`) stands for one
 * component, so it becomes one: without it the flow would lead nowhere and no rule would see it.
 * Its kind comes from its title like any node's; when the title says nothing, from what most of
 * its members are (a group of training steps is a training pipeline).
 */
import type { Boundary, Component, ComponentKind, SystemModel } from '../model';
import { kindForRules } from '../model';

/** Adds a component for every subgraph used as an edge endpoint; returns the added ones. */
export function addSubgraphEndpoints(model: SystemModel): Component[] {
  if (model.boundaries.length === 0 || model.flows.length === 0) return [];
  const byId = new Map<string, Boundary>();
  for (const b of model.boundaries) if (!byId.has(b.id)) byId.set(b.id, b);
  let have: Set<string> | undefined;
  const added: Component[] = [];
  const take = (id: string) => {
    const b = byId.get(id);
    if (!b) return;
    have ??= new Set(model.components.map((c) => c.id));
    if (have.has(id)) return;
    have.add(id);
    added.push({
      id, label: b.label, span: b.span, ...(b.labelSpan ? { labelSpan: b.labelSpan } : {}),
      kind: 'unknown', kindSource: 'default', kindReason: '', classes: [], properties: { ...(b.properties ?? {}) },
      ...(b.parent !== undefined ? { boundary: b.parent } : {}),
    });
  };
  for (const f of model.flows) {
    take(f.from);
    take(f.to);
  }
  model.components.push(...added);
  return added;
}

/** The kind most members of the subgraph have (ties: the first seen), if any member was recognised. */
export function kindFromMembers(model: SystemModel, subgraph: Component): { kind: ComponentKind; reason: string } | undefined {
  const b = model.boundaries.find((x) => x.id === subgraph.id);
  if (!b || b.members.length === 0) return undefined;
  const members = new Set(b.members);
  const counts = new Map<ComponentKind, number>();
  for (const c of model.components) {
    if (c === subgraph || !members.has(c.id)) continue;
    const k = kindForRules(c);
    if (k !== 'unknown') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: ComponentKind | undefined;
  let n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best ? { kind: best, reason: `stands for the subgraph "${subgraph.label}", whose members are mostly ${best}` } : undefined;
}
