/**
 * The release recommendation of the executive briefing: residual risk after the decisions in the
 * file, and go / no-go from a written policy, with the requirements that would turn a no-go into a
 * go. Pure: the walkthrough's data in, figures and sentences out.
 */
import type { FindingStatus, Severity } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import type { FindingView, Walkthrough } from '../walkthrough/types';

/** What blocks a release. Defaults: open critical or high findings, expired acceptances, unrecognised components, placeholder decisions. */
export interface ReleasePolicy {
  /** An open finding at or above this severity blocks; `none` lets open findings through. */
  blockOn: Severity | 'none';
  expiredAcceptance: boolean;
  unrecognised: boolean;
  incompleteDecision: boolean;
}

export const DEFAULT_RELEASE_POLICY: Readonly<ReleasePolicy> = { blockOn: 'high', expiredAcceptance: true, unrecognised: true, incompleteDecision: true };

/**
 * How much of a finding's score is still carried after its decision. An accepted risk is still
 * fully there (someone owns it, nobody reduced it); a planned control is not in place yet, so it
 * counts nearly in full; an implemented control leaves a quarter (controls fail, and the diagram
 * cannot show how well this one works); a threat ruled out leaves nothing.
 */
export const RESIDUAL_WEIGHT: Readonly<Record<FindingStatus, number>> = { open: 1, accepted: 1, planned: 0.75, mitigated: 0.25, 'not-applicable': 0 };

export interface ResidualRisk {
  /** Sum of the findings' scores (0-10 each) before any decision. */
  inherent: number;
  /** The same sum weighted by RESIDUAL_WEIGHT of each finding's status. */
  residual: number;
  /** residual / inherent, 0-100, rounded; 0 when nothing was found. */
  percent: number;
  /** Per status: how many findings and how many residual points. */
  byStatus: Record<FindingStatus, { count: number; points: number }>;
}

export interface Blocker {
  type: 'open' | 'expired' | 'unrecognised' | 'incomplete';
  /** What blocks, for the reader. */
  reason: string;
  /** What would lift it. */
  requirement: string;
}

export interface ReleaseRecommendation {
  go: boolean;
  residual: ResidualRisk;
  blockers: Blocker[];
  policy: ReleasePolicy;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function allFindings(w: Walkthrough): FindingView[] {
  const out: FindingView[] = [];
  for (const s of w.steps) if (s.type === 'component') for (const f of s.findings) out.push(f);
  return out;
}

export function residualRisk(findings: readonly Pick<FindingView, 'score' | 'status'>[]): ResidualRisk {
  const byStatus = { open: { count: 0, points: 0 }, planned: { count: 0, points: 0 }, mitigated: { count: 0, points: 0 }, accepted: { count: 0, points: 0 }, 'not-applicable': { count: 0, points: 0 } };
  let inherent = 0;
  let residual = 0;
  for (const f of findings) {
    const left = f.score * RESIDUAL_WEIGHT[f.status];
    inherent += f.score;
    residual += left;
    byStatus[f.status].count++;
    byStatus[f.status].points += left;
  }
  for (const v of Object.values(byStatus)) v.points = round1(v.points);
  return { inherent: round1(inherent), residual: round1(residual), percent: inherent ? Math.round((100 * residual) / inherent) : 0, byStatus };
}

export function releaseRecommendation(w: Walkthrough, policy: ReleasePolicy = DEFAULT_RELEASE_POLICY): ReleaseRecommendation {
  const findings = allFindings(w);
  const name = (f: FindingView) => {
    const c = w.components.find((x) => x.key === f.componentKey);
    return c ? c.label || c.id : f.componentId;
  };
  const threat = (f: FindingView) => `${f.ruleId} ${f.title}`;
  const control = (f: FindingView) => w.plan.find((r) => r.findingKey === f.key && r.controlSource === 'suggested')?.control;
  const blockers: Blocker[] = [];
  for (const f of [...findings].sort((a, b) => b.score - a.score)) {
    const expired = f.decisions.find((d) => d.type === 'accepts' && d.expired);
    if (f.status === 'open' && expired && policy.expiredAcceptance) {
      blockers.push({
        type: 'expired',
        reason: `The acceptance of ${threat(f)} on "${name(f)}" expired${expired.expires ? ` on ${expired.expires}` : ''}.`,
        requirement: `Review ${threat(f)} on "${name(f)}" again: renew the acceptance with a new review date, or mitigate it.`,
      });
      continue;
    }
    // The analysis marks a placeholder reason incomplete (decisionState.ts); a mitigation without a control stays an open finding.
    const placeholder = f.decisions.find((d) => d.incomplete && d.type !== 'mitigates');
    if (placeholder && policy.incompleteDecision) {
      blockers.push({
        type: 'incomplete',
        reason: `The decision on ${threat(f)} for "${name(f)}" has no real reason yet.`,
        requirement: `Write why ${threat(f)} is ${placeholder.type === 'accepts' ? 'acceptable' : 'not applicable'} for "${name(f)}", or mitigate it.`,
      });
      continue;
    }
    if (f.status === 'open' && policy.blockOn !== 'none' && SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[policy.blockOn]) {
      const c = control(f);
      blockers.push({
        type: 'open',
        reason: `${threat(f)} on "${name(f)}" is ${f.severity} (${f.score.toFixed(1)}) and has no decision.`,
        requirement: `Mitigate ${threat(f)} on "${name(f)}"${c ? ` (suggested: ${c})` : ''}, or have its owner accept it with a reason and a review date.`,
      });
    }
  }
  if (policy.unrecognised) {
    for (const c of w.components) {
      if (!c.unrecognised) continue;
      blockers.push({
        type: 'unrecognised',
        reason: `"${c.label || c.id}" was not recognised, so no threat was checked for it.`,
        requirement: `Declare what "${c.label || c.id}" is (its kind), then review the threats that follow.`,
      });
    }
  }
  return { go: blockers.length === 0, residual: residualRisk(findings), blockers, policy };
}

/** What `--allow` (CLI) and `threatlens.briefing.allow` (editor) may let through, and the policy field each switches off. */
export const ALLOWABLE = { expired: 'expiredAcceptance', incomplete: 'incompleteDecision', unrecognised: 'unrecognised' } as const;

/** The policy from a `blockOn` severity and the names in `allow`, each already checked by its caller. */
export function releasePolicyOf(blockOn: ReleasePolicy['blockOn'], allow: Iterable<keyof typeof ALLOWABLE>): ReleasePolicy {
  const policy: ReleasePolicy = { ...DEFAULT_RELEASE_POLICY, blockOn };
  for (const k of allow) policy[ALLOWABLE[k]] = false;
  return policy;
}

/** The policy in one sentence, for the briefing. */
export function describePolicy(p: ReleasePolicy): string {
  const parts = [
    p.blockOn === 'none' ? undefined : `a ${p.blockOn === 'critical' ? 'critical' : `${p.blockOn} or worse`} finding is open`,
    p.expiredAcceptance ? 'an acceptance has expired' : undefined,
    p.incompleteDecision ? 'a decision has only a placeholder reason' : undefined,
    p.unrecognised ? 'a component was not recognised' : undefined,
  ].filter((x): x is string => x !== undefined);
  return parts.length ? `No-go while ${parts.join(', ')}.` : 'This policy blocks nothing: every release is a go.';
}
