/**
 * The decision log: one row per decision already recorded in the file, then one empty row per
 * finding still open, for the scribe to fill in. A decision naming an OWASP id can cover several
 * findings of a component; it is one decision, so it is one row.
 */
import type { QuestionCard, DecisionLogRow } from './types';

export function buildDecisionLog(cards: readonly QuestionCard[]): DecisionLogRow[] {
  const recorded: DecisionLogRow[] = [];
  const empty: DecisionLogRow[] = [];
  const seen = new Set<string>();
  for (const c of cards) {
    for (const f of c.findings) {
      const base = { componentKey: c.componentKey, componentLabel: c.label, ruleId: f.ruleId, ...(f.owasp[0] ? { threat: f.owasp[0] } : {}), title: f.title };
      if (f.status === 'open') {
        const expired = f.decisions.find((d) => d.expired);
        const placeholder = f.decisions.find((d) => d.incomplete);
        const note = expired ? `acceptance expired${expired.expires ? ` on ${expired.expires}` : ''}: decide again`
          : placeholder ? 'a placeholder decision is written: finish it' : undefined;
        empty.push({ ...base, recorded: false, status: 'open', ...(note ? { note } : {}) });
        continue;
      }
      for (const d of f.decisions) {
        if (d.incomplete || d.expired) continue;
        const key = [c.componentKey, d.type, d.threat, d.text, d.owner ?? '', d.expires ?? ''].join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        recorded.push({
          ...base, recorded: true, type: d.type, ...(d.threat !== f.ruleId ? { named: d.threat } : {}), text: d.text,
          ...(d.owner ? { owner: d.owner } : {}), ...(d.expires ? { expires: d.expires } : {}),
          ...(d.status ? { decisionStatus: d.status } : {}), status: f.status,
        });
      }
    }
  }
  return [...recorded, ...empty];
}
