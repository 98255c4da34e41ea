/**
 * What a YAML edit must know about the nodes it touches beyond their ranges: which nodes other
 * places share (through an anchor some alias refers to, or a `<<` merge key), and where a block
 * scalar really ends. Without these an insertion can silently change values it never meant to:
 * a new key under an anchored map shows up under every alias of it, and a key written before the
 * trailing blank lines of a `|+` scalar takes those lines away from it.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Scalar } from 'yaml';

/** Anchors at least one alias of the document refers to. */
export function sharedAnchors(doc: Document): Set<string> {
  const names = new Set<string>();
  visit(doc, { Alias: (_, node) => { names.add(node.source); } });
  return names;
}

/**
 * True when an edit inside `node` would also change another part of the document: the node
 * carries an anchor that an alias refers to, or it is a map that takes keys from a `<<` merge.
 */
export function isShared(node: unknown, shared: ReadonlySet<string>): boolean {
  if (!(isMap(node) || isSeq(node) || isScalar(node))) return false;
  if (node.anchor !== undefined && shared.has(node.anchor)) return true;
  return isMap(node) && node.items.some((p) => isScalar(p.key) && p.key.value === '<<');
}

export function isBlockScalar(node: unknown): node is Scalar {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

/** The node written last inside `node` (the value of its last key, recursively, in block style). */
export function lastLeaf(node: Node | null): Node | null {
  let n: Node | null = node;
  for (;;) {
    if (!(isMap(n) || isSeq(n)) || n.flow || n.items.length === 0) return n;
    const last: unknown = n.items[n.items.length - 1];
    n = isPair(last) ? ((last.value ?? last.key) as Node | null) : (last as Node | null);
  }
}

const isBreak = (c: number) => c === 10 || c === 13;

/**
 * Where a block scalar that ends `node` stops, when that is at the start of a line: after its
 * content and, with keep chomping (`|+`, `>+`), after the trailing blank lines that belong to its
 * value. Undefined when `node` does not end with a block scalar.
 */
export function blockScalarEnd(text: string, node: Node | null): number | undefined {
  const leaf = lastLeaf(node);
  if (!isBlockScalar(leaf) || !leaf.range) return undefined;
  const end = leaf.range[1];
  return end > 0 && isBreak(text.charCodeAt(end - 1)) ? end : undefined;
}
