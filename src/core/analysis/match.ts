/**
 * Finds where a rule's pattern matches a model. Path patterns run one multi-source breadth-first
 * search per rule over (component, condition-bits) states, so a rule costs O(states × flows),
 * never quadratic in the number of flows, and the first visit to a target gives a shortest path.
 */
import type { Component } from '../model';
import type { Match, Rule, Selector } from '../rules/schema';
import type { ModelGraph } from './graph';
import { BUILD_TIME_SELECTOR, conditionHoldsAt, containsWord, noNodes, selectorMask, wordText } from './select';

export interface RuleMatch {
  anchor: Component;
  /** The anchor's node number in the graph (`g.nodes[anchorNo] === anchor`). */
  anchorNo: number;
  /** Node numbers from source to target (the anchor alone for component patterns). */
  path: number[];
}

type PathSpec = Extract<Match, { path: unknown }>;

export function matchRule(g: ModelGraph, rule: Rule): RuleMatch[] {
  if (lacksKinds(g, rule)) return [];
  const raw = 'component' in rule.match ? matchComponents(g, rule.match.component) : matchPath(g, rule.match);
  if (rule.requires.length === 0 && rule.unless.length === 0) return raw;
  return raw.filter((m) => rule.requires.every((cond) => conditionHoldsAt(g, m.anchorNo, cond)) && !rule.unless.some((cond) => conditionHoldsAt(g, m.anchorNo, cond)));
}

/**
 * Whether the rule's anchor (or a path's source or target) asks for kinds the model has none of.
 * Most rules stop here on a small model: a Markdown file may hold thousands of two-node diagrams.
 */
function lacksKinds(g: ModelGraph, rule: Rule): boolean {
  return 'component' in rule.match ? absent(g, rule.match.component) : absent(g, rule.match.path.from) || absent(g, rule.match.path.to);
}

// Top-level, not a closure per call: this runs for every rule on every model.
function absent(g: ModelGraph, s: Selector): boolean {
  if (s.kind === undefined) return false;
  for (const k of s.kind) if (g.kinds.includes(k)) return false;
  return true;
}

/** Every component (first declaration of each id, in model order) matching the selector. */
function matchComponents(g: ModelGraph, selector: Extract<Match, { component: unknown }>['component']): RuleMatch[] {
  const mask = selectorMask(g, selector);
  const out: RuleMatch[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push({ anchor: g.nodes[i], anchorNo: i, path: [i] });
  return out;
}

const CROSSED = 1;
const TEXT_SEEN = 2;
const THROUGH_SEEN = 4;
/** Condition bits per component: states are `node << 3 | bits`. */
const STATES = 8;


function maskOf(g: ModelGraph, s: Selector | undefined): Uint8Array {
  return s ? selectorMask(g, s) : noNodes(g);
}

/** Memo keys of `avoiding` selectors, made once per selector object rather than per model. */
const avoidKeys = new WeakMap<Selector, string>();

/** A runtime path's cut: the rule's own `avoiding` and every build-time component. */
function runtimeAvoid(g: ModelGraph, avoiding: Selector | undefined): Uint8Array {
  const build = selectorMask(g, BUILD_TIME_SELECTOR);
  if (!avoiding) return build;
  let key = avoidKeys.get(avoiding);
  if (key === undefined) avoidKeys.set(avoiding, (key = `runtime-avoid:${JSON.stringify(avoiding)}`));
  let mask = g.memo.get(key);
  if (!mask) {
    const own = selectorMask(g, avoiding);
    mask = own.map((v, i) => v | build[i]);
    g.memo.set(key, mask);
  }
  return mask;
}

/**
 * States are `node * 8 + bits` in typed arrays: the search is the hot loop of the analysis,
 * and integer states keep it allocation-free.
 */
function matchPath(g: ModelGraph, spec: PathSpec): RuleMatch[] {
  const p = spec.path;
  const n = g.nodes.length;
  const required = (p.crossesBoundary ? CROSSED : 0) | (p.flowText ? TEXT_SEEN : 0) | (p.through ? THROUGH_SEEN : 0);
  const isTo = selectorMask(g, p.to);
  const isFrom = selectorMask(g, p.from);
  // Most rules find no source or no target in a small model (a Markdown file may hold
  // thousands of two-node diagrams): skip the search and its buffers.
  if (!isTo.includes(1) || !isFrom.includes(1)) return [];
  const isAvoid = p.phase === 'build' ? maskOf(g, p.avoiding) : runtimeAvoid(g, p.avoiding);
  const isThrough = p.through ? selectorMask(g, p.through) : noNodes(g);
  const boundary = g.boundaryIdx;
  const { outStart, outTo } = g;
  // One set of search buffers per model, reused by every path rule: at most one entry per state.
  const { parent, queueA, queueB } = g.searchBuffers();
  parent.fill(-2);
  let queue = queueA;
  let next = queueB;
  let queued = 0;
  for (let i = 0; i < n; i++) {
    if (isFrom[i]) {
      parent[i * STATES] = -1;
      queue[queued++] = i * STATES;
    }
  }
  // Per flow number: 0 not tested yet, 1 the label has a `flowText` word, 2 it has not.
  const textHit = p.flowText ? new Uint8Array(g.model.flows.length) : undefined;
  const found = new Uint8Array(n);
  const order: number[] = [];
  const paths: number[][] = [];
  for (let hop = 0; hop < p.maxHops && queued > 0; hop++) {
    let nextCount = 0;
    for (let qi = 0; qi < queued; qi++) {
      const state = queue[qi];
      const from = state >> 3;
      const sBits = state & 7;
      const end = outStart[from + 1];
      for (let k = outStart[from]; k < end; k++) {
        const to = outTo[k];
        let bits = sBits;
        if (boundary[from] !== boundary[to]) bits |= CROSSED;
        if (textHit) {
          // Each flow's label is tested once per rule, however many search states cross it.
          const no = g.outFlowNo[k];
          let hit = textHit[no];
          if (hit === 0) {
            const f = g.model.flows[no];
            textHit[no] = hit = f.label && containsWord(flowWords(f), p.flowText ?? []) ? 1 : 2;
          }
          if (hit === 1) bits |= TEXT_SEEN;
        }
        // Checked before the visited test: a component can be both a source and a target
        // (a public LLM is itself untrusted, yet user input still reaches it).
        if (found[to] === 0 && isTo[to] && (bits & required) === required) {
          const path = unwind(parent, state);
          path.push(to);
          if (path[0] !== to) {
            found[to] = 1;
            order.push(to);
            paths.push(path);
          }
        }
        const k1 = to * STATES + bits;
        if (parent[k1] !== -2) continue;
        parent[k1] = state;
        // An intermediate matching `avoiding` (say, a guardrail) cuts the path.
        if (isAvoid[to]) continue;
        let nextState = k1;
        if (isThrough[to] && !(bits & THROUGH_SEEN)) {
          nextState = to * STATES + (bits | THROUGH_SEEN);
          if (parent[nextState] !== -2) continue;
          parent[nextState] = state;
        }
        next[nextCount++] = nextState;
      }
    }
    [queue, next] = [next, queue];
    queued = nextCount;
  }
  if (spec.anchor === 'from') {
    // One finding per source, with the path to the first target reached from it.
    const seen = new Uint8Array(n);
    const bySource: RuleMatch[] = [];
    for (const path of paths) {
      const src = path[0];
      if (seen[src]) continue;
      seen[src] = 1;
      bySource.push({ anchor: g.nodes[src], anchorNo: src, path });
    }
    return bySource;
  }
  return order.map((i, k) => ({ anchor: g.nodes[i], anchorNo: i, path: paths[k] }));
}

const flowWordCache = new WeakMap<object, string>();
function flowWords(f: { label?: string }): string {
  let w = flowWordCache.get(f);
  if (w === undefined) flowWordCache.set(f, (w = wordText(f.label ?? '')));
  return w;
}

function unwind(parent: Int32Array, state: number): number[] {
  const path: number[] = [];
  let cur = state;
  while (cur >= 0 && path.length <= 64) {
    path.push(cur >> 3);
    cur = parent[cur];
  }
  return path.reverse();
}
