/**
 * The summary step's content: the prioritized mitigation plan (what reduces risk, highest score
 * first), the risks taken on purpose, and what is still open.
 */
import type { ComponentView, FindingView, OpenItem, PlanRow, WalkthroughStep } from './types';

const TAKEN: ReadonlySet<string> = new Set(['accepted', 'not-applicable']);

/** Findings whose risk is reduced or still to be dealt with, highest score first (open first on ties). */
export function mitigationPlan(findings: readonly FindingView[], components: ReadonlyMap<string, ComponentView>, order: ReadonlyMap<string, number>): PlanRow[] {
  return findings
    .filter((f) => !TAKEN.has(f.status))
    .sort((a, b) => b.score - a.score || Number(b.status === 'open') - Number(a.status === 'open') || (order.get(a.componentKey) ?? 0) - (order.get(b.componentKey) ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
    .map((f) => {
      const decided = f.decisions.find((d) => d.type === 'mitigates');
      const c = components.get(f.componentKey);
      return {
        findingKey: f.key,
        score: f.score,
        severity: f.severity,
        threat: f.owasp[0] ?? { id: f.ruleId, name: f.title },
        title: f.title,
        componentKey: f.componentKey,
        componentLabel: c?.label || f.componentId,
        control: decided?.text ?? f.mitigations[0]?.stub ?? '',
        controlSource: decided ? 'decided' : 'suggested',
        status: f.status,
      };
    });
}

/** Findings whose risk was accepted or judged not applicable. */
export function acceptedFindings(findings: readonly FindingView[]): FindingView[] {
  return findings.filter((f) => TAKEN.has(f.status)).sort((a, b) => b.score - a.score);
}

export function openItems(steps: readonly WalkthroughStep[], components: ReadonlyMap<string, ComponentView>, done: ReadonlySet<string>): OpenItem[] {
  const items: OpenItem[] = [];
  for (const c of components.values()) {
    if (c.unrecognised) items.push({ type: 'unknown-kind', text: `Declare the kind of "${c.label || c.id}": Threatlens did not recognise it, so no rule checks it.`, stepId: 'scope' });
  }
  for (const s of steps) {
    if (s.type !== 'component') continue;
    const c = components.get(s.componentKey);
    const name = c?.label || c?.id || s.componentKey;
    const open = s.findings.filter((f) => f.status === 'open');
    for (const f of open) {
      const expired = f.decisions.find((d) => d.type === 'accepts' && d.expired);
      const threat = f.owasp[0] ? `${f.owasp[0].id} ${f.owasp[0].name}` : f.ruleId;
      if (expired) items.push({ type: 'expired', text: `The acceptance of ${threat} on "${name}" expired${expired.expires ? ` on ${expired.expires}` : ''}: decide again.`, stepId: s.id });
      else items.push({ type: 'finding', text: `Decide on ${threat} for "${name}" (${f.score.toFixed(1)} ${f.severity}).`, stepId: s.id });
    }
    // One item per written decision, even when it covers several findings of the step.
    const asked = new Set<string>();
    for (const f of s.findings) {
      for (const d of f.decisions) {
        if (!d.incomplete || asked.has(`${d.type}\u0000${d.threat}`)) continue;
        asked.add(`${d.type}\u0000${d.threat}`);
        const what = d.type === 'mitigates' ? `the control for the mitigation of ${d.threat}` : `the reason for ${d.type === 'accepts' ? 'accepting' : 'ruling out'} ${d.threat}`;
        items.push({ type: 'placeholder-reason', text: `Write ${what} on "${name}".`, stepId: s.id });
      }
    }
    if (open.length === 0 && !done.has(s.id)) items.push({ type: 'step', text: `Review "${name}" and mark its step done.`, stepId: s.id });
  }
  return items;
}
