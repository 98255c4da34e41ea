/**
 * Attacks that cross components: attacker content enters at an untrusted source and is carried
 * along the flows, through components whose own weakness lets it pass (a poisoned upload indexed,
 * then retrieved, then obeyed by the model), to the component where the goal is reached.
 *
 * Content travels with a flow, and back against it when the flow is a read: a request to
 * something that answers with content (a retrieved chunk, a tool result) returns along it, unless
 * the diagram draws the answer as a flow of its own. A route uses each flow once, in one
 * direction, but may pass a component more than once (an orchestrator sends to the model and
 * later forwards the model's answer), except one whose weakness it used, and the target only
 * when the target is itself untrusted (the widget the attacker types into). Of all such routes,
 * the chains kept pass the most components that carry the attack (then the riskiest, then the
 * shortest); the search is bounded, so a large diagram still answers quickly.
 */
import type { Finding } from '../analysis/finding';
import { BUILD_TIME_SELECTOR, selectorMask, UNTRUSTED_SELECTOR } from '../analysis/select';
import { kindForRules, type Component, type Flow } from '../model';
import { componentFindings } from './select';
import { findingAnd, findingText, type TreeContext } from './component';
import { componentName, goalText } from './goal';
import { branchCuts, controlCondition, type AndNode, type AttackTreeModel, type GoalNode, type TreeNode } from './model';
import { entryText, hopsText, outermostSources } from './routes';
import { techniqueSteps } from './steps';
import type { FileResult } from '../report/types';


/**
 * Risks whose weakness passes attacker content on: injection, poisoning, retrieval, hijacked
 * goals, poisoned memory, forged agent messages. Unchecked output (LLM05) is where content is
 * finally delivered, so it ends a chain as the goal rather than passing content further.
 */
const CARRIES = new Set(['LLM01:2025', 'LLM04:2025', 'LLM08:2025', 'ASI01:2026', 'ASI06:2026', 'ASI07:2026']);
const MAX_FLOWS = 14;
const BUDGET = 40_000;

interface Candidate {
  /** Node numbers visited, from the source to the target. */
  trail: number[];
  /** Positions in `trail` where a carrying component is first passed. */
  stations: number[];
  score: number;
}

const riskFirst = (a: Finding, b: Finding) => Number(b.status === 'open') - Number(a.status === 'open') || b.score - a.score || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** The finding through which a component carries the attack on, if it has one. */
export function carrierFinding(result: FileResult, c: Component): Finding | undefined {
  return componentFindings(result, c).filter((f) => f.status !== 'not-applicable' && f.owasp.some((o) => CARRIES.has(o))).sort(riskFirst)[0];
}

export function chainTree(ctx: TreeContext, result: FileResult, target: Component, goalFinding: Finding, max = 3): AttackTreeModel {
  const g = ctx.graph;
  const t = g.index.get(target.id);
  const carriers = g.nodes.map((c, i) => (i === t ? undefined : carrierFinding(result, c)));
  const found = t === undefined ? [] : searchChains(ctx, t, carriers);
  const ranked = [...found.values()].sort((a, b) => b.stations.length - a.stations.length || b.score - a.score || a.trail.length - b.trail.length);
  // Chains that add a way of their own first; those only leaving out stations fill what room is left.
  const best: Candidate[] = [];
  for (const cand of ranked) if (best.length < max && !ranked.some((other) => other !== cand && skips(cand, other))) best.push(cand);
  for (const cand of ranked) if (best.length < max && !best.includes(cand)) best.push(cand);
  best.sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b));
  const ways = best.map((cand) => chainAnd(ctx, cand, carriers, target, goalFinding));
  const goal: GoalNode = { type: 'goal', text: goalText(goalFinding, target), children: ways };
  return { kind: 'chain', path: ctx.path, component: target, root: goal };
}

/**
 * Whether `cand` is `kept` with stations left out: the same way in (same first station) passing
 * only some of the same components, so it adds no way of attack of its own.
 */
function skips(cand: Candidate, kept: Candidate): boolean {
  const mine = cand.stations.map((p) => cand.trail[p]);
  const theirs = kept.stations.map((p) => kept.trail[p]);
  if (mine.length === 0 || mine[0] !== theirs[0]) return false;
  let k = 0;
  for (const v of theirs) if (v === mine[k]) k++;
  return k === mine.length;
}

function searchChains(ctx: TreeContext, target: number, carriers: (Finding | undefined)[]): Map<string, Candidate> {
  const g = ctx.graph;
  const flows = ctx.model.flows;
  const buildTime = selectorMask(g, BUILD_TIME_SELECTOR);
  // Arcs: [to, flow number] per node; a flow runs back too when it reads (see `answers`).
  const arcs: [number, number][][] = g.nodes.map(() => []);
  const pairs = new Set<string>();
  flows.forEach((f) => { pairs.add(`${f.from}\u0000${f.to}`); });
  flows.forEach((f, no) => {
    const a = g.index.get(f.from);
    const b = g.index.get(f.to);
    if (a === undefined || b === undefined || a === b || f.invisible) return;
    arcs[a].push([b, no]);
    if (f.bidirectional || (!pairs.has(`${f.to}\u0000${f.from}`) && answers(g.nodes[a], g.nodes[b], f))) arcs[b].push([a, no]);
  });
  const found = new Map<string, Candidate>();
  const used = new Uint8Array(flows.length);
  const seen = new Uint8Array(g.nodes.length);
  const trail: number[] = [];
  const stations: number[] = [];
  let budget = BUDGET;
  const record = () => {
    const key = stations.map((p) => trail[p]).join(',');
    const score = stations.reduce((s, p) => s + (carriers[trail[p]]?.score ?? 0), 0);
    const old = found.get(key);
    if (!old || trail.length < old.trail.length) found.set(key, { trail: [...trail], stations: [...stations], score });
  };
  // Only an untrusted target (the widget the attacker types into) is passed on the way to itself.
  const passTarget = selectorMask(g, UNTRUSTED_SELECTOR)[target] === 1;
  const visit = (v: number) => {
    if (budget-- <= 0) return;
    // A component that carried the attack once is not passed again: that would be a tour, not a way in.
    if (seen[v] && carriers[v] !== undefined) return;
    trail.push(v);
    const first = !seen[v];
    seen[v]++;
    const station = first && carriers[v] !== undefined;
    if (station) stations.push(trail.length - 1);
    if (v === target) record();
    if (trail.length <= MAX_FLOWS && !(buildTime[v] && trail.length > 1) && (v !== target || passTarget)) {
      for (const [w, no] of arcs[v]) {
        if (used[no]) continue;
        used[no] = 1;
        visit(w);
        used[no] = 0;
      }
    }
    if (station) stations.pop();
    seen[v]--;
    trail.pop();
  };
  for (const s of outermostSources(g)) visit(s);
  return found;
}

/** Kinds whose answer to a request is content: what was stored, fetched or generated. */
const ANSWERING: ReadonlySet<string> = new Set(['vector-store', 'datastore', 'memory', 'document-source', 'tool', 'mcp-server', 'external-api', 'web-browser', 'llm', 'ml-model', 'agent', 'service', 'gateway', 'prompt-template', 'guardrail', 'code-executor']);
/** Kinds that push content on and read nothing back (an ingestion job writing an index). */
const WRITERS: ReadonlySet<string> = new Set(['ingestion', 'training-pipeline', 'monitoring']);
const WRITE_WORDS = /\b(index|write|store|upsert|log|ingest|save|push|publish|upload|insert|record)/i;

/**
 * Whether content comes back from `to` along a flow drawn `from → to`: a request to something
 * that answers with content, by a component that reads, on a flow not named as a write.
 * An embedding model answers with numbers, so nothing comes back from it.
 */
function answers(from: Component, to: Component, f: Flow): boolean {
  return ANSWERING.has(kindForRules(to)) && !WRITERS.has(kindForRules(from)) && !WRITE_WORDS.test(f.label ?? '');
}

function chainAnd(ctx: TreeContext, cand: Candidate, carriers: (Finding | undefined)[], target: Component, goalFinding: Finding): AndNode {
  const g = ctx.graph;
  const at = (p: number) => g.nodes[cand.trail[p]];
  const firstStop = cand.stations[0] ?? cand.trail.length - 1;
  const entryPath = cand.trail.slice(0, firstStop + 1).map((i) => g.nodes[i]);
  const children: TreeNode[] = [{ type: 'entry', text: entryText(ctx.model, entryPath), path: entryPath.map((c) => c.id) }];
  let from = firstStop;
  for (const p of cand.stations) {
    const f = carriers[cand.trail[p]] as Finding;
    const c = at(p);
    const steps: TreeNode[] = [];
    if (p > from) steps.push({ type: 'step', text: `Carried on: ${hopsText(ctx.model, cand.trail.slice(from, p + 1).map((i) => g.nodes[i]))}` });
    const condition = controlCondition(f);
    steps.push(...techniqueSteps(f, ctx.catalog), ...(condition ? [condition] : []));
    children.push({ type: 'and', text: `At ${componentName(c)}: ${findingText(f, ctx.lookup)}`, finding: f, componentId: c.id, children: steps, cuts: branchCuts(f) });
    from = p;
  }
  const last = cand.trail.length - 1;
  const end = findingAnd(ctx, goalFinding, target, `At ${componentName(target)}: ${findingText(goalFinding, ctx.lookup)}`);
  // The chain brought the attacker here: its own route replaces the finding's entry.
  end.children = end.children.filter((n) => n.type !== 'entry');
  if (last > from) end.children.unshift({ type: 'step', text: `Carried on: ${hopsText(ctx.model, cand.trail.slice(from, last + 1).map((i) => g.nodes[i]))}` });
  children.push(end);
  const via = cand.stations.map((p) => componentName(at(p)));
  return { type: 'and', text: via.length ? `Chain through ${via.join(', ')}` : `Straight to ${componentName(target)}`, children, cuts: [] };
}
