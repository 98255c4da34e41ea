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
export function statusDetail(f: Finding, headline = false): string {
  if (f.status === 'open') {
    const d = f.decisions.find((x) => x.incomplete);
    return d ? `${decisionNoun(d)} incomplete` : '';
  }
  const d = f.decisions.find((x) => decisionStatus(x) === f.status);
  if (!d || !decisionScope(d, f.ruleId)) return '';
  if (!headline) return `by ${d.threat}, which covers ${d.covers.join(', ')}`;
  // A headline names one edition, and the decision's id may be of the other: say only what else it closes.
  const others = d.covers.filter((r) => r !== f.ruleId);
  return others.length ? `by a decision that also covers ${others.join(', ')}` : '';
}

/**
 * ` (acceptance incomplete)`, ` (risk accepted by LLM10:2025, which covers TL036, TL040)`, ` (mitigated)`;
 * in a headline ` (risk accepted by a decision that also covers TL040)`.
 */
export function statusNote(f: Finding, headline = false): string {
  const detail = statusDetail(f, headline);
  if (!detail) return STATUS_NOTE[f.status];
  return f.status === 'open' ? ` (${detail})` : `${STATUS_NOTE[f.status].slice(0, -1)} ${detail})`;
}

/** The finding's ids by risk (`owaspGroups`), or one group per id for findings made without them. */
export function groupsOf(f: Finding): string[][] {
  return f.owaspGroups ?? f.owasp.map((id) => [id]);
}

/**
 * The headline reference, in the headline edition only: `LLM03:2026 Excessive Agency`. The same
 * risk's id in the other enabled editions is for the hover and the reports' reference lines; two
 * editions in one line made every headline read like a crosswalk table.
 */
export function primaryRef(f: Finding, lookup?: CatalogLookup): string {
  const [first] = groupsOf(f);
  if (!first) return nonOwaspRef(f, lookup);
  const id = first[0];
  const name = lookup?.owasp(id)?.name;
  return name ? `${id} ${name}` : id;
}

/**
 * A threat outside the OWASP LLM and agentic lists (a classifier's evasion, an unauthenticated
 * database) is headed by what it is filed under instead: its first ATLAS technique, else its
 * first STRIDE category, never a made-up OWASP id.
 */
function nonOwaspRef(f: Finding, lookup?: CatalogLookup): string {
  const atlas = f.atlas[0];
  if (atlas) {
    const name = lookup?.atlas(atlas)?.name;
    return name ? `${atlas} ${name}` : atlas;
  }
  const letter = f.stride[0];
  const name = letter ? lookup?.stride(letter)?.name : undefined;
  return name ? `STRIDE ${name}` : f.ruleId;
}

/** The other risks a finding is filed under, one id each, in the headline edition: `ASI02:2026`. */
export function alsoIds(f: Finding): string[] {
  return groupsOf(f).slice(1).map((g) => g[0]);
}

/** The rule with its headline threat, as quick fixes name a finding: `TL014 (LLM03:2026 Excessive Agency)`. */
export function ruleRef(f: Finding, lookup?: CatalogLookup): string {
  const id = f.owasp[0];
  if (!id) return f.ruleId;
  const name = lookup?.owasp(id)?.name;
  return `${f.ruleId} (${name ? `${id} ${name}` : id})`;
}

/**
 * `LLM01:2026 Prompt Injection: untrusted text reaches the model on "llm" (also ASI01:2026) [8.0 high; lens hallucination]`
 *
 * Always one line, whatever the title or component id hold: the CLI prints it as
 * `file:line:col severity rule message`, where a line break would forge another line.
 */
export function findingMessage(f: Finding, lookup?: CatalogLookup): string {
  const rest = alsoIds(f);
  const more = rest.length ? ` (also ${rest.join(', ')})` : '';
  const lenses = f.lenses.length ? `; ${f.lenses.length === 1 ? 'lens' : 'lenses'} ${f.lenses.join(', ')}` : '';
  return printable(`${primaryRef(f, lookup)}: ${f.title} on "${f.componentId}"${f.sink ? `, which ${f.sink}` : ''}${more} [${f.score.toFixed(1)} ${f.severity}${lenses}]${statusNote(f, true)}`);
}
