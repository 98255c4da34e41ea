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

function matchPath(g: ModelGraph, spec: PathSpec): RuleMatch[] {
  const p = spec.path;
  const required = (p.crossesBoundary ? CROSSED : 0) | (p.flowText ? TEXT_SEEN : 0) | (p.through ? THROUGH_SEEN : 0);
  const key = (id: string, bits: number) => `${bits}|${id}`;
  const parent = new Map<string, string | null>();
  const depth = new Map<string, number>();
  let queue: { id: string; bits: number }[] = [];
  for (const c of g.byId.values()) {
    if (!matchesSelector(g, c, p.from)) continue;
    const k = key(c.id, 0);
    parent.set(k, null);
    depth.set(k, 0);
    queue.push({ id: c.id, bits: 0 });
  }
  const results = new Map<string, RuleMatch>();
  for (let hop = 0; hop < p.maxHops && queue.length; hop++) {
    const next: typeof queue = [];
    for (const s of queue) {
      const from = g.byId.get(s.id);
      if (!from) continue;
      for (const e of g.outEdges(s.id)) {
        const to = g.byId.get(e.to);
        if (!to) continue;
        let bits = s.bits;
        if (from.boundary !== to.boundary) bits |= CROSSED;
        if (p.flowText && e.flow.label && containsWord(wordText(e.flow.label), p.flowText)) bits |= TEXT_SEEN;
        const k = key(to.id, bits);
        // Checked before the visited test: a component can be both a source and a target
        // (a public LLM is itself untrusted, yet user input still reaches it).
        if (!results.has(to.id) && (bits & required) === required && matchesSelector(g, to, p.to)) {
          const path = [...unwind(parent, key(s.id, s.bits)), to.id];
          if (path[0] !== to.id) results.set(to.id, { anchor: to, path });
        }
        if (parent.has(k)) continue;
        parent.set(k, key(s.id, s.bits));
        // An intermediate matching `avoiding` (say, a guardrail) cuts the path; so does reaching a target.
        if (p.avoiding && matchesSelector(g, to, p.avoiding)) continue;
        if (p.through && matchesSelector(g, to, p.through)) bits |= THROUGH_SEEN;
        const k2 = key(to.id, bits);
        if (k2 !== k && !parent.has(k2)) parent.set(k2, parent.get(k) ?? null);
        next.push({ id: to.id, bits });
      }
    }
    queue = next;
  }
  const out = [...results.values()];
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

function unwind(parent: Map<string, string | null>, k: string): string[] {
  const path: string[] = [];
  let cur: string | null | undefined = k;
  while (cur) {
    path.push(cur.slice(cur.indexOf('|') + 1));
    cur = parent.get(cur);
    if (path.length > 64) break;
  }
  return path.reverse();
}
