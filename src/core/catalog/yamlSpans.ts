/** Source ranges of nodes in a parsed YAML document, found by field path, and the duplicate-key check. */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../model';

/**
 * Each map's pairs by key value, built once per map on first lookup: a linear `find` per
 * lookup made reporting an error on each of n keys of one map take O(n²).
 */
const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

function pairOf(map: YAMLMap, key: PropertyKey): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (!index.has(k)) index.set(k, p); // the first pair wins, as `find` did
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/** Range of the node at `path` (of its key when `key`), or of the deepest existing ancestor. */
export function spanFor(doc: Document, path: readonly PropertyKey[], key = false): Span | undefined {
  let node: unknown = doc.contents;
  let best: Span | undefined = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairOf(node, seg);
      if (!pair) return best;
      if (last && key) return rangeOf(pair.key) ?? best;
      node = pair.value;
      best = rangeOf(node) ?? rangeOf(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return best;
      best = rangeOf(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/**
 * Keys repeated within one map, in document order: what the yaml package reports as
 * `Map keys must be unique` with `uniqueKeys: true`, but in linear time (its check compares each
 * key with every earlier one: seconds for a file of tens of thousands of keys). Scalar keys are
 * compared by value, as the yaml package does; other keys are never equal. Walks with a stack
 * (no recursion, however deep the nesting) and never follows aliases.
 */
export function duplicateKeys(doc: Document): Span[] {
  const out: Span[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const k = pair.key.value;
          // `===` in the yaml package: NaN never equals itself.
          if (!(typeof k === 'number' && Number.isNaN(k))) {
            if (seen.has(k)) {
              const r = rangeOf(pair.key);
              if (r) out.push(r);
            }
            seen.add(k);
          }
        } else {
          stack.push(pair.key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function rangeOf(node: unknown): Span | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}
