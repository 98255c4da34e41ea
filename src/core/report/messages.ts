/** Short finding messages shared by the Problems panel, the CLI and the reports. */
import type { Finding } from '../analysis/finding';
import type { CatalogLookup } from './types';

const STATUS_NOTE: Record<Finding['status'], string> = {
  open: '',
  planned: ' (mitigation planned)',
  mitigated: ' (mitigated)',
  accepted: ' (risk accepted)',
  'not-applicable': ' (not applicable)',
};

/** The headline reference: `LLM01:2025 Prompt Injection`. */
export function primaryRef(f: Finding, lookup?: CatalogLookup): string {
  const id = f.owasp[0] ?? f.ruleId;
  const name = lookup?.owasp(id)?.name;
  return name ? `${id} ${name}` : id;
}

/** `LLM01:2025 Prompt Injection: untrusted text reaches the model (llm) [8.0 high]` */
export function findingMessage(f: Finding, lookup?: CatalogLookup): string {
  const more = f.owasp.length > 1 ? ` (also ${f.owasp.slice(1).join(', ')})` : '';
  return `${primaryRef(f, lookup)}: ${f.title} on "${f.componentId}"${more} [${f.score.toFixed(1)} ${f.severity}]${STATUS_NOTE[f.status]}`;
}
