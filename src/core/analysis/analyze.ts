/**
 * Runs the rules over a model and attaches the file's decisions (mitigations, acceptances,
 * not-applicable) to the findings they address. Deterministic: the output order depends only on
 * the input, never on hash or timing order.
 */
import type { Annotation, Problem, SystemModel } from '../model';
import type { Rule } from '../rules/schema';
import type { DecisionRef, EvidenceHop, Finding, FindingStatus } from './finding';
import { decisionNoun, decisionStatus, isPlaceholder } from './decisionState';
import { ModelGraph } from './graph';
import { matchRule } from './match';
import { contextualize, HYGIENE_CEILING, score, severityOf } from './score';
import { scoreContext, sinkWords } from './context';
import { fingerprint } from './fingerprint';
import { NearMatcher } from '../nearMatches';

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
  /** The one-hop evidence of each anchor, shared by its component-rule findings (as the rule lists are). */
  const anchorEvidence: (EvidenceHop[] | undefined)[] = new Array<EvidenceHop[] | undefined>(g.nodes.length);
  for (const rule of catalog.rules) {
    const matches = matchRule(g, rule);
    if (matches.length === 0) continue;
    const lists = ruleLists(rule, catalog);
    const ctx = scoreContext(g);
    for (const m of matches) {
      const f = makeFinding(rule, lists, m.anchor, evidenceOf(m.path, g, anchorEvidence), contextualize(ruleFacts(rule), m.anchor, m.anchorNo, ctx, g.nodes));
      const sink = sinkWords(g, m.anchorNo, ctx);
      if (sink) f.sink = sink;
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

/** The lists a rule's findings carry, the same for all of them. */
type RuleLists = Pick<Finding, 'owasp' | 'atlas' | 'stride' | 'lenses' | 'mitigations'>;

/**
 * Copied from the rule once per model and shared by the rule's findings (nothing writes to a
 * finding's lists): a 2 MB file can have 150,000 findings, and copies per finding were a large
 * part of its time in the garbage collector.
 */
function ruleLists(rule: Rule, catalog: ThreatCatalogView): RuleLists {
  return {
    owasp: [...rule.owasp],
    atlas: [...rule.atlas],
    stride: [...rule.stride],
    lenses: [...rule.lenses],
    mitigations: rule.mitigations.map((id) => catalog.mitigation(id)).filter((m): m is NonNullable<typeof m> => m !== undefined),
  };
}

/** The components along `path`; a path of the anchor alone (every component rule) is built once per anchor. */
function evidenceOf(path: readonly number[], g: ModelGraph, anchorEvidence: (EvidenceHop[] | undefined)[]): EvidenceHop[] {
  const hops = (): EvidenceHop[] => path.map((x) => ({ componentId: g.nodes[x].id, span: g.nodes[x].span }));
  return path.length === 1 ? (anchorEvidence[path[0]] ??= hops()) : hops();
}

/** What the score reads from a rule (its path phase included), built once per rule object. */
const factsCache = new WeakMap<Rule, Parameters<typeof contextualize>[0]>();
function ruleFacts(rule: Rule): Parameters<typeof contextualize>[0] {
  let facts = factsCache.get(rule);
  if (!facts) {
    facts = { likelihood: rule.likelihood, impact: rule.impact, stride: rule.stride, hygiene: rule.hygiene, ...('path' in rule.match ? { phase: rule.match.path.phase } : {}) };
    factsCache.set(rule, facts);
  }
  return facts;
}

function makeFinding(rule: Rule, lists: RuleLists, anchor: ModelGraph['model']['components'][number], evidence: EvidenceHop[], context: ReturnType<typeof contextualize>): Finding {
  const { likelihood, impact, factors } = context;
  const raw = score(likelihood, impact);
  const s = rule.hygiene ? Math.min(raw, HYGIENE_CEILING) : raw;
  if (rule.hygiene && raw > s) factors.push(`capped at ${HYGIENE_CEILING}: a hygiene gap, not a way in`);
  return {
    ruleId: rule.id,
    componentId: anchor.id,
    title: rule.title,
    owasp: lists.owasp,
    atlas: lists.atlas,
    stride: lists.stride,
    lenses: lists.lenses,
    likelihood,
    impact,
    score: s,
    ...(factors.length ? { scoreFactors: factors } : {}),
    severity: severityOf(s),
    status: 'open',
    span: anchor.span,
    evidence,
    mitigations: lists.mitigations,
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
  // Built on the first unknown id: most files have none.
  let nodeNames: NearMatcher | undefined;
  let threatNames: NearMatcher | undefined;
  for (const a of model.annotations) {
    const node = g.index.get(a.target);
    if (node === undefined) {
      problems.push({ code: 'annotation/unknown-node', severity: 'error', span: a.targetSpan, message: `Unknown component "${a.target}" in @${a.type}.`, suggestions: (nodeNames ??= new NearMatcher([...g.byId.keys()])).find(a.target) });
      continue;
    }
    if (a.type === 'component') continue;
    const resolved = catalog.resolveThreat(a.threat);
    if (!resolved) {
      problems.push({ code: 'annotation/unknown-threat', severity: 'error', span: a.threatSpan, message: `Unknown threat "${a.threat}". Use an OWASP id with its edition (LLM01:2025), an ATLAS technique (AML.T0051) or a rule id.`, suggestions: (threatNames ??= new NearMatcher(catalog.threatIds())).find(a.threat) });
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
