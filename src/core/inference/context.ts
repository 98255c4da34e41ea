/**
 * Diagram context: what the whole diagram is tells what some generic words mean in it.
 * - In a LangGraph export (`__start__` / `__end__` markers) every node is a step of an agent
 *   graph, so a "router" or "orchestrator" step decides with a model: it is an agent.
 * - In a federated-learning diagram, "Client 1" and "Server: Aggregation" are the parties of the
 *   training rounds, not a user's app and a web server: they are training-pipeline steps.
 * Only kinds that came from weak, generic words are changed; declarations never.
 */
import type { Component, ComponentKind, SystemModel } from '../model';
import { tokenize } from './tokens';

const GRAPH_MARKER = /^\w*__(?:start|end)__$/;
const DECIDING_STEPS: ReadonlySet<string> = new Set(['router', 'orchestrator', 'supervisor', 'dispatcher', 'coordinator']);
const FEDERATED: ReadonlySet<string> = new Set(['federated', 'fedavg', 'flower']);
const MAYBE_FEDERATED = /federated|fedavg|flower/i;
const FEDERATED_PARTIES: ReadonlySet<string> = new Set(['client', 'clients', 'server', 'aggregation', 'aggregator', 'aggregate', 'training', 'train', 'round', 'rounds']);
/** Kinds generic words give, that the diagram's context may refine. */
const GENERIC: ReadonlySet<ComponentKind> = new Set(['service', 'client', 'unknown', 'dataset']);

export interface ContextGuess {
  kind: ComponentKind;
  reason: string;
}

const words = (c: Component) => tokenize(`${c.label} ${c.id}`, 400).map((t) => t.word);

export function applyDiagramContext(model: SystemModel, onChange: (c: Component, g: ContextGuess) => void): void {
  let agentGraph = false;
  let federated = false;
  for (const c of model.components) {
    if (GRAPH_MARKER.test(c.label.trim()) || GRAPH_MARKER.test(c.id)) agentGraph = true;
    // A substring test first: tokenizing every label only to find no such word is the common case.
    if (!federated && MAYBE_FEDERATED.test(c.label + c.id) && words(c).some((w) => FEDERATED.has(w))) federated = true;
  }
  if (!federated) federated = model.boundaries.some((b) => tokenize(`${b.label} ${b.id}`, 400).some((t) => FEDERATED.has(t.word)));
  if (!agentGraph && !federated) return;
  for (const c of model.components) {
    if (c.kindSource === 'declared' || !GENERIC.has(c.kind)) continue;
    if (agentGraph && c.kind !== 'service' && !federated) continue;
    const w = words(c);
    if (agentGraph && c.kind === 'service') {
      const step = w.find((x) => DECIDING_STEPS.has(x));
      if (step) { onChange(c, { kind: 'agent', reason: `a "${step}" step of an agent graph (LangGraph export) decides with a model` }); continue; }
    }
    if (federated) {
      const party = w.find((x) => FEDERATED_PARTIES.has(x));
      if (party) onChange(c, { kind: 'training-pipeline', reason: `a "${party}" party of federated training` });
    }
  }
}
