/** Source ranges of nodes in a parsed YAML document, found by field path. */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../model';

/** Range of the node at `path` (of its key when `key`), or of the deepest existing ancestor. */
export function spanFor(doc: Document, path: readonly PropertyKey[], key = false): Span | undefined {
  let node: unknown = doc.contents;
  let best: Span | undefined = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
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

function rangeOf(node: unknown): Span | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}
