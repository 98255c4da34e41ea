/**
 * The plan's garak probes as a garak run configuration (`garak --config <file>`). The selection
 * uses `run.spec.include`, the form garak documents in docs/source/configurable.rst at the
 * reference commit (the older `plugins.probe_spec` is deprecated there). Selectors carry garak's
 * mandatory category prefix: `probes.<module>` (the module's active probes) or
 * `probes.<module>.<Class>`. A class whose module is already included is not repeated.
 */
import { Document } from 'yaml';
import { printable } from '../report/escape';
import type { VerificationPlan } from './plan';

export function garakSelectors(names: readonly string[]): string[] {
  const modules = new Set(names.filter((n) => !n.includes('.')));
  return [...new Set(names)]
    .filter((n) => !n.includes('.') || !modules.has(n.slice(0, n.indexOf('.'))))
    .sort()
    .map((n) => `probes.${n}`);
}

/** YAML for `garak --config`; undefined when the plan has no garak probe (an empty spec would run every probe). */
export function toGarakConfig(plan: VerificationPlan): string | undefined {
  if (!plan.garak.length) return undefined;
  const doc = new Document({ run: { spec: { include: garakSelectors(plan.garak) } } });
  const findings = plan.components.flatMap((c) => c.items.map((i) => printable(`${i.ruleId} on ${c.componentId} (${i.status})`)));
  doc.commentBefore = [
    ` garak run configuration written by threatlens verify from ${printable(plan.paths.join(', '))}`,
    ` It selects the probes that exercise the controls of these findings:`,
    ...findings.map((f) => `   ${f}`),
    ' Run: garak --config <this file> --target_type <type> --target_name <model>',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
