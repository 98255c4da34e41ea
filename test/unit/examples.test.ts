/**
 * Expected findings for every example, reviewed by hand: the threats a reviewer would raise on
 * each system must be there, with the status its annotations give, and plainly wrong ones must not.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/core/engine';
import type { FileResult } from '../../src/core/report/types';

const engine = new Engine(undefined, { today: '2026-11-23' });
const analyse = (path: string): FileResult => {
  const r = engine.analyze(path, readFileSync(path, 'utf8'));
  assert.ok(r, path);
  return r;
};

/** `component OWASP-id status` triples present in the result. */
function triples(r: FileResult): Set<string> {
  return new Set(r.findings.flatMap((f) => f.owasp.map((o) => `${f.componentId} ${o} ${f.status}`)));
}

function expectAll(r: FileResult, expected: string[]): void {
  const got = triples(r);
  const missing = expected.filter((e) => !got.has(e));
  assert.deepEqual(missing, [], `missing in ${r.file.path}; got:\n${[...got].sort().join('\n')}`);
}

function expectNone(r: FileResult, components: string[]): void {
  const flagged = r.findings.filter((f) => components.includes(f.componentId)).map((f) => `${f.componentId} ${f.ruleId}`);
  assert.deepEqual(flagged, []);
}

describe('examples: expected findings', () => {
  it('RAG support bot with uploads', () => {
    const r = analyse('examples/rag-support-bot.mmd');
    expectAll(r, [
      'llm LLM01:2025 mitigated', // the @mitigates annotation (implemented)
      'llm LLM09:2025 accepted', // the @accepts annotation, not yet expired
      'llm LLM02:2025 open', // public users, a model that sees ticket data
      'llm LLM10:2025 open', // public widget, no gateway or rate limit
      'kb LLM08:2025 open', // vector store fed by customer uploads
      'kb LLM04:2025 open',
      'ingest LLM04:2025 open',
      'web LLM05:2025 open', // answers rendered as HTML
      'llm LLM07:2025 open', // a system prompt template behind a public model
      'embed LLM08:2025 open',
    ]);
    expectNone(r, ['customer', 'uploads']);
    assert.deepEqual(r.problems.filter((p) => p.severity !== 'info'), []);
  });

  it('tool-using agent with SQL and code execution', () => {
    const r = analyse('examples/sql-code-agent.mmd');
    expectAll(r, [
      'agent LLM06:2025 open', // write-capable tools, no human approval
      'agent ASI02:2026 open',
      'agent LLM01:2025 open',
      'py LLM05:2025 open', // model output executed as code
      'py ASI05:2026 open',
      'dwh LLM05:2025 open', // generated SQL runs against the warehouse
      'mem ASI06:2026 open', // memory written and read back
      'model LLM03:2025 open', // hosted third-party model
    ]);
    expectNone(r, ['analyst']);
  });

  it('multi-agent system with MCP servers (Markdown fences)', () => {
    const r = analyse('examples/multi-agent-mcp.md');
    assert.equal(r.file.models.length, 2);
    expectAll(r, [
      'community LLM03:2025 open', // MCP server from a public registry
      'community ASI04:2026 open',
      'researcher ASI01:2026 open', // web pages can steer the research agent
      'coder LLM06:2025 open',
      'planner ASI07:2026 open', // agent-to-agent messages
      'planner ASI08:2026 open',
    ]);
    const src = r.file.text;
    const planner = r.findings.find((f) => f.componentId === 'planner')!;
    assert.equal(src.slice(planner.span.start, planner.span.end), 'planner', 'positions map back into the Markdown file');
    expectNone(r, ['dev']);
  });

  it('fine-tuning pipeline with dataset, registry and public hub', () => {
    const r = analyse('examples/fine-tuning-pipeline.mmd');
    expectAll(r, [
      'train LLM03:2025 open', // base weights from a public hub
      'train LLM04:2025 open', // scraped forum data in the training set
      'train LLM02:2025 open', // PII tickets used for training
      'ds LLM04:2025 open',
      'registry LLM03:2025 open',
      'serve LLM01:2025 open',
    ]);
    expectNone(r, ['user', 'app']);
  });

  it('YAML model of a travel booking agent', () => {
    const r = analyse('examples/travel-agent.threatlens.yaml');
    expectAll(r, [
      'assistant LLM06:2025 mitigated', // the implemented confirmation step
      'assistant LLM01:2025 open',
      'assistant ASI01:2026 open',
      'gpt LLM03:2025 open', // third-party provider
      'gpt LLM09:2025 open',
      'payments ASI02:2026 open',
    ]);
    expectNone(r, ['mobile-app', 'gateway', 'profiles']);
    assert.deepEqual(r.problems, []);
  });

  it('every finding points at the id of its component', () => {
    for (const path of ['examples/rag-support-bot.mmd', 'examples/sql-code-agent.mmd', 'examples/multi-agent-mcp.md', 'examples/fine-tuning-pipeline.mmd', 'examples/travel-agent.threatlens.yaml']) {
      const r = analyse(path);
      for (const f of r.findings) assert.equal(r.file.text.slice(f.span.start, f.span.end), f.componentId, `${path} ${f.ruleId}`);
    }
  });
});
