/**
 * The verification plan as Markdown: per component, each finding to verify with the control to
 * test and how (the red-team names to run, or a check in words), then every tool name once, so a
 * team can run the plan. File text (labels, the decision's words) goes through `escapeProse`;
 * ids, paths and tool names are code spans.
 */
import { codeSpan, escapeProse } from '../report/escape';
import type { ControlCheck } from './mapping';
import type { PlanItem, VerificationPlan } from './plan';

function checkLines(c: ControlCheck): string[] {
  const kind = c.garak.length || c.art.length ? 'red-team test' : 'check';
  const out = [`- ${escapeProse(c.name)} (${codeSpan(c.mitigation)}), ${kind}: ${escapeProse(c.test)}`];
  if (c.garak.length) out.push(`  - garak: ${c.garak.map(codeSpan).join(', ')}`);
  if (c.art.length) out.push(`  - ART (classic and vision models): ${c.art.map(codeSpan).join(', ')}`);
  return out;
}

function itemLines(i: PlanItem): string[] {
  const head = `### ${codeSpan(i.ruleId)} ${escapeProse(i.title)}`;
  const status = `${i.severity}, ${i.status}`;
  const lead = i.control
    ? `Verify that the ${i.status === 'planned' ? 'planned ' : ''}control works: “${escapeProse(i.control)}”. ${i.checks.length > 1 ? 'Checks of the controls it may be:' : 'How:'}`
    : 'No control is recorded yet. Once one is in place, verify it with the check of the control chosen:';
  return [head, '', `${status} · line ${i.line}`, '', lead, '', ...i.checks.flatMap(checkLines), ''];
}

export function toVerificationMarkdown(plan: VerificationPlan, title = 'Threatlens verification plan'): string {
  const items = plan.components.flatMap((c) => c.items);
  const count = (s: PlanItem['status']) => items.filter((i) => i.status === s).length;
  const out = [`# ${escapeProse(title)}`, ''];
  out.push(`Files: ${plan.paths.map(codeSpan).join(', ') || 'none'}.`, '');
  if (!items.length) {
    out.push('No open or mitigated finding: nothing to verify. Accepted and not-applicable findings are not part of the plan.', '');
    return out.join('\n');
  }
  out.push(`${items.length} finding${items.length === 1 ? '' : 's'} to verify on ${plan.components.length} component${plan.components.length === 1 ? '' : 's'}: ${count('open')} open, ${count('planned')} planned, ${count('mitigated')} mitigated. Accepted and not-applicable findings have no control to test and are left out.`, '');
  for (const c of plan.components) {
    out.push(`## ${codeSpan(c.componentId)} ${escapeProse(c.label)}`, '', `In ${codeSpan(c.path)}.`, '');
    for (const i of c.items) out.push(...itemLines(i));
  }
  out.push('## Running the red-team tests', '');
  if (plan.garak.length) {
    out.push(`garak, ${plan.garak.length} probe selector${plan.garak.length === 1 ? '' : 's'}: ${plan.garak.map(codeSpan).join(', ')}.`, '');
    const command = `threatlens verify ${plan.paths.length === 1 ? plan.paths[0] : '<files>'} --format garak -o garak-verify.yaml`;
    out.push(`${codeSpan(command)} writes them as a garak run configuration; run it with ${codeSpan('garak --config garak-verify.yaml --target_type <type> --target_name <model>')} against the deployed endpoint, with the controls on.`, '');
  } else out.push('No garak probe applies to these findings.', '');
  if (plan.art.length) out.push(`ART attacks (for classic and vision models): ${plan.art.map(codeSpan).join(', ')}.`, '');
  return out.join('\n');
}
