/**
 * Decides each component's kind. A declaration always wins (YAML `kind:`, `@component X kind=`,
 * a class named after a kind); otherwise the vocabulary scores the words of the id, label and
 * classes, and the node shape adds a weak hint. Every decision records a human-readable reason.
 */
import type { Boundary, Component, ComponentKind, KindHint, SystemModel } from '../model';
import { COMPONENT_KINDS, isComponentKind } from '../model';
import { tokenize, type Token } from './tokens';
import { applyDiagramContext } from './context';
import { applyGraphEvidence } from './graph';
import { stepVerb } from './stepNames';
import { addSubgraphEndpoints, kindFromMembers } from './subgraphs';
import { KIND_ALIASES } from './vocabulary';
import { isDrawingStep, isMarker, PAYLOAD_LABEL, visibleText } from './markers';
import { inferProperties } from './properties';
import { WORD_ENTRIES } from './words';

interface PhraseEntry {
  words: string[];
  kind: ComponentKind;
  weight: number;
}

/** First word → phrases starting with it, longest first, so matching is one pass over the tokens. */
const PHRASES: Map<string, PhraseEntry[]> = buildPhraseIndex();

function buildPhraseIndex(): Map<string, PhraseEntry[]> {
  const index = new Map<string, PhraseEntry[]>();
  for (const { words, kind, weight } of WORD_ENTRIES) {
    const list = index.get(words[0]) ?? [];
    list.push({ words, kind, weight });
    index.set(words[0], list);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length || b.weight - a.weight);
  return index;
}

/** Ties go to the more specific, more security-relevant kind. */
const PRIORITY: ComponentKind[] = [
  'mcp-server', 'code-executor', 'guardrail', 'web-browser', 'embedding-model', 'vector-store', 'agent', 'memory',
  'model-registry', 'training-pipeline', 'dataset', 'prompt-template', 'ml-model', 'llm', 'tool', 'ingestion', 'monitoring',
  'document-source', 'external-api', 'gateway', 'datastore', 'client', 'user', 'service', 'unknown',
];

const SHAPE_HINTS: Record<string, ComponentKind> = {
  cyl: 'datastore', cylinder: 'datastore', database: 'datastore', db: 'datastore', 'lin-cyl': 'datastore',
  'h-cyl': 'datastore', das: 'datastore', disk: 'datastore', 'horizontal-cylinder': 'datastore',
  doc: 'document-source', docs: 'document-source', document: 'document-source', documents: 'document-source',
  'lin-doc': 'document-source', 'tag-doc': 'document-source', 'st-doc': 'document-source',
  // C4 `Person` and sequence-diagram `actor` are drawn as people; architecture-beta's built-in
  // icons (`database` and `disk` are above) name what a service is.
  person: 'user', actor: 'user', server: 'service', cloud: 'external-api', internet: 'document-source',
};

const MIN_SCORE = 2;
const STEP_VERB_WEIGHT = 4;
/** The label's own word "agent": what refines a model or a service into an agent. */
const AGENT_WORD = /\bagents?\b/i;

export interface KindGuess {
  kind: ComponentKind;
  reason: string;
  /** 0..1: how clearly the words chose this kind over the runner-up. */
  confidence: number;
  /** Decided by a step name's verb alone: an enclosing "Tools" group says more. */
  byVerbOnly?: boolean;
  /** Words that contributed, as written. */
  evidence: string[];
}

interface Source {
  /** `id`, `label`, `class`, or a hint's source (`technology`, `icon`, …). */
  where: string;
  text: string;
  /** Ids are often abbreviations or reused names; the label is what the author meant to say. */
  weight: number;
}

function tokenMatches(token: string, word: string, isLast: boolean): boolean {
  if (token === word) return true;
  if (token.length > 3 && token.endsWith('s') && token.slice(0, -1) === word) return true;
  // Version suffixes glued to product names: gpt4o, llama3, qwen2.5, claude3.
  if (!isLast || word.length < 3 || !token.startsWith(word)) return false;
  const rest = token.slice(word.length);
  return /^[0-9][0-9a-z]*$/.test(rest);
}


/** Prose describes what a thing serves ("each user keeps a list"): it never makes it a person. */
const NOT_FROM_PROSE: ReadonlySet<ComponentKind> = new Set(['user']);

/** Returns whether a phrase of several words starts at the first token ("extract figures"). */
function scoreSource(src: Source, scores: Map<ComponentKind, number>, evidence: Map<ComponentKind, string[]>): boolean {
  let phraseAtStart = false;
  const text = visibleText(src.text);
  const tokens: Token[] = tokenize(text, 4000, (w) => PHRASES.has(w));
  let i = 0;
  while (i < tokens.length) {
    const w = tokens[i].word;
    const candidates = PHRASES.get(w) ?? (w.length > 3 && w.endsWith('s') ? PHRASES.get(w.slice(0, -1)) : undefined) ?? prefixCandidates(w);
    let matched: PhraseEntry | undefined;
    for (const p of candidates) {
      if (i + p.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.words.length && ok; k++) ok = tokenMatches(tokens[i + k].word, p.words[k], k === p.words.length - 1);
      if (ok) { matched = p; break; }
    }
    if (!matched) { i++; continue; }
    // All entries of the same phrase share its length; credit every kind that lists this exact phrase.
    for (const p of candidates) {
      if (p.words.join(' ') !== matched.words.join(' ')) continue;
      if (src.where === 'description' && NOT_FROM_PROSE.has(p.kind)) continue;
      scores.set(p.kind, (scores.get(p.kind) ?? 0) + p.weight * src.weight);
      const written = text.slice(tokens[i].start, tokens[i + matched.words.length - 1].end);
      const list = evidence.get(p.kind) ?? [];
      list.push(`${src.where} "${written}"`);
      evidence.set(p.kind, list);
    }
    if (i === 0 && matched.words.length > 1) phraseAtStart = true;
    i += matched.words.length;
  }
  return phraseAtStart;
}

/** Tokens like `gpt4o` have no exact entry; look up their alphabetic head. */
function prefixCandidates(word: string): PhraseEntry[] {
  const head = /^[a-z]+/.exec(word)?.[0];
  if (!head || head === word || head.length < 3) return [];
  return (PHRASES.get(head) ?? []).filter((p) => p.words.length === 1);
}

export function inferKind(id: string, label: string, classes: string[], shape?: string, hints: readonly KindHint[] = []): KindGuess {
  // A C4 `Person` is a human whatever its description says ("Data scientist: trains the models").
  if (shape === 'person') return { kind: 'user', reason: 'drawn as a person (C4 Person)', evidence: ['person shape'], confidence: 0.9 };
  // "Generated SQL Query" is what the previous step hands on: a payload box, not a component.
  if (/^__(?:start|end)__$/.test(label.trim())) return { kind: 'unknown', reason: 'a start or end marker of the graph', evidence: [], confidence: 0 };
  if (PAYLOAD_LABEL.test(visibleText(label))) return { kind: 'unknown', reason: 'names data handed between steps, not a component', evidence: [], confidence: 0 };
  const scores = new Map<ComponentKind, number>();
  const evidence = new Map<ComponentKind, string[]>();
  const sources: Source[] = [{ where: 'label', text: label, weight: 1 }];
  if (id !== label) sources.push({ where: 'id', text: id, weight: 0.75 });
  for (const c of classes) sources.push({ where: 'class', text: c, weight: 0.75 });
  for (const h of hints) {
    if (h.kind === undefined) {
      sources.push({ where: h.source, text: h.text, weight: h.weight });
      continue;
    }
    // A field that names the kind counts like a strong word (3) of the label.
    scores.set(h.kind, (scores.get(h.kind) ?? 0) + 3 * h.weight);
    evidence.set(h.kind, [...(evidence.get(h.kind) ?? []), `${h.source} "${h.text}"`]);
  }
  let phraseAtStart = false;
  for (const s of sources) if (scoreSource(s, scores, evidence) && s.where === 'label') phraseAtStart = true;
  // The verb of a function-style name outweighs the noun after it: `generate_sql` writes SQL.
  // A listed phrase that begins with the verb ("extract figures") already says what it is.
  const step = phraseAtStart ? undefined : stepVerb(label) ?? (id !== label ? stepVerb(id) : undefined);
  if (step) {
    scores.set(step.kind, (scores.get(step.kind) ?? 0) + STEP_VERB_WEIGHT);
    evidence.set(step.kind, [`step verb "${step.verb}"`, ...(evidence.get(step.kind) ?? [])]);
  }
  const shapeKind = shape ? SHAPE_HINTS[shape] : undefined;
  if (shapeKind) {
    scores.set(shapeKind, (scores.get(shapeKind) ?? 0) + 2);
    evidence.set(shapeKind, [...(evidence.get(shapeKind) ?? []), `${shape} shape`]);
  }
  let best: ComponentKind = 'unknown';
  let bestScore = 0;
  let runnerUp = 0;
  for (const kind of PRIORITY) {
    const s = scores.get(kind) ?? 0;
    if (s > bestScore) { runnerUp = bestScore; best = kind; bestScore = s; } else if (s > runnerUp) runnerUp = s;
  }
  if (bestScore < MIN_SCORE) return { kind: 'unknown', reason: 'no known words in its id or label', evidence: [], confidence: 0 };
  // "MongoDB: episodic agent memory" is memory kept in MongoDB: the product names the store, the
  // words name its AI role, which is what the threats follow.
  const specific = GENERIC_REFINEMENTS[best]?.filter((k) => (scores.get(k) ?? 0) > MIN_SCORE && (best === 'datastore' || AGENT_WORD.test(visibleText(label)))).sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0];
  if (specific) best = specific;
  const ev = evidence.get(best) ?? [];
  const confidence = Math.round(Math.min(0.95, Math.max(0.3, 0.3 + 0.08 * bestScore - 0.08 * runnerUp)) * 100) / 100;
  const byVerbOnly = step?.kind === best && bestScore - STEP_VERB_WEIGHT < MIN_SCORE;
  return { kind: best, reason: `inferred from ${ev.slice(0, 3).join(', ')}`, evidence: ev, confidence, byVerbOnly };
}

/** Resolves `kind=` values and class names such as `vector_store` or `vectordb` to a kind. */
export function kindFromName(name: string): ComponentKind | undefined {
  const n = name.trim().toLowerCase();
  if (isComponentKind(n)) return n;
  return KIND_ALIASES[n];
}

/**
 * Classes are mostly styling, so only a kind's own name (in any common spelling) declares it:
 * `llm`, `vector-store`, `vector_store`, `vectorStore`; plus `db`/`database` for datastores.
 */
export function kindFromClass(cls: string): ComponentKind | undefined {
  const n = cls.trim().replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace(/_/g, '-');
  if (isComponentKind(n)) return n;
  const compact = n.replace(/-/g, '');
  const kind = (COMPONENT_KINDS as readonly string[]).find((k) => k.replace(/-/g, '') === compact);
  if (kind) return kind as ComponentKind;
  return n === 'db' || n === 'database' ? 'datastore' : undefined;
}

/**
 * Fills kind, kindSource and kindReason on every component, merges `@component` properties, then
 * infers the properties the diagram implies (properties.ts).
 * Mutates the model in place: parsers build it, this finishes it, nothing else writes it.
 */
export function resolveKinds(model: SystemModel): void {
  const subgraphs = addSubgraphEndpoints(model);
  const byId = new Map(model.components.map((c) => [c.id, c] as const));
  for (const a of model.annotations) {
    if (a.type !== 'component') continue;
    const c = byId.get(a.target);
    if (!c) continue;
    for (const [k, v] of Object.entries(a.properties)) {
      if (k === 'kind') continue;
      c.properties[k] = v;
    }
    const declared = a.properties.kind !== undefined ? kindFromName(a.properties.kind) : undefined;
    if (declared) setKind(c, declared, 'declared', `declared with @component ${a.target} kind=${a.properties.kind}`, 1);
  }
  let boundaryById: Map<string, Boundary> | undefined;
  const boundaryOf = (c: Component) => {
    if (!c.boundary) return undefined;
    if (!boundaryById) {
      // The first boundary with each id, as `find` would pick it.
      boundaryById = new Map<string, Boundary>();
      for (const b of model.boundaries) if (!boundaryById.has(b.id)) boundaryById.set(b.id, b);
    }
    return boundaryById.get(c.boundary);
  };
  for (const c of model.components) {
    if (c.kindSource === 'declared') continue;
    const declaredClass = c.classes.map((cls) => ({ cls, kind: kindFromClass(cls) })).find((x) => x.kind && x.kind !== 'unknown');
    const guess = inferKind(c.id, c.label, c.classes, c.shape, c.hints);
    if (declaredClass?.kind) {
      // Real diagrams use coarse styling classes (`:::db` on a vector store, `:::llm` on an
      // embedding model); words naming a more specific kind of the same family refine the class.
      if (REFINEMENTS[declaredClass.kind]?.includes(guess.kind)) {
        setKind(c, guess.kind, 'declared', `declared with class ${declaredClass.cls}, refined: ${guess.reason}`, 1, guess.evidence);
      } else {
        setKind(c, declaredClass.kind, 'declared', `declared with class ${declaredClass.cls}`, 1);
      }
      continue;
    }
    // A node called "Local server" in a group "MCP servers" is an MCP server: a generic guess yields to the group.
    if (guess.kind === 'unknown' || guess.kind === 'service' || guess.byVerbOnly) {
      // C4 `System_Ext` and friends: run by someone else, so with no better word an external API.
      if (c.properties.provider === 'external' && c.shape !== 'person') {
        setKind(c, 'external-api', 'inferred', 'inferred from its form: an external C4 element', 0.5, ['external C4 element']);
        continue;
      }
      const fromBoundary = kindFromBoundary(boundaryOf(c));
      if (fromBoundary) {
        setKind(c, fromBoundary.kind, 'inferred', fromBoundary.reason, 0.55, [fromBoundary.reason]);
        continue;
      }
    }
    setKind(c, guess.kind, guess.kind === 'unknown' ? 'default' : 'inferred', guess.reason, guess.confidence, guess.evidence);
  }
  for (const c of subgraphs) {
    if (c.kindSource !== 'default') continue;
    const fromMembers = kindFromMembers(model, c);
    if (fromMembers) setKind(c, fromMembers.kind, 'inferred', `inferred from its members: ${fromMembers.reason}`, 0.5, [fromMembers.reason]);
  }
  applyDiagramContext(model, (c, g) => setKind(c, g.kind, 'inferred', `inferred from the diagram: ${g.reason}`, 0.55, [...(c.kindEvidence ?? []), g.reason]));
  applyGraphEvidence(model, (c) => c.shape === 'person' || c.shape === 'actor', isMarker, (c, g) => {
    setKind(c, g.kind, 'inferred', `inferred from the graph: ${g.reason}`, 0.6, [...(c.kindEvidence ?? []), g.reason]);
  });
  for (const c of model.components) {
    if (c.kind !== 'unknown' || c.kindSource !== 'default' || isDrawingStep(c)) continue;
    // With no evidence at all, a box in an architecture diagram is most often some service.
    // kindSource stays `default` so the editor can still say the component was not recognised.
    setKind(c, 'service', 'default', 'no known words in its id or label; treated as a generic service', 0.1, []);
  }
  inferProperties(model);
}

/** Generic kinds that an inferred, more specific kind of the same family replaces. */
const GENERIC_REFINEMENTS: Partial<Record<ComponentKind, ComponentKind[]>> = {
  datastore: ['vector-store', 'memory', 'model-registry'],
  // "Ops agent - Claude Sonnet via Bedrock" is an agent that uses an LLM: the model words say what
  // it runs on. Only the label's own word "agent" counts: a technology "agents" or a role word
  // ("orchestrator") is not enough.
  llm: ['agent'],
  // "Retriever Agent" on a server icon: the label's role word says more than the hosting.
  service: ['agent'],
};

/** Kinds a class-declared kind may be narrowed to by the label's words. */
const REFINEMENTS: Partial<Record<ComponentKind, ComponentKind[]>> = {
  datastore: ['vector-store', 'memory', 'dataset', 'model-registry'],
  llm: ['embedding-model', 'agent', 'guardrail'],
  tool: ['mcp-server', 'code-executor', 'web-browser'],
  service: ['llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser', 'vector-store', 'embedding-model', 'memory', 'guardrail', 'gateway', 'ingestion', 'monitoring', 'training-pipeline', 'model-registry', 'prompt-template'],
};

/** Nodes with unhelpful names inside a "Tools" or "Agents" subgraph take the group's kind. */
const GROUP_KINDS: [string, ComponentKind][] = [
  ['tools', 'tool'], ['tool', 'tool'], ['agents', 'agent'], ['guardrails', 'guardrail'], ['mcp', 'mcp-server'],
  // "External services", "Third-party APIs", "Integrations": what sits there is someone else's service.
  ['external', 'external-api'], ['third', 'external-api'], ['integrations', 'external-api'], ['saas', 'external-api'], ['vendors', 'external-api'],
];

function kindFromBoundary(b: Boundary | undefined): { kind: ComponentKind; reason: string } | undefined {
  if (!b) return undefined;
  const words = new Set(tokenize(`${b.label} ${b.id}`).map((t) => t.word));
  const hit = GROUP_KINDS.find(([w]) => words.has(w));
  return hit ? { kind: hit[1], reason: `inferred from its group "${b.label}"` } : undefined;
}

function setKind(c: Component, kind: ComponentKind, source: Component['kindSource'], reason: string, confidence: number, evidence?: string[]): void {
  c.kind = kind;
  c.kindSource = source;
  c.kindReason = reason;
  c.kindConfidence = confidence;
  c.kindEvidence = evidence && evidence.length > 0 ? evidence : [reason];
}

