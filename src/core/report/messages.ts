/** Short finding messages shared by the Problems panel, the CLI and the reports. */
import type { Finding } from '../analysis/finding';
import { printable } from './escape';
import type { CatalogLookup } from './types';

const STATUS_NOTE: Record<Finding['status'], string> = {
  open: '',
  planned: ' (mitigation planned)',
  mitigated: ' (mitigated)',
  accepted: ' (risk accepted)',
  'not-applicable': ' (not applicable)',
};

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
  const [first = [f.ruleId]] = groupsOf(f);
  const id = first[0];
  const name = lookup?.owasp(id)?.name;
  return name ? `${id} ${name}` : id;
}

/** The other risks a finding is filed under, one id each, in the headline edition: `ASI02:2026`. */
export function alsoIds(f: Finding): string[] {
  return groupsOf(f).slice(1).map((g) => g[0]);
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
  return printable(`${primaryRef(f, lookup)}: ${f.title} on "${f.componentId}"${more} [${f.score.toFixed(1)} ${f.severity}${lenses}]${STATUS_NOTE[f.status]}`);
}
