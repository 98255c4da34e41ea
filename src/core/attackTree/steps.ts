/**
 * The attacker's technique steps for one finding. ATLAS techniques are grouped by tactic, the
 * tactics taken in ATLAS order (catalog.atlas.tactics): a later tactic needs the earlier one
 * done, so different tactics are sequential AND steps, and techniques sharing a tactic are
 * alternatives (OR). Exfiltration and Impact are what the attacker ends with, not stages to pass
 * through: a rule citing several such techniques (TL033: copy the model, or deny service, or
 * run up costs) offers different end goals, so they form one final OR, never a chain.
 * A technique under several tactics counts under the earliest. A rule citing no technique
 * uses its own `attack` phrases (catalogs/rules), or has no technique step at all.
 */
import type { Finding } from '../analysis/finding';
import type { Catalog } from '../catalog/catalog';
import type { OrNode, StepNode } from './model';

/** Exfiltration and Impact. */
const OUTCOME_TACTICS: ReadonlySet<string> = new Set(['AML.TA0010', 'AML.TA0011']);

interface Placed {
  id: string;
  rank: number;
  tacticId?: string;
  tactic?: string;
  name: string;
}

export function techniqueSteps(f: Finding, catalog: Catalog): (StepNode | OrNode)[] {
  if (f.atlas.length === 0) {
    return (catalog.ruleById.get(f.ruleId)?.attack ?? []).map((text) => ({ type: 'step', text }));
  }
  const order = new Map([...catalog.atlas.tactics.keys()].map((id, i) => [id, i]));
  const placed: Placed[] = f.atlas.map((id) => {
    const t = catalog.atlas.techniques.get(id);
    const tactics = (t?.tactics ?? []).filter((x) => order.has(x)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const tacticId = tactics[0];
    return {
      id,
      rank: tacticId !== undefined ? (order.get(tacticId) ?? order.size) : order.size,
      ...(tacticId !== undefined ? { tacticId, tactic: catalog.atlas.tactics.get(tacticId)?.name ?? tacticId } : {}),
      name: t?.displayName ?? id,
    };
  });
  placed.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups: Placed[][] = [];
  const outcomes: Placed[] = [];
  for (const p of placed) {
    if (p.tacticId !== undefined && OUTCOME_TACTICS.has(p.tacticId)) outcomes.push(p);
    else if (groups.length > 0 && groups[groups.length - 1][0].tacticId === p.tacticId) groups[groups.length - 1].push(p);
    else groups.push([p]);
  }
  if (outcomes.length > 0) groups.push(outcomes);
  return groups.map((g) => {
    if (g.length === 1) return step(g[0]);
    const tactics = [...new Set(g.map((p) => p.tactic ?? 'Other'))];
    return { type: 'or', text: `${tactics.join(' or ')}: any one of`, children: g.map(step) };
  });
}

function step(p: Placed): StepNode {
  return { type: 'step', text: `${p.tactic ? `${p.tactic}: ` : ''}${p.name} (${p.id})`, techniqueId: p.id, ...(p.tactic ? { tactic: p.tactic } : {}) };
}
