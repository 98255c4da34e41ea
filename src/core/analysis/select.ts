/** Evaluates rule selectors and conditions against components of a ModelGraph. */
import type { Component } from '../model';
import type { Condition, Selector } from '../rules/schema';
import { tokenize } from '../inference/tokens';
import type { ModelGraph } from './graph';

const UNTRUSTED_KINDS = new Set(['user', 'client', 'external-api', 'document-source', 'web-browser']);
const UNTRUSTED_BOUNDARY_WORDS = ['internet', 'public', 'external', 'untrusted', 'dmz', 'third party', 'thirdparty', 'outside', 'partner'];
const FALSY = new Set(['false', 'no', 'none', '0', 'off', 'disabled', '']);

/** Lower-case token text with spaces at both ends, so `includes(' word')` is a word-prefix test. */
export function wordText(...parts: string[]): string {
  // Both the camelCase-split words and the whole runs, so rule words `github` and `git hub` both match "GitHub".
  const whole = parts.map((p) => p.toLowerCase().split(/[^a-z0-9\u0080-\uffff]+/).filter(Boolean).join(' ')).join(' ');
  return ` ${parts.map((p) => tokenize(p).map((t) => t.word).join(' ')).join(' ')} ${whole} `;
}

const wordsCache = new WeakMap<Component, string>();
function componentWords(c: Component): string {
  let w = wordsCache.get(c);
  if (w === undefined) {
    w = wordText(c.id, c.label, ...c.classes);
    wordsCache.set(c, w);
  }
  return w;
}

/** Rule words normalised once: they are tested against every component for every rule. */
const needleCache = new Map<string, string>();
function needle(w: string): string {
  let n = needleCache.get(w);
  if (n === undefined) {
    n = ` ${tokenize(w).map((t) => t.word).join(' ')}`;
    if (needleCache.size < 10_000) needleCache.set(w, n);
  }
  return n;
}

export function containsWord(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(needle(w)));
}

const untrustedCache = new WeakMap<ModelGraph, Map<Component, boolean>>();

export function isUntrusted(g: ModelGraph, c: Component): boolean {
  let cache = untrustedCache.get(g);
  if (!cache) untrustedCache.set(g, (cache = new Map<Component, boolean>()));
  let v = cache.get(c);
  if (v === undefined) cache.set(c, (v = computeUntrusted(g, c)));
  return v;
}

function computeUntrusted(g: ModelGraph, c: Component): boolean {
  if (UNTRUSTED_KINDS.has(c.kind)) return true;
  const trust = c.properties.trust?.toLowerCase();
  if (trust === 'untrusted') return true;
  if (trust === 'trusted') return false;
  if (c.properties.exposure?.toLowerCase() === 'public') return true;
  return g.boundaryChain(c).some((b) => b.properties?.trust === 'untrusted' || containsWord(wordText(b.id, b.label), UNTRUSTED_BOUNDARY_WORDS));
}

function propMatches(value: string | undefined, expected: string | string[]): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  if (value === undefined) return false;
  const parts = value.toLowerCase().split(',').map((s) => s.trim());
  return list.some((e) => e === '*' || parts.includes(e.toLowerCase()));
}

export function matchesSelector(g: ModelGraph, c: Component, s: Selector): boolean {
  if (s.kind && !s.kind.includes(c.kind)) return false;
  if (s.notKind?.includes(c.kind)) return false;
  if (s.untrusted !== undefined && isUntrusted(g, c) !== s.untrusted) return false;
  if (s.where) {
    for (const [k, v] of Object.entries(s.where)) if (!propMatches(c.properties[k], v)) return false;
  }
  if (s.whereNot) {
    for (const [k, v] of Object.entries(s.whereNot)) if (propMatches(c.properties[k], v)) return false;
  }
  if (s.text && !containsWord(componentWords(c), s.text)) return false;
  return true;
}

export function hasTruthyProperty(c: Component, names: readonly string[]): boolean {
  return names.some((n) => {
    const v = c.properties[n];
    return v !== undefined && !FALSY.has(v.trim().toLowerCase());
  });
}

type NeighborCond = NonNullable<Condition['neighbor']>;
const neighborCache = new WeakMap<ModelGraph, Map<NeighborCond, Uint8Array>>();

/**
 * Which components have a match for `n.select` within `n.hops` flows, for all components at
 * once: a breadth-first search from every matching component, keeping the two nearest distinct
 * sources per node (a component is not its own neighbour). O(flows) per condition, where asking
 * each anchor separately would be quadratic on dense graphs.
 */
function neighborSet(g: ModelGraph, n: NeighborCond): Uint8Array {
  let perGraph = neighborCache.get(g);
  if (!perGraph) neighborCache.set(g, (perGraph = new Map<NeighborCond, Uint8Array>()));
  const cached = perGraph.get(n);
  if (cached) return cached;
  const count = g.nodes.length;
  const first = new Int32Array(count).fill(-1);
  const second = new Int32Array(count).fill(-1);
  const result = new Uint8Array(count);
  let frontier: number[] = [];
  let sources: number[] = [];
  for (let i = 0; i < count; i++) {
    if (matchesSelector(g, g.nodes[i], n.select)) {
      first[i] = i;
      frontier.push(i);
      sources.push(i);
    }
  }
  // Walk against the condition's direction: "anchor --out--> match" means match reaches anchor on in-edges.
  const steps = n.direction === 'out' ? [g.inIdx] : n.direction === 'in' ? [g.outIdx] : [g.outIdx, g.inIdx];
  for (let hop = 0; hop < n.hops && frontier.length; hop++) {
    const nextNodes: number[] = [];
    const nextSources: number[] = [];
    for (let q = 0; q < frontier.length; q++) {
      const x = frontier[q];
      const src = sources[q];
      for (const adj of steps) {
        for (const y of adj[x]) {
          if (first[y] === src || second[y] === src) continue;
          if (first[y] === -1) first[y] = src;
          else if (second[y] === -1) second[y] = src;
          else continue;
          if (src !== y) result[y] = 1;
          nextNodes.push(y);
          nextSources.push(src);
        }
      }
    }
    frontier = nextNodes;
    sources = nextSources;
  }
  perGraph.set(n, result);
  return result;
}

function neighborMatches(g: ModelGraph, anchor: Component, n: NeighborCond): boolean {
  const i = g.index.get(anchor.id);
  return i !== undefined && g.nodes[i] === anchor && neighborSet(g, n)[i] === 1;
}

export function conditionHolds(g: ModelGraph, anchor: Component, cond: Condition): boolean {
  if (cond.neighbor) return neighborMatches(g, anchor, cond.neighbor);
  if (cond.property) return hasTruthyProperty(anchor, cond.property);
  if (cond.boundary) return g.boundaryChain(anchor).some((b) => containsWord(wordText(b.id, b.label), cond.boundary ?? []));
  return false;
}
