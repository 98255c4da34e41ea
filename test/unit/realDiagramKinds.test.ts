/**
 * Kind recognition on real public C4 and architecture-beta diagrams of AI systems
 * (test/corpus/real-c4 and test/corpus/real-architecture, sources in their SOURCES.md). The AI
 * components of each diagram were picked by hand from the diagram alone, following the conventions
 * of test/corpus/real/expected.yaml (hosted model APIs and local models -> llm, MCP hosts such as
 * Cursor or Claude Desktop -> client and so not listed, LLM gateways such as LiteLLM -> gateway and
 * so not listed, evaluation and tracing sinks -> monitoring and so not listed). We report per format
 * how many are recognised as some AI kind (recall) and how many get exactly the expected kind, and
 * hold both above floors the engine met when the corpus was added, so regressions fail.
 * Set THREATLENS_CORPUS_DETAILS=1 to print the misses.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../src/core/document';
import type { ComponentKind } from '../../src/core/model';

const ROOT = path.resolve(__dirname, '..', 'corpus');
const AI_KINDS = new Set<ComponentKind>(['llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser', 'vector-store', 'embedding-model', 'memory', 'prompt-template', 'guardrail', 'training-pipeline', 'dataset', 'model-registry']);

/** File (relative to test/corpus) → component id → the kind a reviewer expects. Files with no AI component map to {}. */
const EXPECTED: Record<string, Record<string, ComponentKind>> = {
  'real-c4/07-xvnpw-nutrition-pro-c4container.mmd': { chatgpt: 'llm' },
  'real-c4/08-yashb98-datamind-c4context.mmd': { llm_cloud: 'llm' },
  'real-c4/09-yashb98-datamind-c4container.mmd': {
    weblm: 'llm', langgraph: 'agent', crewai: 'agent', autogen: 'agent', adk: 'agent',
    mcp_python: 'mcp-server', mcp_sql: 'mcp-server', mcp_viz: 'mcp-server', mcp_kb: 'mcp-server', mcp_report: 'mcp-server',
    mcp_dbt: 'mcp-server', mcp_connector: 'mcp-server',
    vllm: 'llm', ollama: 'llm', cf_workers: 'llm', qdrant: 'vector-store', mongo: 'memory',
  },
  'real-c4/10-rishabh-bajpai-personal-guru-c4context.mmd': { openai: 'llm' },
  'real-c4/11-rishabh-bajpai-personal-guru-c4container.mmd': { openai: 'llm' },
  'real-c4/12-rishabh-bajpai-personal-guru-c4component.mmd': {
    planner: 'agent', teacher: 'agent', assessor: 'agent', feedback: 'agent', chat: 'agent', llm_client: 'llm',
  },
  'real-c4/13-adi-slash-catalogue-c4context.mmd': {},
  'real-c4/14-adi-slash-catalogue-c4container.mmd': { ai: 'llm' },
  'real-c4/15-adi-slash-catalogue-c4component.mmd': { ai_ext: 'llm' },
  'real-c4/16-adi-slash-catalogue-c4deployment.mmd': { ai: 'llm' },
  'real-architecture/04-cyber-sec-space-ai-auth-gateway.mmd': { local: 'mcp-server', github: 'mcp-server', remote: 'mcp-server' },
  'real-architecture/05-deepak10010-ai-healthcare-copilot.mmd': {
    embedding: 'embedding-model', planner_a: 'agent', retriever_a: 'agent', generator_a: 'agent', evaluator_a: 'agent',
    llm: 'llm', context_b: 'prompt-template', vectordb: 'vector-store',
  },
  'real-architecture/06-k5-mot-inferlab.mmd': {
    ollama: 'llm', tei_embedding: 'embedding-model', tei_reranking: 'embedding-model', hermes_agent: 'agent', openrouter: 'llm',
    open_terminal: 'code-executor', searxng: 'tool', qdrant: 'vector-store', dify_plugin_daemon: 'tool', dify_agent_backend: 'agent',
    dify_sandbox: 'code-executor', dify_local_sandbox: 'code-executor', dify_qdrant: 'vector-store',
  },
};

/** Floors measured when the corpus was added: [AI recall, exact-kind share]. */
const FLOORS: Record<string, [number, number]> = { 'real-c4': [0.95, 0.95], 'real-architecture': [0.95, 0.9] };

interface Score { files: number; total: number; found: number; exact: number; misses: string[]; wrongKind: string[]; unknownIds: string[] }

function score(format: string): Score {
  const s: Score = { files: 0, total: 0, found: 0, exact: 0, misses: [], wrongKind: [], unknownIds: [] };
  for (const [file, expected] of Object.entries(EXPECTED).filter(([f]) => f.startsWith(`${format}/`))) {
    const parsed = parseFile(file, readFileSync(path.join(ROOT, file), 'utf8'));
    assert.ok(parsed, file);
    s.files++;
    const components = new Map(parsed.models.flatMap((m) => m.components).map((c) => [c.id, c] as const));
    for (const [id, kind] of Object.entries(expected)) {
      const c = components.get(id);
      if (!c) {
        s.unknownIds.push(`${file} ${id}`);
        continue;
      }
      s.total++;
      const where = `${file} ${id} "${c.label}": expected ${kind}, got ${c.kind} (${c.kindReason || 'no reason'})`;
      if (AI_KINDS.has(c.kind)) s.found++;
      else s.misses.push(where);
      if (c.kind === kind) s.exact++;
      else if (AI_KINDS.has(c.kind)) s.wrongKind.push(where);
    }
  }
  return s;
}

describe('kinds of AI components in real public C4 and architecture diagrams', function () {
  for (const format of ['real-c4', 'real-architecture'] as const) {
    const s = score(format);
    const recall = s.found / s.total;
    const exact = s.exact / s.total;
    const [minRecall, minExact] = FLOORS[format];

    it(`${format}: every expected component exists (${s.files} diagrams, ${s.total} AI components)`, function () {
      assert.deepEqual(s.unknownIds, []);
      assert.ok(s.total > 0);
    });

    it(`${format}: recognises ${s.found}/${s.total} AI components (recall ${recall.toFixed(2)}), ${s.exact}/${s.total} with the exact kind (${exact.toFixed(2)})`, function () {
      if (process.env.THREATLENS_CORPUS_DETAILS) console.log(JSON.stringify({ format, misses: s.misses, wrongKind: s.wrongKind }, null, 1));
      assert.ok(recall >= minRecall, `AI recall ${recall.toFixed(2)} < ${minRecall}; misses:\n  ${s.misses.join('\n  ')}`);
      assert.ok(exact >= minExact, `exact kinds ${exact.toFixed(2)} < ${minExact}; wrong:\n  ${[...s.misses, ...s.wrongKind].join('\n  ')}`);
    });
  }
});
