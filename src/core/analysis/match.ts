/**
 * Finds where a rule's pattern matches a model. Path patterns run one multi-source breadth-first
 * search per rule over (component, condition-bits) states, so a rule costs O(states × flows),
 * never quadratic in the number of flows, and the first visit to a target gives a shortest path.
 */
import type { Component } from '../model';
import type { Match, Rule } from '../rules/schema';
import type { ModelGraph } from './graph';
import { conditionHolds, containsWord, matchesSelector, wordText } from './select';

export interface RuleMatch {
  anchor: Component;
  /** Component ids from source to target (a single id for component patterns). */
  path: string[];
}

type PathSpec = Extract<Match, { path: unknown }>;

export function matchRule(g: ModelGraph, rule: Rule): RuleMatch[] {
  const raw = 'component' in rule.match
    ? g.model.components.filter((c) => g.byId.get(c.id) === c && matchesSelector(g, c, (rule.match as { component: never }).component)).map((c) => ({ anchor: c, path: [c.id] }))
    : matchPath(g, rule.match);
  return raw.filter((m) => rule.requires.every((cond) => conditionHolds(g, m.anchor, cond)) && !rule.unless.some((cond) => conditionHolds(g, m.anchor, cond)));
}

const CROSSED = 1;
const TEXT_SEEN = 2;
const THROUGH_SEEN = 4;
const STATES = 8;

/**
 * States are `node * 8 + bits` in typed arrays: the search is the hot loop of the analysis,
 * and integer states keep it allocation-free.
 */
function matchPath(g: ModelGraph, spec: PathSpec): RuleMatch[] {
  const p = spec.path;
  const n = g.nodes.length;
  const required = (p.crossesBoundary ? CROSSED : 0) | (p.flowText ? TEXT_SEEN : 0) | (p.through ? THROUGH_SEEN : 0);
  const isTo = new Uint8Array(n);
  const isAvoid = new Uint8Array(n);
  const isThrough = new Uint8Array(n);
  const parent = new Int32Array(n * STATES).fill(-2);
  let queue: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = g.nodes[i];
    isTo[i] = matchesSelector(g, c, p.to) ? 1 : 0;
    isAvoid[i] = p.avoiding && matchesSelector(g, c, p.avoiding) ? 1 : 0;
    isThrough[i] = p.through && matchesSelector(g, c, p.through) ? 1 : 0;
    if (matchesSelector(g, c, p.from)) {
      parent[i * STATES] = -1;
      queue.push(i * STATES);
    }
  }
  const found = new Int32Array(n).fill(-1);
  const order: number[] = [];
  for (let hop = 0; hop < p.maxHops && queue.length; hop++) {
    const next: number[] = [];
    for (const state of queue) {
      const from = Math.floor(state / STATES);
      const sBits = state % STATES;
      const targets = g.outIdx[from];
      const flows = g.outFlow[from];
      for (let k = 0; k < targets.length; k++) {
        const to = targets[k];
        let bits = sBits;
        if (g.nodes[from].boundary !== g.nodes[to].boundary) bits |= CROSSED;
        if (p.flowText && flows[k].label && containsWord(flowWords(flows[k]), p.flowText)) bits |= TEXT_SEEN;
        // Checked before the visited test: a component can be both a source and a target
        // (a public LLM is itself untrusted, yet user input still reaches it).
        if (found[to] < 0 && isTo[to] && (bits & required) === required) {
          const path = [...unwind(parent, state), to];
          if (path[0] !== to) {
            found[to] = order.length;
            order.push(to);
            foundPaths.set(to, path);
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
        next.push(nextState);
      }
    }
    queue = next;
  }
  const out = order.map((i) => ({ anchor: g.nodes[i], path: (foundPaths.get(i) ?? []).map((x) => g.nodes[x].id) }));
  foundPaths.clear();
  if (spec.anchor === 'from') {
    const bySource = new Map<string, RuleMatch>();
    for (const m of out) {
      const src = g.byId.get(m.path[0]);
      if (src && !bySource.has(src.id)) bySource.set(src.id, { anchor: src, path: m.path });
    }
    return [...bySource.values()];
  }
  return out;
}

const foundPaths = new Map<number, number[]>();
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
    path.push(Math.floor(cur / STATES));
    cur = parent[cur];
  }
  return path.reverse();
}
