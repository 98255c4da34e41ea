/**
 * An adjacency view of a SystemModel for the rule engine: O(1) lookups by id, out/in lists, and
 * questions about the trust boundaries around each component. Built once per model and shared by every rule.
 */
import type { Boundary, Component, Flow, SystemModel } from '../model';
import { kindForRules } from '../model';

export interface Edge {
  flow: Flow;
  to: string;
}

export class ModelGraph {
  readonly byId = new Map<string, Component>();
  /** Dense numbering of components for the path search's typed arrays. */
  readonly nodes: Component[] = [];
  readonly index = new Map<string, number>();
  /**
   * Adjacency by node number in compressed form (the search's hot loops read these): the
   * out-edges of node `i` are `outTo[outStart[i] .. outStart[i + 1])`, in model order, with the
   * position in `model.flows` of the flow each one follows in `outFlowNo`; in-edges likewise
   * (`inFrom`). A bidirectional flow is an edge both ways.
   */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  readonly outFlowNo: Int32Array;
  readonly inStart: Int32Array;
  readonly inFrom: Int32Array;
  /**
   * Boundary of each node as a small integer (0: none), so the path search compares numbers
   * instead of strings on every edge.
   */
  readonly boundaryIdx: Int32Array;
  /**
   * Each node's kind as a small number (an index into `kinds`), so selectors test kinds without
   * reading every component object again.
   */
  readonly kindNo: Int32Array;
  readonly kinds: Component['kind'][] = [];

  /**
   * Per-graph results shared by every rule (selector matches and neighbour sets, keyed by the
   * selector's content): rules that ask the same question pay for it once per model.
   */
  readonly memo = new Map<string, Uint8Array>();
  private readonly boundaries = new Map<string, Boundary>();
  /** Per question of `anyBoundary`: boundary id → whether it or an ancestor qualifies. */
  private readonly boundaryMemo = new Map<string, Map<string, boolean>>();
  private search?: { parent: Int32Array; queueA: Int32Array; queueB: Int32Array };
  private outById?: Map<string, Edge[]>;
  private inById?: Map<string, Edge[]>;

  constructor(readonly model: SystemModel) {
    for (const c of model.components) {
      if (this.byId.has(c.id)) continue;
      this.byId.set(c.id, c);
      this.index.set(c.id, this.nodes.length);
      this.nodes.push(c);
    }
    const n = this.nodes.length;
    this.boundaryIdx = new Int32Array(n);
    const boundaryNumbers = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const b = this.nodes[i].boundary;
      if (b === undefined) continue;
      let k = boundaryNumbers.get(b);
      if (k === undefined) boundaryNumbers.set(b, (k = boundaryNumbers.size + 1));
      this.boundaryIdx[i] = k;
    }
    this.kindNo = new Int32Array(n);
    const kindNumbers = new Map<Component['kind'], number>();
    for (let i = 0; i < n; i++) {
      const kind = kindForRules(this.nodes[i]);
      let k = kindNumbers.get(kind);
      if (k === undefined) {
        kindNumbers.set(kind, (k = this.kinds.length));
        this.kinds.push(kind);
      }
      this.kindNo[i] = k;
    }
    for (const b of model.boundaries) if (!this.boundaries.has(b.id)) this.boundaries.set(b.id, b);

    // Edges as (from, to, flow number) triples in model order, then counted into place.
    const flows = model.flows;
    const edges: number[] = [];
    for (let no = 0; no < flows.length; no++) {
      const f = flows[no];
      if (f.invisible || f.from === f.to) continue;
      const a = this.index.get(f.from);
      const b = this.index.get(f.to);
      if (a === undefined || b === undefined) continue;
      edges.push(a, b, no);
      if (f.bidirectional) edges.push(b, a, no);
      else if (readsBack(this.nodes[a], this.nodes[b], f)) edges.push(b, a, no);
    }
    const m = edges.length / 3;
    this.outStart = new Int32Array(n + 1);
    this.inStart = new Int32Array(n + 1);
    for (let e = 0; e < edges.length; e += 3) {
      this.outStart[edges[e] + 1]++;
      this.inStart[edges[e + 1] + 1]++;
    }
    for (let i = 0; i < n; i++) {
      this.outStart[i + 1] += this.outStart[i];
      this.inStart[i + 1] += this.inStart[i];
    }
    this.outTo = new Int32Array(m);
    this.outFlowNo = new Int32Array(m);
    this.inFrom = new Int32Array(m);
    const outFill = this.outStart.slice(0, n);
    const inFill = this.inStart.slice(0, n);
    for (let e = 0; e < edges.length; e += 3) {
      const a = edges[e];
      const b = edges[e + 1];
      const o = outFill[a]++;
      this.outTo[o] = b;
      this.outFlowNo[o] = edges[e + 2];
      this.inFrom[inFill[b]++] = a;
    }
  }

  /**
   * Scratch buffers of the path search, sized for every (node, condition bits) state and shared
   * by the rules of this model (one rule runs at a time): the search parent of each state, and
   * two queues (each state is queued at most once).
   */
  searchBuffers(): { parent: Int32Array; queueA: Int32Array; queueB: Int32Array } {
    const states = this.nodes.length * 8;
    this.search ??= { parent: new Int32Array(states), queueA: new Int32Array(states), queueB: new Int32Array(states) };
    return this.search;
  }

  /** Flows leaving a component, in model order (bidirectional flows count both ways). */
  outEdges(id: string): Edge[] {
    return this.edgeMaps().out.get(id) ?? [];
  }

  /** Flows entering a component; `to` is the component at the other end. */
  inEdges(id: string): Edge[] {
    return this.edgeMaps().in.get(id) ?? [];
  }

  /** Id-keyed edge lists, built on first use: the rules themselves work on node numbers. */
  private edgeMaps(): { out: Map<string, Edge[]>; in: Map<string, Edge[]> } {
    if (!this.outById || !this.inById) {
      const out = new Map<string, Edge[]>();
      const inn = new Map<string, Edge[]>();
      for (const f of this.model.flows) {
        if (f.invisible || !this.byId.has(f.from) || !this.byId.has(f.to) || f.from === f.to) continue;
        push(out, f.from, { flow: f, to: f.to });
        push(inn, f.to, { flow: f, to: f.from });
        if (f.bidirectional) {
          push(out, f.to, { flow: f, to: f.from });
          push(inn, f.from, { flow: f, to: f.to });
        }
      }
      this.outById = out;
      this.inById = inn;
    }
    return { out: this.outById, in: this.inById };
  }

  /**
   * Whether `holds` is true of a boundary around `c` (its own or any ancestor), remembered per
   * boundary under `key`: each boundary is tested once per question, so deep nesting stays
   * linear instead of walking the whole chain for every component. Parent cycles written by hand
   * in YAML end the walk.
   */
  anyBoundary(c: Component, key: string, holds: (b: Boundary) => boolean): boolean {
    if (!c.boundary) return false;
    let memo = this.boundaryMemo.get(key);
    if (!memo) this.boundaryMemo.set(key, (memo = new Map<string, boolean>()));
    const walked: string[] = [];
    const seen = new Set<string>();
    let result = false;
    for (let id: string | undefined = c.boundary; id !== undefined && !seen.has(id);) {
      const known = memo.get(id);
      if (known !== undefined) {
        result = known;
        break;
      }
      const b = this.boundaries.get(id);
      if (!b) break;
      walked.push(id);
      seen.add(id);
      if (holds(b)) {
        result = true;
        break;
      }
      id = b.parent;
    }
    for (const id of walked) memo.set(id, result);
    return result;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const READERS: ReadonlySet<string> = new Set(['llm', 'agent']);
const ANSWERS_WITH_CONTENT: ReadonlySet<string> = new Set(['document-source', 'web-browser']);
const WRITE_WORDS = /\b(write|writes|store|stores|save|saves|index|indexes|upsert|insert|log|logs|send|sends|post|posts|publish|notify|upload|push)\b/i;

/**
 * A model or agent calling a web page or a document source gets content back (an outside API is
 * left out: payments and messaging answer with a status, and their callers' reach would rise),
 * though the diagram draws only the call: the answer is an edge against the arrow, unless the
 * call's label says it writes (post, send, store, ...).
 */
function readsBack(from: Component, to: Component, f: Flow): boolean {
  if (!READERS.has(kindForRules(from)) || !ANSWERS_WITH_CONTENT.has(kindForRules(to))) return false;
  return !(f.label && WRITE_WORDS.test(f.label));
}
