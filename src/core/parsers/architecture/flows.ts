/**
 * Edges → flows. An arrowhead (`-->`, `<--`) gives the direction; a plain `--` is read as written,
 * left to right, as the flowchart parser reads `---`. Junctions only route lines, so they are not
 * components: every edge into a cluster of joined junctions becomes a flow to every edge out of it.
 */
import type { DiagramBuilder } from '../common/diagramBuilder';
import type { ArchState, Edge } from './statements';

/** Keeps a hub of junctions with thousands of edges from multiplying into millions of flows. */
const MAX_PER_CLUSTER = 10_000;

interface Directed {
  from: string;
  to: string;
  both: boolean;
  edge: Edge;
}

function direct(e: Edge): Directed {
  if (e.lhsInto && !e.rhsInto) return { from: e.rhs.text, to: e.lhs.text, both: false, edge: e };
  return { from: e.lhs.text, to: e.rhs.text, both: e.lhsInto && e.rhsInto, edge: e };
}

function find(parent: Map<string, string>, x: string): string {
  let root = x;
  while (parent.get(root) !== root) root = parent.get(root) ?? root;
  let k = x;
  while (k !== root) {
    const next = parent.get(k) ?? root;
    parent.set(k, root);
    k = next;
  }
  return root;
}

export function addFlows(model: DiagramBuilder, state: ArchState): void {
  const isJunction = (id: string) => state.ids.get(id) === 'junction';
  const parent = new Map<string, string>();
  for (const [id, what] of state.ids) if (what === 'junction') parent.set(id, id);
  for (const e of state.edges) {
    if (isJunction(e.lhs.text) && isJunction(e.rhs.text)) parent.set(find(parent, e.lhs.text), find(parent, e.rhs.text));
  }
  const feeders = new Map<string, Directed[]>();
  const receivers = new Map<string, Directed[]>();
  const push = (m: Map<string, Directed[]>, k: string, d: Directed) => {
    const list = m.get(k);
    if (list) list.push(d);
    else m.set(k, [d]);
  };
  for (const e of state.edges) {
    const d = direct(e);
    const fromJ = isJunction(d.from);
    const toJ = isJunction(d.to);
    if (fromJ && toJ) continue;
    if (!fromJ && !toJ) {
      model.flow(d.from, d.to, e.start, e.end, { arrow: arrowText(e), bidirectional: d.both, ...(e.title ? { label: e.title } : {}) });
      continue;
    }
    const cluster = find(parent, fromJ ? d.from : d.to);
    const outside = fromJ ? d.to : d.from;
    // Seen from the cluster: an edge into it feeds it, one out of it receives; both ways does both.
    if (!fromJ || d.both) push(feeders, cluster, { ...d, from: outside });
    if (fromJ || d.both) push(receivers, cluster, { ...d, to: outside });
  }
  for (const [cluster, ins] of feeders) {
    let budget = MAX_PER_CLUSTER;
    const outs = receivers.get(cluster) ?? [];
    for (let i = 0; i < ins.length && budget > 0; i++) {
      const a = ins[i];
      for (let k = 0; k < outs.length && budget > 0; k++) {
        const b = outs[k];
        if (a.from === b.to) continue;
        budget--;
        const label = a.edge.title ?? b.edge.title;
        model.flow(a.from, b.to, a.edge.start, a.edge.end, { arrow: arrowText(a.edge), ...(label ? { label } : {}) });
      }
    }
  }
}

function arrowText(e: Edge): string {
  return `${e.lhsInto ? '<' : ''}--${e.rhsInto ? '>' : ''}`;
}
