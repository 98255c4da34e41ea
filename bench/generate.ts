/**
 * Seeded generators of realistic architecture files for the benchmarks: AI components with
 * product names, subgraphs as trust boundaries, labelled flows and annotations.
 */
const KINDS = ['GPT-4o', 'Claude 3.5 Sonnet', 'Pinecone index', 'LangGraph agent', 'SQL tool', 'Code interpreter', 'Postgres', 'API gateway', 'Web UI', 'Customer', 'Embedding model', 'MCP server', 'Langfuse', 'Document ingestion', 'Llama Guard'];

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

export function mermaidFlowchart(nodes: number, edges: number, seed = 1): string {
  const r = rng(seed);
  const lines = ['flowchart LR'];
  const perGroup = 50;
  for (let g = 0; g * perGroup < nodes; g++) {
    lines.push(`  subgraph zone${g} [Zone ${g}]`);
    for (let i = g * perGroup; i < Math.min(nodes, (g + 1) * perGroup); i++) {
      lines.push(`    n${i}["${KINDS[i % KINDS.length]} ${i}"]`);
    }
    lines.push('  end');
  }
  for (let e = 0; e < edges; e++) {
    const a = Math.floor(r() * nodes);
    const b = Math.floor(r() * nodes);
    lines.push(e % 3 === 0 ? `  n${a} -->|request ${e}| n${b}` : `  n${a} --> n${b}`);
  }
  for (let i = 0; i < nodes; i += 40) lines.push(`  %% @mitigates n${i} against LLM01:2025 with "input guardrail" (planned)`);
  return `${lines.join('\n')}\n`;
}

export function yamlModel(components: number, seed = 1): string {
  const r = rng(seed);
  const kinds = ['llm', 'agent', 'tool', 'vector-store', 'datastore', 'client', 'gateway', 'user', 'embedding-model', 'monitoring'];
  const lines = ['threatlens: 1', 'system: Generated system', 'boundaries:', '  internet: { trust: untrusted }', '  vpc: {}', 'components:'];
  for (let i = 0; i < components; i++) {
    lines.push(`  c${i}:`, `    kind: ${kinds[i % kinds.length]}`, `    label: "${KINDS[i % KINDS.length]} ${i}"`, `    boundary: ${i % 7 === 0 ? 'internet' : 'vpc'}`);
    if (i % 25 === 0) lines.push('    mitigations:', '      LLM01:2025: { control: "input guardrail", status: planned }');
  }
  lines.push('flows:');
  for (let i = 0; i < components * 2; i++) lines.push(`  - c${Math.floor(r() * components)} -> c${Math.floor(r() * components)}: call ${i}`);
  return `${lines.join('\n')}\n`;
}
