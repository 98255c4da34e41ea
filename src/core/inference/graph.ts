/**
 * The graph layer: roles that only the neighbours reveal. A node that calls a model and tools is
 * an agent; "Researcher" or "Critic" called by an orchestrator are agents, not people; a store
 * fed by an embedding step is a vector store. Runs at most ROUNDS passes, each linear in nodes
 * plus flows, and stops early when a pass changes nothing. Declared kinds never change.
 */
import type { Component, ComponentKind, SystemModel } from '../model';
import { tokenize } from './tokens';

const ROUNDS = 3;
const TOOL_LIKE: ReadonlySet<ComponentKind> = new Set(['tool', 'mcp-server', 'code-executor', 'web-browser']);
const MODEL_LIKE: ReadonlySet<ComponentKind> = new Set(['llm', 'ml-model']);
/** Kinds weak enough for the neighbours to override (when not declared). */
const WEAK: ReadonlySet<ComponentKind> = new Set(['unknown', 'service']);

interface Adjacency {
  out: Map<string, Component[]>;
  in: Map<string, Component[]>;
}

function adjacency(model: SystemModel): Adjacency {
  const byId = new Map(model.components.map((c) => [c.id, c] as const));
  const out = new Map<string, Component[]>();
  const inn = new Map<string, Component[]>();
  const add = (m: Map<string, Component[]>, key: string, c: Component) => {
    const list = m.get(key);
    if (list) list.push(c);
    else m.set(key, [c]);
  };
  for (const f of model.flows) {
    if (f.invisible || f.from === f.to) continue;
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    if (!from || !to) continue;
    add(out, from.id, to);
    add(inn, to.id, from);
    if (f.bidirectional) {
      add(out, to.id, from);
      add(inn, from.id, to);
    }
  }
  return { out, in: inn };
}

/** "User", "Customer": the label itself says a person; only role names ("Researcher") can be agents. */
const PERSON_WORDS: ReadonlySet<string> = new Set(['user', 'users', 'customer', 'customers', 'human', 'person', 'people', 'patient', 'employee']);
function namesAPerson(c: Component): boolean {
  return tokenize(c.label, 200).some((t) => PERSON_WORDS.has(t.word));
}

export interface GraphGuess {
  kind: ComponentKind;
  reason: string;
}

/** Which kind the neighbours give `c`, if they change it. */
function fromNeighbours(c: Component, adj: Adjacency, personShaped: boolean, fanOut: (boss: Component) => { total: number; agents: number }): GraphGuess | undefined {
  const calls = adj.out.get(c.id) ?? [];
  const callers = adj.in.get(c.id) ?? [];
  if (WEAK.has(c.kind) && calls.length >= 2) {
    const model = calls.find((n) => n.kind === 'llm');
    const tools = model ? new Set(calls.filter((n) => TOOL_LIKE.has(n.kind)).map((n) => n.id)) : undefined;
    // A plain service that calls one model and one tool is usually an app; two tools make it an agent.
    const needed = c.kindSource === 'default' ? 1 : 2;
    if (model && tools && tools.size >= needed) {
      return { kind: 'agent', reason: `calls a model ("${model.label}") and ${tools.size} tool${tools.size > 1 ? 's' : ''}` };
    }
  }
  if (c.kind === 'user' && !personShaped && !namesAPerson(c)) {
    // People start requests; a "Researcher" that an agent or orchestrator hands work to is one of its agents.
    const boss = callers.find((n) => n.kind === 'agent');
    if (boss && !callers.some((n) => n.kind === 'user' || n.kind === 'client')) {
      return { kind: 'agent', reason: `called by the agent "${boss.label}"` };
    }
  }
  if (c.kind === 'web-browser' && calls.length > 0 && !callers.some((n) => n.kind === 'agent' || MODEL_LIKE.has(n.kind) || TOOL_LIKE.has(n.kind))) {
    // A browser that only sends requests is the user's client, not a browsing tool of an agent.
    return { kind: 'client', reason: 'a browser that starts requests and that no agent drives' };
  }
  if (c.kind === 'datastore') {
    const isEmbedder = (n: Component) => n.kind === 'embedding-model';
    const embedder = callers.find(isEmbedder) ?? calls.find(isEmbedder);
    if (embedder) return { kind: 'vector-store', reason: `stores what the embedding step "${embedder.label}" produces` };
  }
  if (c.kindSource === 'default' && WEAK.has(c.kind)) {
    // Siblings that an agent fans out to, when most of them are agents, are agents too.
    for (const boss of callers) {
      if (boss.kind !== 'agent') continue;
      // `c` is not an agent, so only the edges to it leave the sibling count.
      const { total, agents } = fanOut(boss);
      const siblings = total - callers.filter((n) => n === boss).length;
      if (siblings >= 2 && agents * 2 > siblings) return { kind: 'agent', reason: `one of the agents "${boss.label}" fans out to` };
    }
  }
  return undefined;
}

/**
 * Applies neighbour evidence to components whose kind is not declared. `onChange` records the
 * new kind and reason (it sets kindSource to `inferred`: the graph is evidence).
 */
export function applyGraphEvidence(model: SystemModel, isPersonShaped: (c: Component) => boolean, isMarker: (c: Component) => boolean, onChange: (c: Component, g: GraphGuess) => void): void {
  if (model.flows.length === 0) return;
  const adj = adjacency(model);
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    // Counted once per agent and round: a hub with many children stays linear.
    const fan = new Map<string, { total: number; agents: number }>();
    const fanOut = (boss: Component) => {
      let f = fan.get(boss.id);
      if (!f) {
        const out = adj.out.get(boss.id) ?? [];
        fan.set(boss.id, (f = { total: out.length, agents: out.filter((n) => n.kind === 'agent').length }));
      }
      return f;
    };
    for (const c of model.components) {
      // Start/end markers and decisions are steps of the drawing; no neighbour makes them a component.
      if (c.kindSource === 'declared' || isMarker(c)) continue;
      const g = fromNeighbours(c, adj, isPersonShaped(c), fanOut);
      if (g && g.kind !== c.kind) {
        onChange(c, g);
        changed = true;
      }
    }
    if (!changed) break;
  }
}
