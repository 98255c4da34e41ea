/**
 * Seeded generators of realistic architecture files for the benchmarks: AI components with
 * product names and fitting node shapes, style classes, subgraphs as trust boundaries (zones
 * nested in an Internet and a private-network boundary), labelled flows of several arrow kinds,
 * and the four annotation kinds (mitigations, acceptances, not-applicable, component properties).
 * The same seed always gives the same text.
 */

/** Component labels and the Mermaid shape each is drawn with. */
const COMPONENTS: readonly [label: string, open: string, close: string, cls?: string][] = [
  ['GPT-4o', '["', '"]', 'ai'],
  ['Claude 3.5 Sonnet', '["', '"]', 'ai'],
  ['Pinecone index', '[("', '")]', 'store'],
  ['LangGraph agent', '("', '")', 'ai'],
  ['SQL tool', '{{"', '"}}'],
  ['Code interpreter', '{{"', '"}}'],
  ['Postgres', '[("', '")]', 'store'],
  ['API gateway', '["', '"]'],
  ['Web UI', '["', '"]'],
  ['Customer', '(["', '"])'],
  ['Embedding model', '["', '"]', 'ai'],
  ['MCP server', '{{"', '"}}'],
  ['Langfuse', '["', '"]'],
  ['Document ingestion', '[/"', '"/]'],
  ['Llama Guard', '["', '"]', 'ai'],
];
const FLOW_WORDS = ['request', 'response', 'query', 'tool call', 'results', 'upload', 'sync', 'embed', 'prompt', 'answer'];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Mermaid flowchart with exactly `nodes` components and `edges` flows. */
export function mermaidFlowchart(nodes: number, edges: number, seed = 1): string {
  const r = rng(seed);
  const lines = ['---', `title: Generated AI platform (${nodes} components)`, '---', 'flowchart LR'];
  lines.push('  classDef ai fill:#eef3ff,stroke:#3a5ccc', '  classDef store fill:#eefbea,stroke:#3a8a3a');
  // Zones of 50 components (fewer in small diagrams, so they still have an Internet and a VPC part).
  const perGroup = Math.max(1, Math.min(50, Math.ceil(nodes / 4)));
  const groups = Math.ceil(nodes / perGroup);
  const publicGroups = Math.max(1, Math.round(groups / 10));
  for (let g = 0; g < groups; g++) {
    if (g === 0) lines.push('  subgraph internet [Internet]');
    if (g === publicGroups) lines.push('  end', '  subgraph vpc [Private VPC]');
    lines.push(`    subgraph zone${g} [Zone ${g}]`);
    for (let i = g * perGroup; i < Math.min(nodes, (g + 1) * perGroup); i++) {
      const [label, open, close, cls] = COMPONENTS[i % COMPONENTS.length];
      lines.push(`      n${i}${open}${label} ${i}${close}${cls && i % 3 === 0 ? `:::${cls}` : ''}`);
    }
    lines.push('    end');
  }
  lines.push('  end');
  for (let e = 0; e < edges; e++) {
    const a = Math.floor(r() * nodes);
    // Never a self-loop: another component, uniformly.
    const b = nodes > 1 ? (a + 1 + Math.floor(r() * (nodes - 1))) % nodes : a;
    const words = FLOW_WORDS[e % FLOW_WORDS.length];
    const arrow = e % 11 === 0 ? '-.->' : e % 13 === 0 ? '==>' : '-->';
    lines.push(e % 3 === 0 ? `  n${a} ${arrow}|${words} ${e}| n${b}` : `  n${a} ${arrow} n${b}`);
  }
  // Decisions on the components they concern: GPT-4o (i % 15 = 0), Claude (1), the API gateway (7).
  for (let i = 0; i < nodes; i += 45) lines.push(`  %% @mitigates n${i} against LLM01:2025 with "input guardrail" (planned)`);
  for (let i = 7; i < nodes; i += 90) lines.push(`  %% @component n${i} exposure=public data=pii`);
  for (let i = 1; i < nodes; i += 105) lines.push(`  %% @accepts n${i} LLM10:2025 because "rate limited at the gateway" owner=platform-team expires=2027-06-30`);
  for (let i = 30; i < nodes; i += 150) lines.push(`  %% @not-applicable n${i} LLM09:2025 because "answers are never shown to end users"`);
  return `${lines.join('\n')}\n`;
}

/** A Threatlens YAML model with `components` components and twice as many flows. */
export function yamlModel(components: number, seed = 1): string {
  const r = rng(seed);
  const kinds = ['llm', 'agent', 'tool', 'vector-store', 'datastore', 'client', 'gateway', 'user', 'embedding-model', 'monitoring'];
  const lines = ['threatlens: 1', 'system: Generated system', 'boundaries:', '  internet: { trust: untrusted }', '  vpc: {}', 'components:'];
  for (let i = 0; i < components; i++) {
    lines.push(`  c${i}:`, `    kind: ${kinds[i % kinds.length]}`, `    label: "${COMPONENTS[i % COMPONENTS.length][0]} ${i}"`, `    boundary: ${i % 7 === 0 ? 'internet' : 'vpc'}`);
    if (i % 25 === 0) lines.push('    mitigations:', '      LLM01:2025: { control: "input guardrail", status: planned }');
  }
  lines.push('flows:');
  for (let i = 0; i < components * 2; i++) lines.push(`  - c${Math.floor(r() * components)} -> c${Math.floor(r() * components)}: ${FLOW_WORDS[i % FLOW_WORDS.length]} ${i}`);
  return `${lines.join('\n')}\n`;
}
