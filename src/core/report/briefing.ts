/**
 * The executive risk briefing: one page of Markdown for people who decide on budget and risk, not
 * on controls. Posture first, then the top risks in business terms, the decisions taken, what is
 * accepted and why, and what is still open. Built from the walkthrough's data; every string that
 * comes from the model file (labels, ids, reasons, controls) is escaped, so a label cannot inject
 * links, HTML or Markdown structure into the briefing.
 */
import type { FindingView, Walkthrough } from '../walkthrough/types';
import type { StrideLetter } from '../rules/schema';
import { businessImpact } from './businessImpact';
import { escapeProse, printablePath } from './escape';
import { DEFAULT_RELEASE_POLICY, describePolicy, RESIDUAL_WEIGHT, releaseRecommendation, type ReleasePolicy } from './goNoGo';

/** Re-exported: the briefing was its first user. */
export { escapeProse };

export interface BriefingOptions {
  /** The file the model is in, as the reader knows it (workspace-relative). */
  path: string;
  /** ISO date printed in the header. */
  date: string;
  /** How many risks "Top risks" lists (default 5). */
  topRisks?: number;
  /**
   * Whether workshop steps were tracked (the walkthrough panel does; the CLI has no workshop, so
   * "0 steps done" would read as a review nobody did). Default true.
   */
  workshop?: boolean;
  /** What blocks a release (default: DEFAULT_RELEASE_POLICY). */
  policy?: ReleasePolicy;
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  open: 'open', planned: 'mitigation planned', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable',
};

function posture(w: Walkthrough): { rating: string; line: string } {
  const open = w.plan.filter((r) => r.status === 'open');
  const has = (s: string) => open.some((r) => r.severity === s);
  if (has('critical')) return { rating: 'Critical exposure', line: 'At least one critical risk has no decision yet; it should be addressed before this system goes (or stays) live.' };
  if (has('high')) return { rating: 'High exposure', line: 'High risks are still open; plan their mitigations before the next release.' };
  if (has('medium')) return { rating: 'Moderate exposure', line: 'No critical or high risk is open; medium risks remain to be decided.' };
  if (open.length) return { rating: 'Low exposure', line: 'Only low risks are still open.' };
  const unknown = w.components.filter((c) => c.unrecognised).length;
  // Silence about components nobody could place is not safety: say that coverage is incomplete.
  if (w.progress.findingsTotal === 0 && unknown > 0) {
    return { rating: 'Coverage incomplete', line: `No threat was found among the recognised components, but ${unknown} component${unknown === 1 ? ' was' : 's were'} not recognised and so not checked; declare their kinds.` };
  }
  if (w.progress.findingsTotal === 0) return { rating: 'No risks identified', line: 'Threatlens found no threats in this model; check that every component and flow is drawn.' };
  return { rating: 'Managed', line: 'Every identified risk has a decision: mitigated, planned, accepted or ruled out.' };
}

function counts(w: Walkthrough): string {
  const all = [...w.plan.map((r) => r.status), ...w.accepted.map((f) => f.status)];
  const n = (s: string) => all.filter((x) => x === s).length;
  const open = w.plan.filter((r) => r.status === 'open');
  const bySeverity = ['critical', 'high', 'medium', 'low'].map((s) => [s, open.filter((r) => r.severity === s).length] as const).filter(([, c]) => c > 0).map(([s, c]) => `${c} ${s}`);
  const parts = [
    `${n('open')} still need a decision${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''}`,
    `${n('planned')} have a mitigation planned`,
    `${n('mitigated')} are mitigated`,
    `${n('accepted')} are accepted`,
    `${n('not-applicable')} were ruled out`,
  ];
  const diagrams = new Set(w.components.map((c) => c.modelIndex)).size;
  const unknown = w.components.filter((c) => c.unrecognised);
  const coverage = unknown.length ? ` ${unknown.length} component${unknown.length === 1 ? '' : 's'} not recognised (${unknown.slice(0, 5).map((c) => escapeProse(c.label || c.id)).join(', ')}${unknown.length > 5 ? ', …' : ''}): coverage incomplete.` : '';
  return `${w.components.length} component${w.components.length === 1 ? '' : 's'} in ${diagrams} diagram${diagrams === 1 ? '' : 's'}; ${all.length} threat${all.length === 1 ? '' : 's'} identified: ${parts.join(', ')}.${coverage}`;
}

/** `Business impact (data loss, fraud): "Support bot" could …` for one risk on its component. */
function impactLine(w: Walkthrough, f: FindingView | undefined, componentKey: string): string {
  const c = w.components.find((x) => x.key === componentKey);
  const { harms, text } = businessImpact({ business: f?.business, stride: f?.stride.map((s) => s.id as StrideLetter) ?? [], component: c ? c.label || c.id : componentKey, data: c?.properties.data });
  return `Business impact${harms ? ` (${escapeProse(harms)})` : ''}: ${escapeProse(text)}`;
}

function componentName(w: Walkthrough, key: string): string {
  const c = w.components.find((x) => x.key === key);
  return escapeProse(c ? c.label || c.id : key);
}

function findingsByKey(w: Walkthrough): Map<string, FindingView> {
  const map = new Map<string, FindingView>();
  for (const s of w.steps) if (s.type === 'component') for (const f of s.findings) map.set(f.key, f);
  return map;
}

function more(total: number, shown: number): string[] {
  return total > shown ? [`- … and ${total - shown} more (see the full report).`] : [];
}

const pct = (w: number) => `${Math.round(w * 100)}%`;

/** Go / no-go, the residual risk with its method, and what would turn a no-go into a go. */
function recommendation(w: Walkthrough, policy: ReleasePolicy): string[] {
  const r = releaseRecommendation(w, policy);
  const b = r.residual.byStatus;
  const out = [
    '## Recommendation',
    '',
    r.go ? `**Go.** Nothing the release policy blocks on is open. ${escapeProse(describePolicy(policy))}` : `**No-go.** ${r.blockers.length} item${r.blockers.length === 1 ? '' : 's'} must be settled first. ${escapeProse(describePolicy(policy))}`,
    '',
    r.residual.inherent === 0
      ? 'Residual risk: none identified (no threat was found in this model).'
      : `Residual risk: **${r.residual.percent}%** of the identified risk remains after the decisions (${r.residual.residual} of ${r.residual.inherent} points: open ${b.open.points}, accepted ${b.accepted.points}, planned ${b.planned.points}, mitigated ${b.mitigated.points}).`,
    `Method: each threat counts its score (0-10); open and accepted threats count in full, a planned mitigation ${pct(RESIDUAL_WEIGHT.planned)}, an implemented one ${pct(RESIDUAL_WEIGHT.mitigated)}, a threat ruled out 0.`,
    '',
  ];
  if (!r.go) {
    out.push('### What turns this into a go', '');
    for (const x of r.blockers.slice(0, 10)) out.push(`- ${escapeProse(x.requirement)}`);
    out.push(...more(r.blockers.length, 10), '');
  }
  return out;
}

export function toBriefing(w: Walkthrough, options: BriefingOptions): string {
  const findings = findingsByKey(w);
  const system = w.system ?? options.path;
  const { rating, line } = posture(w);
  const out: string[] = [
    `# Executive risk briefing: ${escapeProse(system)}`,
    '',
    `${escapeProse(printablePath(options.path))} · ${escapeProse(options.date)} · STRIDE-for-AI review with Threatlens`,
    '',
    '## Posture',
    '',
    `**${rating}.** ${line}`,
    '',
    counts(w),
    options.workshop === false
      ? `Decisions: ${w.progress.findingsDecided} of ${w.progress.findingsTotal} threats decided in the file.`
      : `Review progress: ${w.progress.stepsDone} of ${w.progress.stepsTotal} steps done, ${w.progress.findingsDecided} of ${w.progress.findingsTotal} threats decided.`,
    '',
  ];

  out.push(...recommendation(w, options.policy ?? DEFAULT_RELEASE_POLICY));

  const top = options.topRisks ?? 5;
  const open = w.plan.filter((r) => r.status === 'open');
  out.push('## Top risks', '');
  if (open.length === 0) out.push('No risk is waiting for a decision.', '');
  else {
    open.slice(0, top).forEach((r, i) => {
      const f = findings.get(r.findingKey);
      const threat = `${escapeProse(r.threat.id)}${r.threat.name ? ` ${escapeProse(r.threat.name)}` : ''}`;
      out.push(`${i + 1}. **${escapeProse(r.title)}** in ${componentName(w, r.componentKey)}: ${r.severity} (${r.score.toFixed(1)} of 10), ${threat}.`);
      out.push(`   ${impactLine(w, f, r.componentKey)}`);
      if (f?.plain) out.push(`   What could happen: ${escapeProse(f.plain)}`);
      // The lenses (hallucination, non-determinism, third party) say what kind of risk this is beyond STRIDE.
      if (f?.lenses.length) out.push(`   ${f.lenses.length === 1 ? 'Lens' : 'Lenses'}: ${f.lenses.map((l) => escapeProse(l.name || l.id)).join('; ')}.`);
      if (r.control) out.push(`   Recommended: ${escapeProse(r.control)}.`);
    });
    if (open.length > top) out.push('', `${open.length - top} more open risk${open.length - top === 1 ? '' : 's'} in the full report.`);
    out.push('');
  }

  // One line per decision: a control written once can decide several findings of the same component.
  const seen = new Set<string>();
  const decided = w.plan.filter((r) => {
    const key = `${r.componentKey}\u0000${r.threat.id}\u0000${r.control}`;
    if (r.controlSource !== 'decided' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  out.push('## Decisions taken', '');
  if (decided.length === 0) out.push('No mitigation has been decided yet.', '');
  else {
    for (const r of decided.slice(0, 10)) {
      out.push(`- ${escapeProse(r.threat.id)} in ${componentName(w, r.componentKey)}: ${escapeProse(r.control)} (${STATUS_TEXT[r.status] ?? r.status}).`);
    }
    out.push(...more(decided.length, 10), '');
  }

  out.push('## Accepted risks and why', '');
  const accepted = w.accepted;
  if (accepted.length === 0) out.push('No risk has been accepted or ruled out.', '');
  else {
    out.push('| Risk | Component | Decision | Why | Owner | Until |', '|---|---|---|---|---|---|');
    for (const f of accepted.slice(0, 10)) {
      const d = f.decisions.find((x) => x.type === 'accepts' || x.type === 'not-applicable');
      const threat = f.owasp[0] ? `${f.owasp[0].id} ${f.owasp[0].name}` : f.ruleId;
      out.push(`| ${escapeProse(threat)}: ${escapeProse(f.title)} (${f.score.toFixed(1)} ${f.severity}) | ${componentName(w, f.componentKey)} | ${f.status === 'accepted' ? 'accepted' : 'not applicable'} | ${escapeProse(d?.text ?? '')} | ${escapeProse(d?.owner ?? '')} | ${escapeProse(d?.expires ?? '')} |`);
    }
    out.push(...more(accepted.length, 10), '');
  }

  out.push('## Still open', '');
  if (w.openItems.length === 0) out.push('Nothing: the walkthrough is complete.', '');
  else {
    // Without a workshop (the CLI), "mark its step done" is a chore nobody can do.
    const items = options.workshop === false ? w.openItems.filter((i) => i.type !== 'step') : w.openItems;
    if (items.length === 0) out.push('Nothing: every threat has a decision.');
    for (const item of items.slice(0, 8)) out.push(`- ${escapeProse(item.text)}`);
    out.push(...more(items.length, 8), '');
  }
  return out.join('\n');
}
