/** Short finding messages shared by the Problems panel, the CLI and the reports. */
import { decisionNoun, decisionStatus } from '../analysis/decisionState';
import type { DecisionRef, Finding } from '../analysis/finding';
import { printable } from './escape';
import type { CatalogLookup } from './types';

const STATUS_NOTE: Record<Finding['status'], string> = {
  open: '',
  planned: ' (mitigation planned)',
  mitigated: ' (mitigated)',
  accepted: ' (risk accepted)',
  'not-applicable': ' (not applicable)',
};

/** What a decision is: `mitigation (planned)`, `accepted`, `accepted, expired`, `acceptance incomplete`. */
export function decisionWhat(d: DecisionRef): string {
  if (d.incomplete) return `${decisionNoun(d)} incomplete`;
  if (d.type === 'mitigates') return `mitigation (${d.status ?? 'planned'})`;
  if (d.type === 'accepts') return d.expired ? 'accepted, expired' : 'accepted';
  return 'not applicable';
}

/**
 * Which findings a decision covers, when that is more than it says: `LLM10:2025, covers TL036,
 * TL040` for a decision naming an OWASP id; empty for one naming this finding's rule.
 */
export function decisionScope(d: DecisionRef, ruleId: string): string {
  if (d.threat === ruleId && d.covers.length === 1 && d.covers[0] === ruleId) return '';
  return `${d.threat}, covers ${d.covers.join(', ')}`;
}

/**
 * Why the finding has its status, when a decision needs saying: `acceptance incomplete` for an
 * open finding whose decision is a placeholder, `by LLM10:2025, which covers TL036, TL040` for a
 * decided one whose decision names more than its rule; empty otherwise.
 */
export function statusDetail(f: Finding): string {
  if (f.status === 'open') {
    const d = f.decisions.find((x) => x.incomplete);
    return d ? `${decisionNoun(d)} incomplete` : '';
  }
  const d = f.decisions.find((x) => decisionStatus(x) === f.status);
  return d && decisionScope(d, f.ruleId) ? `by ${d.threat}, which covers ${d.covers.join(', ')}` : '';
}

/** ` (acceptance incomplete)`, ` (risk accepted by LLM10:2025, which covers TL036, TL040)`, ` (mitigated)`. */
export function statusNote(f: Finding): string {
  const detail = statusDetail(f);
  if (!detail) return STATUS_NOTE[f.status];
  return f.status === 'open' ? ` (${detail})` : `${STATUS_NOTE[f.status].slice(0, -1)} ${detail})`;
}

/** The finding's ids by risk (`owaspGroups`), or one group per id for findings made without them. */
export function groupsOf(f: Finding): string[][] {
  return f.owaspGroups ?? f.owasp.map((id) => [id]);
}

/** The headline reference with the other editions' ids beside it: `LLM03:2026 Excessive Agency (LLM06:2025)`. */
export function primaryRef(f: Finding, lookup?: CatalogLookup): string {
  const [first = [f.ruleId]] = groupsOf(f);
  const id = first[0];
  const name = lookup?.owasp(id)?.name;
  const others = first.length > 1 ? ` (${first.slice(1).join(', ')})` : '';
  return `${name ? `${id} ${name}` : id}${others}`;
}

/** The rule with its headline threat, as quick fixes name a finding: `TL014 (LLM03:2026 Excessive Agency)`. */
export function ruleRef(f: Finding, lookup?: CatalogLookup): string {
  const id = f.owasp[0];
  if (!id) return f.ruleId;
  const name = lookup?.owasp(id)?.name;
  return `${f.ruleId} (${name ? `${id} ${name}` : id})`;
}

/**
 * `LLM01:2026 Prompt Injection (LLM01:2025): untrusted text reaches the model on "llm" (also ASI01:2026) [8.0 high]`
 *
 * Always one line, whatever the title or component id hold: the CLI prints it as
 * `file:line:col severity rule message`, where a line break would forge another line.
 */
export function findingMessage(f: Finding, lookup?: CatalogLookup): string {
  const rest = groupsOf(f).slice(1).map((g) => g.join('/'));
  const more = rest.length ? ` (also ${rest.join(', ')})` : '';
  return printable(`${primaryRef(f, lookup)}: ${f.title} on "${f.componentId}"${more} [${f.score.toFixed(1)} ${f.severity}]${statusNote(f)}`);
}
