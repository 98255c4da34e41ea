/**
 * An adjacency view of a SystemModel for the rule engine: O(1) lookups by id, out/in lists, and
 * the trust-boundary chain of each component. Built once per model and shared by every rule.
 */
import type { Boundary, Component, Flow, SystemModel } from '../model';

export interface Edge {
  flow: Flow;
  to: string;
}

export class ModelGraph {
  readonly byId = new Map<string, Component>();
  readonly out = new Map<string, Edge[]>();
  readonly in = new Map<string, Edge[]>();
  /** Dense numbering of components for the path search's typed arrays. */
  readonly nodes: Component[] = [];
  readonly index = new Map<string, number>();
  /** Out-adjacency by node number: target numbers and the flows that carry them. */
  readonly outIdx: number[][] = [];
  readonly outFlow: Flow[][] = [];
  readonly inIdx: number[][] = [];
  private readonly boundaries = new Map<string, Boundary>();
  private readonly boundaryChainCache = new Map<string, Boundary[]>();

  constructor(readonly model: SystemModel) {
    for (const c of model.components) {
      if (this.byId.has(c.id)) continue;
      this.byId.set(c.id, c);
      this.index.set(c.id, this.nodes.length);
      this.nodes.push(c);
      this.outIdx.push([]);
      this.outFlow.push([]);
      this.inIdx.push([]);
    }
    for (const b of model.boundaries) if (!this.boundaries.has(b.id)) this.boundaries.set(b.id, b);
    for (const f of model.flows) {
      if (f.invisible || !this.byId.has(f.from) || !this.byId.has(f.to) || f.from === f.to) continue;
      this.add(f.from, f.to, f);
      if (f.bidirectional) this.add(f.to, f.from, f);
    }
  }

  private add(from: string, to: string, flow: Flow): void {
    push(this.out, from, { flow, to });
    push(this.in, to, { flow, to: from });
    const a = this.index.get(from) as number;
    const b = this.index.get(to) as number;
    this.outIdx[a].push(b);
    this.outFlow[a].push(flow);
    this.inIdx[b].push(a);
  }

  outEdges(id: string): Edge[] {
    return this.out.get(id) ?? [];
  }

  inEdges(id: string): Edge[] {
    return this.in.get(id) ?? [];
  }

  /** Innermost boundary first; guards against parent cycles written by hand in YAML. */
  boundaryChain(c: Component): Boundary[] {
    if (!c.boundary) return [];
    const cached = this.boundaryChainCache.get(c.boundary);
    if (cached) return cached;
    const chain: Boundary[] = [];
    const seen = new Set<string>();
    let b = this.boundaries.get(c.boundary);
    while (b && !seen.has(b.id)) {
      chain.push(b);
      seen.add(b.id);
      b = b.parent ? this.boundaries.get(b.parent) : undefined;
    }
    this.boundaryChainCache.set(c.boundary, chain);
    return chain;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
