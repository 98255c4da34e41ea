/**
 * What a written decision does to the findings it covers. Shared by the analysis (which sets the
 * status), the reports (which say why a finding is open or decided) and the edits (which must not
 * take a placeholder for somebody's reason).
 */
import type { DecisionRef, FindingStatus } from './finding';

/**
 * Text that only holds a place: blank, or starting with `TODO` as the quick fixes write it. A
 * decision whose reason (or control) is such text was never made, so it must not close a finding.
 */
export function isPlaceholder(text: string | undefined): boolean {
  const t = text?.trim() ?? '';
  return t === '' || /^TODO\b/i.test(t);
}

/** The status one decision gives the findings it covers. */
export function decisionStatus(d: DecisionRef): FindingStatus {
  if (d.incomplete) return 'open';
  if (d.type === 'mitigates') return d.status === 'planned' ? 'planned' : 'mitigated';
  if (d.type === 'not-applicable') return 'not-applicable';
  return d.expired ? 'open' : 'accepted';
}

/** `acceptance`, `mitigation`, `not-applicable note`: what the decision is, in a sentence. */
export function decisionNoun(d: Pick<DecisionRef, 'type'>): string {
  return d.type === 'mitigates' ? 'mitigation' : d.type === 'accepts' ? 'acceptance' : 'not-applicable note';
}
