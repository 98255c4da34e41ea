import { strict as assert } from 'node:assert';
import { inferKind, kindFromName, resolveKinds } from '../../src/core/inference/infer';
import { tokenize } from '../../src/core/inference/tokens';
import { emptyModel, type Component } from '../../src/core/model';

const kindOf = (label: string, shape?: string, classes: string[] = []) => inferKind('n1', label, classes, shape).kind;

describe('kind inference', () => {
  const cases: [string, string][] = [
    ['GPT-4o', 'llm'], ['Claude 3.5 Sonnet', 'llm'], ['Llama3 70B', 'llm'], ['Ollama', 'llm'], ['Azure OpenAI', 'llm'],
    ['LangGraph agent', 'agent'], ['Planner', 'agent'], ['CrewAI crew', 'agent'],
    ['Pinecone', 'vector-store'], ['ChromaDB', 'vector-store'], ['pgvector', 'vector-store'], ['Vector DB', 'vector-store'],
    ['text-embedding-3-small', 'embedding-model'], ['Embedding Model', 'embedding-model'],
    ['GitHub MCP server', 'mcp-server'], ['Code Interpreter', 'code-executor'], ['Python REPL', 'code-executor'],
    ['Playwright browser tool', 'web-browser'], ['Llama Guard', 'guardrail'], ['Content moderation', 'guardrail'],
    ['LoRA fine-tuning job', 'training-pipeline'], ['Training dataset', 'dataset'], ['MLflow model registry', 'model-registry'],
    ['Hugging Face Hub', 'model-registry'], ['Langfuse tracing', 'monitoring'], ['Document ingestion & chunking', 'ingestion'],
    ['Conversation memory', 'memory'], ['System prompt template', 'prompt-template'], ['Postgres', 'datastore'],
    ['API Gateway', 'gateway'], ['Customer', 'user'], ['Web UI', 'client'], ['SQL query tool', 'tool'],
  ];
  for (const [label, kind] of cases) it(`"${label}" is ${kind}`, () => assert.equal(kindOf(label), kind));

  it('lets words beat the cylinder shape but uses the shape alone as a hint', () => {
    assert.equal(kindOf('Self-hosted Llama 3 on vLLM', 'cyl'), 'llm');
    assert.equal(kindOf('Orders', 'cyl'), 'datastore');
  });

  it('leaves unknown words unknown rather than guessing an AI kind', () => {
    for (const label of ['Foo', 'Step 3', 'Billing', 'Ledger reconciliation', 'A']) assert.equal(kindOf(label), 'unknown', label);
  });

  it('explains which words it used', () => {
    const g = inferKind('kb', 'Pinecone knowledge base', []);
    assert.equal(g.kind, 'vector-store');
    assert.match(g.reason, /Pinecone/);
  });

  it('resolves declared names and aliases', () => {
    assert.equal(kindFromName('vector_store'), 'vector-store');
    assert.equal(kindFromName('LLM'), 'llm');
    assert.equal(kindFromName('mcp'), 'mcp-server');
    assert.equal(kindFromName('nonsense'), undefined);
  });
});

describe('resolveKinds', () => {
  const comp = (id: string, label: string, classes: string[] = []): Component => ({ id, label, span: { start: 0, end: 1 }, kind: 'unknown', kindSource: 'default', kindReason: '', classes, properties: {} });

  it('prefers @component kind over a class, and a class over inference', () => {
    const m = emptyModel('mermaid', { start: 0, end: 10 });
    m.components.push(comp('a', 'GPT-4o', ['agent']), comp('b', 'Pinecone'), comp('c', 'Customer'));
    m.annotations.push({ type: 'component', target: 'b', targetSpan: { start: 0, end: 1 }, span: { start: 0, end: 1 }, properties: { kind: 'memory', data: 'pii' }, propertySpans: {} });
    resolveKinds(m);
    assert.deepEqual(m.components.map((c) => [c.kind, c.kindSource]), [['agent', 'declared'], ['memory', 'declared'], ['user', 'inferred']]);
    assert.equal(m.components[1].properties.data, 'pii');
    assert.match(m.components[0].kindReason, /class agent/);
  });

  it('marks hosted model APIs as third-party providers', () => {
    const m = emptyModel('mermaid', { start: 0, end: 10 });
    m.components.push(comp('llm', 'GPT-4o via Azure OpenAI'), comp('local', 'Llama 3 on Ollama'));
    resolveKinds(m);
    assert.equal(m.components[0].properties.provider, 'third-party');
    assert.equal(m.components[1].properties.provider, undefined);
  });
});

describe('tokenize', () => {
  it('splits camelCase and keeps plural acronyms whole', () => {
    assert.deepEqual(tokenize('vectorDB LLMs OpenAI gpt-4o').map((t) => t.word), ['vector', 'db', 'llms', 'open', 'ai', 'gpt', '4o']);
  });
});
