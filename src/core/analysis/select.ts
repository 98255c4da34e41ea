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

export function containsWord(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(` ${tokenize(w).map((t) => t.word).join(' ')}`));
}

export function isUntrusted(g: ModelGraph, c: Component): boolean {
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

/** Bounded breadth-first look around the anchor; linear in the edges visited. */
function neighborMatches(g: ModelGraph, anchor: Component, n: NonNullable<Condition['neighbor']>): boolean {
  let frontier = [anchor.id];
  const seen = new Set(frontier);
  for (let hop = 0; hop < n.hops && frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      const edges = n.direction === 'out' ? g.outEdges(id) : n.direction === 'in' ? g.inEdges(id) : [...g.outEdges(id), ...g.inEdges(id)];
      for (const e of edges) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        const c = g.byId.get(e.to);
        if (c && matchesSelector(g, c, n.select)) return true;
        next.push(e.to);
      }
    }
    frontier = next;
  }
  return false;
}

export function conditionHolds(g: ModelGraph, anchor: Component, cond: Condition): boolean {
  if (cond.neighbor) return neighborMatches(g, anchor, cond.neighbor);
  if (cond.property) return hasTruthyProperty(anchor, cond.property);
  if (cond.boundary) return g.boundaryChain(anchor).some((b) => containsWord(wordText(b.id, b.label), cond.boundary ?? []));
  return false;
}
