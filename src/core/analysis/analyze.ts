/**
 * Runs the rules over a model and attaches the file's decisions (mitigations, acceptances,
 * not-applicable) to the findings they address. Deterministic: the output order depends only on
 * the input, never on hash or timing order.
 */
import type { Annotation, Problem, SystemModel } from '../model';
import type { Rule } from '../rules/schema';
import type { DecisionRef, Finding, FindingStatus } from './finding';
import { decisionNoun, decisionStatus, isPlaceholder } from './decisionState';
import { ModelGraph } from './graph';
import { matchRule } from './match';
import { contextualize, score, severityOf } from './score';
import { fingerprint } from './fingerprint';
import { nearMatches } from '../nearMatches';

export interface ThreatCatalogView {
  rules: readonly Rule[];
  mitigation(id: string): { id: string; name: string; stub: string } | undefined;
  /**
   * Every canonical id a written reference stands for (`LLM01` → `LLM01:2025` in the default
   * edition; a 2023 name through the crosswalk), or undefined when the reference is unknown.
   */
  resolveThreat(ref: string): string[] | undefined;
  /** All ids an annotation may name, for near-match suggestions. */
  threatIds(): readonly string[];
}

export interface AnalyzeOptions {
  /** ISO date used to decide whether an acceptance has expired; defaults to today (UTC). */
  today?: string;
}

export interface ModelAnalysis {
  findings: Finding[];
  problems: Problem[];
}

export function analyzeModel(model: SystemModel, catalog: ThreatCatalogView, options: AnalyzeOptions = {}): ModelAnalysis {
  const g = new ModelGraph(model);
  const findings: Finding[] = [];
  /** Findings by anchor node number, for the decisions. */
  const byNode: (Finding[] | undefined)[] = new Array<Finding[] | undefined>(g.nodes.length);
  for (const rule of catalog.rules) {
    for (const m of matchRule(g, rule)) {
      const f = makeFinding(rule, m.anchor, m.path, g, catalog);
      findings.push(f);
      const list = byNode[m.anchorNo];
      if (list) list.push(f);
      else byNode[m.anchorNo] = [f];
    }
  }
  const problems = applyDecisions(model, g, byNode, catalog, options.today ?? new Date().toISOString().slice(0, 10));
  return { findings: sortFindings(findings), problems };
}

/**
 * `findings.sort(compareFindings)`, with the score, position and rule order of each finding
 * read once into arrays: a large model has tens of thousands of findings, and the comparator
 * would otherwise fetch each object on every one of its n log n calls.
 */
function sortFindings(findings: Finding[]): Finding[] {
  const n = findings.length;
  const scores = new Float64Array(n);
  const starts = new Float64Array(n);
  const ruleRank = new Int32Array(n);
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort(cmp);
  const rankOf = new Map(ruleIds.map((id, i) => [id, i] as const));
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    scores[i] = f.score;
    starts[i] = f.span.start;
    ruleRank[i] = rankOf.get(f.ruleId) as number;
  }
  // Same keys as compareFindings; equal rule ranks mean equal rule ids. Array sort is stable.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a] || starts[a] - starts[b] || ruleRank[a] - ruleRank[b] || cmp(findings[a].componentId, findings[b].componentId));
  return order.map((i) => findings[i]);
}

function makeFinding(rule: Rule, anchor: ModelGraph['model']['components'][number], path: readonly number[], g: ModelGraph, catalog: ThreatCatalogView): Finding {
  const { likelihood, impact } = contextualize(rule.likelihood, rule.impact, anchor);
  const s = score(likelihood, impact);
  return {
    ruleId: rule.id,
    componentId: anchor.id,
    title: rule.title,
    owasp: [...rule.owasp],
    atlas: [...rule.atlas],
    stride: [...rule.stride],
    lenses: [...rule.lenses],
    likelihood,
    impact,
    score: s,
    severity: severityOf(s),
    status: 'open',
    span: anchor.span,
    evidence: path.map((x) => ({ componentId: g.nodes[x].id, span: g.nodes[x].span })),
    mitigations: rule.mitigations.map((id) => catalog.mitigation(id)).filter((m): m is NonNullable<typeof m> => m !== undefined),
    decisions: [],
    fingerprint: fingerprint(rule.id, anchor.id),
    plain: rule.plain,
    security: rule.security,
    ...(rule.business ? { business: rule.business } : {}),
  };
}

/** Status precedence when several decisions address one finding: the strongest assurance wins. */
const STATUS_RANK: Record<FindingStatus, number> = { open: 0, planned: 1, 'not-applicable': 2, accepted: 3, mitigated: 4 };

function applyDecisions(model: SystemModel, g: ModelGraph, byNode: readonly (Finding[] | undefined)[], catalog: ThreatCatalogView, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const a of model.annotations) {
    const node = g.index.get(a.target);
    if (node === undefined) {
      problems.push({ code: 'annotation/unknown-node', severity: 'error', span: a.targetSpan, message: `Unknown component "${a.target}" in @${a.type}.`, suggestions: nearMatches(a.target, [...g.byId.keys()]) });
      continue;
    }
    if (a.type === 'component') continue;
    const resolved = catalog.resolveThreat(a.threat);
    if (!resolved) {
      problems.push({ code: 'annotation/unknown-threat', severity: 'error', span: a.threatSpan, message: `Unknown threat "${a.threat}". Use an OWASP id with its edition (LLM01:2025), an ATLAS technique (AML.T0051) or a rule id.`, suggestions: nearMatches(a.threat, catalog.threatIds()) });
      continue;
    }
    const targets = (byNode[node] ?? []).filter((f) => resolved.some((r) => r === f.ruleId || f.owasp.includes(r) || f.atlas.includes(r)));
    if (targets.length === 0) {
      problems.push({ code: 'annotation/unused', severity: 'info', span: a.threatSpan, message: `No current finding on "${a.target}" matches ${a.threat}; this decision has no effect.` });
      continue;
    }
    const decision = toDecision(a, today, [...new Set(targets.map((f) => f.ruleId))].sort(cmp));
    if (decision.incomplete) {
      const missing = a.type === 'mitigates' ? 'names no control yet' : 'has no reason yet';
      problems.push({ code: 'annotation/incomplete', severity: 'warning', span: a.span, message: `The ${decisionNoun(decision)} of ${a.threat} on "${a.target}" ${missing}, so it is not a decision: ${decision.covers.join(', ')} stay${decision.covers.length === 1 ? 's' : ''} open until it is written.` });
    } else if (a.type === 'accepts' && decision.expired) {
      problems.push({ code: 'annotation/expired', severity: 'warning', span: a.span, message: `The acceptance of ${a.threat} on "${a.target}" expired on ${a.expires}; the finding is open again.` });
    }
    const status = decisionStatus(decision);
    for (const f of targets) {
      f.decisions.push(decision);
      if (STATUS_RANK[status] > STATUS_RANK[f.status]) f.status = status;
    }
  }
  return problems;
}

function toDecision(a: Exclude<Annotation, { type: 'component' }>, today: string, covers: string[]): DecisionRef {
  const base = { type: a.type, threat: a.threat, covers, span: a.span };
  const text = a.type === 'mitigates' ? a.control : a.reason;
  const d: DecisionRef = { ...base, text, ...(isPlaceholder(text) ? { incomplete: true } : {}) };
  if (a.type === 'mitigates') d.status = a.status;
  if (a.type !== 'accepts') return d;
  if (a.owner) d.owner = a.owner;
  if (a.expires) {
    d.expires = a.expires;
    d.expired = a.expires < today;
  }
  return d;
}

export function compareFindings(a: Finding, b: Finding): number {
  return b.score - a.score || a.span.start - b.span.start || cmp(a.ruleId, b.ruleId) || cmp(a.componentId, b.componentId);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
