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

/** The headline reference with the other editions' ids beside it: `LLM03:2026 Excessive Agency (LLM06:2025)`. */
export function primaryRef(f: Finding, lookup?: CatalogLookup): string {
  const [first = [f.ruleId]] = groupsOf(f);
  const id = first[0];
  const name = lookup?.owasp(id)?.name;
  const others = first.length > 1 ? ` (${first.slice(1).join(', ')})` : '';
  return `${name ? `${id} ${name}` : id}${others}`;
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
  return printable(`${primaryRef(f, lookup)}: ${f.title} on "${f.componentId}"${more} [${f.score.toFixed(1)} ${f.severity}]${STATUS_NOTE[f.status]}`);
}
