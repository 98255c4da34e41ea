/** Evaluates rule selectors and conditions against components of a ModelGraph. */
import type { Component } from '../model';
import { kindForRules } from '../model';
import type { Condition, Selector } from '../rules/schema';
import { tokenize } from '../inference/tokens';
import type { ModelGraph } from './graph';

const UNTRUSTED_KINDS = new Set(['user', 'client', 'external-api', 'document-source', 'web-browser']);
// Not "dmz": a perimeter network holds the organisation's own load balancers and gateways, which
// are exposed, not outsiders speaking.
const UNTRUSTED_BOUNDARY_WORDS = ['internet', 'public', 'external', 'untrusted', 'third party', 'thirdparty', 'outside', 'partner'];
/** Controls the team runs at the edge: a boundary word makes them exposed, never an attacker's voice. */
const EDGE_CONTROL_KINDS: ReadonlySet<string> = new Set(['gateway', 'guardrail', 'monitoring']);
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

/**
 * The needles of a word list, normalised once per list (rule word lists are long-lived data) and
 * indexed by their first two characters after the leading space, so a test looks up each word
 * start of the text instead of searching the whole text for every needle.
 */
interface NeedleIndex {
  /** Needles with fewer than two characters after the space, searched for directly. */
  short: string[];
  byPair: Map<number, string[]>;
}
const needlesCache = new WeakMap<readonly string[], NeedleIndex>();
function needleIndex(words: readonly string[]): NeedleIndex {
  let index = needlesCache.get(words);
  if (index === undefined) {
    index = { short: [], byPair: new Map<number, string[]>() };
    for (const w of words) {
      const n = needle(w);
      if (n.length < 3) index.short.push(n);
      else {
        const key = n.charCodeAt(1) * 0x10000 + n.charCodeAt(2);
        const list = index.byPair.get(key);
        if (list) list.push(n);
        else index.byPair.set(key, [n]);
      }
    }
    needlesCache.set(words, index);
  }
  return index;
}

/** Whether any of the words occurs in `text` (from `wordText`) at a word start. */
export function containsWord(text: string, words: readonly string[]): boolean {
  const index = needleIndex(words);
  for (const n of index.short) if (text.includes(n)) return true;
  if (index.byPair.size === 0) return false;
  // Every needle starts with a space: an occurrence starts at one of the text's spaces.
  for (let i = text.indexOf(' '); i >= 0 && i + 2 < text.length; i = text.indexOf(' ', i + 1)) {
    const list = index.byPair.get(text.charCodeAt(i + 1) * 0x10000 + text.charCodeAt(i + 2));
    if (list) for (const n of list) if (text.startsWith(n, i)) return true;
  }
  return false;
}

/** Whole-boundary word texts, shared by every component inside the boundary. */
const boundaryWordsCache = new WeakMap<object, string>();
function boundaryWords(b: { id: string; label: string }): string {
  let w = boundaryWordsCache.get(b);
  if (w === undefined) boundaryWordsCache.set(b, (w = wordText(b.id, b.label)));
  return w;
}

export function isUntrusted(g: ModelGraph, c: Component): boolean {
  const i = g.index.get(c.id);
  return i !== undefined && g.nodes[i] === c ? untrustedMask(g)[i] === 1 : computeUntrusted(g, c);
}

/** `untrusted` of every node, worked out once per model. */
function untrustedMask(g: ModelGraph): Uint8Array {
  const cached = g.memo.get(UNTRUSTED_KEY);
  if (cached) return cached;
  const mask = new Uint8Array(g.nodes.length);
  for (let i = 0; i < mask.length; i++) if (computeUntrusted(g, g.nodes[i])) mask[i] = 1;
  g.memo.set(UNTRUSTED_KEY, mask);
  return mask;
}
const UNTRUSTED_KEY = 'untrusted';

function computeUntrusted(g: ModelGraph, c: Component): boolean {
  if (UNTRUSTED_KINDS.has(kindForRules(c))) return true;
  const trust = c.properties.trust?.toLowerCase();
  if (trust === 'untrusted') return true;
  if (trust === 'trusted') return false;
  const exposure = c.properties.exposure?.toLowerCase();
  if (exposure === 'public') return true;
  // Run by a provider ("Third-party APIs"): a dependency to vet, not an attacker's input.
  if (exposure === 'third-party') return false;
  if (EDGE_CONTROL_KINDS.has(kindForRules(c))) return false;
  return g.anyBoundary(c, UNTRUSTED_KEY, (b) => b.properties?.trust === 'untrusted' || containsWord(boundaryWords(b), UNTRUSTED_BOUNDARY_WORDS));
}

function propMatches(value: string | undefined, expected: string | string[]): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  if (value === undefined) return false;
  const parts = value.toLowerCase().split(',').map((s) => s.trim());
  return list.some((e) => e === '*' || parts.includes(e.toLowerCase()));
}

export function matchesSelector(g: ModelGraph, c: Component, s: Selector): boolean {
  const kind = kindForRules(c);
  if (s.kind && !s.kind.includes(kind)) return false;
  if (s.notKind?.includes(kind)) return false;
  if (s.untrusted !== undefined && isUntrusted(g, c) !== s.untrusted) return false;
  return matchesRest(c, s);
}

/** The property and word tests of a selector. */
function matchesRest(c: Component, s: Selector): boolean {
  if (s.where) {
    for (const [k, v] of Object.entries(s.where)) if (!propMatches(c.properties[k], v)) return false;
  }
  if (s.whereNot) {
    for (const [k, v] of Object.entries(s.whereNot)) if (propMatches(c.properties[k], v)) return false;
  }
  if (s.text && !containsWord(componentWords(c), s.text)) return false;
  if (s.notText && containsWord(componentWords(c), s.notText)) return false;
  return true;
}

/**
 * A content key for selectors and conditions: rules are data, and many ask the same question
 * (`{ kind: [llm] }`), so per-model answers are shared by content rather than by object.
 */
/** Selectors asked on every model, one object each, so their memo key is made once, not per model. */
export const UNTRUSTED_SELECTOR: Selector = { untrusted: true };
/** Build-time components: a request never travels through them. */
export const BUILD_TIME_SELECTOR: Selector = { kind: ['training-pipeline', 'dataset', 'model-registry'] };

const keyCache = new WeakMap<object, string>();
function contentKey(prefix: string, o: object): string {
  let k = keyCache.get(o);
  if (k === undefined) keyCache.set(o, (k = prefix + JSON.stringify(o)));
  return k;
}

/**
 * Which of the graph's nodes (by number) match a selector: 1 or 0 per node. Computed once per
 * model for each distinct selector and shared by every rule and condition that uses it.
 */
export function selectorMask(g: ModelGraph, s: Selector): Uint8Array {
  const key = contentKey('s', s);
  const cached = g.memo.get(key);
  if (cached) return cached;
  // The same tests as matchesSelector, in the same order; kinds and `untrusted` come from the
  // graph's per-node arrays, and only the property and word tests read the component itself.
  const kindOk = g.kinds.map((k) => (!s.kind || s.kind.includes(k)) && !s.notKind?.includes(k));
  const untrusted = s.untrusted !== undefined ? untrustedMask(g) : undefined;
  const rest = s.where !== undefined || s.whereNot !== undefined || s.text !== undefined || s.notText !== undefined;
  const mask = new Uint8Array(g.nodes.length);
  for (let i = 0; i < mask.length; i++) {
    if (!kindOk[g.kindNo[i]]) continue;
    if (untrusted && (untrusted[i] === 1) !== s.untrusted) continue;
    if (rest && !matchesRest(g.nodes[i], s)) continue;
    mask[i] = 1;
  }
  g.memo.set(key, mask);
  return mask;
}

/** A mask matching no node (shared, never written). */
export function noNodes(g: ModelGraph): Uint8Array {
  let mask = g.memo.get('none');
  if (!mask) g.memo.set('none', (mask = new Uint8Array(g.nodes.length)));
  return mask;
}

export function hasTruthyProperty(c: Component, names: readonly string[]): boolean {
  return names.some((n) => {
    const v = c.properties[n];
    return v !== undefined && !FALSY.has(v.trim().toLowerCase());
  });
}

type NeighborCond = NonNullable<Condition['neighbor']>;

/**
 * Which components have a match for `n.select` within `n.hops` flows, for all components at
 * once: a breadth-first search from every matching component, keeping the two nearest distinct
 * sources per node (a component is not its own neighbour). O(flows) per condition, where asking
 * each anchor separately would be quadratic on dense graphs.
 */
function neighborSet(g: ModelGraph, n: NeighborCond): Uint8Array {
  const key = contentKey('n', n);
  const cached = g.memo.get(key);
  if (cached) return cached;
  const select = selectorMask(g, n.select);
  if (!select.includes(1)) {
    g.memo.set(key, noNodes(g));
    return noNodes(g);
  }
  const count = g.nodes.length;
  const first = new Int32Array(count).fill(-1);
  const second = new Int32Array(count).fill(-1);
  const result = new Uint8Array(count);
  let frontier: number[] = [];
  let sources: number[] = [];
  for (let i = 0; i < count; i++) {
    if (select[i]) {
      first[i] = i;
      frontier.push(i);
      sources.push(i);
    }
  }
  // Walk against the condition's direction: "anchor --out--> match" means match reaches anchor on in-edges.
  const out = { start: g.outStart, adj: g.outTo };
  const inn = { start: g.inStart, adj: g.inFrom };
  const steps = n.direction === 'out' ? [inn] : n.direction === 'in' ? [out] : [out, inn];
  for (let hop = 0; hop < n.hops && frontier.length; hop++) {
    const nextNodes: number[] = [];
    const nextSources: number[] = [];
    for (let q = 0; q < frontier.length; q++) {
      const x = frontier[q];
      const src = sources[q];
      for (const { start, adj } of steps) {
        const end = start[x + 1];
        for (let j = start[x]; j < end; j++) {
          const y = adj[j];
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
  g.memo.set(key, result);
  return result;
}

function neighborMatches(g: ModelGraph, anchor: Component, n: NeighborCond): boolean {
  const i = g.index.get(anchor.id);
  return i !== undefined && g.nodes[i] === anchor && neighborSet(g, n)[i] === 1;
}

export function conditionHolds(g: ModelGraph, anchor: Component, cond: Condition): boolean {
  if (cond.neighbor) return neighborMatches(g, anchor, cond.neighbor);
  return componentConditionHolds(g, anchor, cond);
}

/** `conditionHolds` for the graph's node number `i`. */
export function conditionHoldsAt(g: ModelGraph, i: number, cond: Condition): boolean {
  if (cond.neighbor) return neighborSet(g, cond.neighbor)[i] === 1;
  return componentConditionHolds(g, g.nodes[i], cond);
}

function componentConditionHolds(g: ModelGraph, anchor: Component, cond: Condition): boolean {
  if (cond.property) return hasTruthyProperty(anchor, cond.property);
  if (cond.boundary) {
    const words = cond.boundary;
    return g.anyBoundary(anchor, `boundary:${words.join('\0')}`, (b) => containsWord(boundaryWords(b), words));
  }
  return false;
}
