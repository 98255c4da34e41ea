/** The C4, architecture-beta and sequence parsers: model, exact ranges, problems and kinds. */
import assert from 'node:assert/strict';
import { parseFile } from '../../src/core/document';
import { Engine } from '../../src/core/engine';
import type { ParseResult, Span } from '../../src/core/model';
import { parseMermaid } from '../../src/core/parsers/mermaid';

const at = (text: string, s: Span, offset = 0) => text.slice(s.start - offset, s.end - offset);
const codes = (r: ParseResult) => r.problems.map((p) => p.code);
const flows = (r: ParseResult) => r.model.flows.map((f) => `${f.from}->${f.to}${f.label ? `:${f.label}` : ''}${f.bidirectional ? ' (both)' : ''}`);
const kinds = (path: string, text: string) => {
  const file = parseFile(path, text);
  assert.ok(file);
  return Object.fromEntries(file.models.flatMap((m) => m.components.map((c) => [c.id, c.kind])));
};

describe('C4 parser', function () {
  const text = [
    'C4Container',
    'title Support bot',
    'Person(customer, "Customer")',
    'System_Boundary(b1, "Platform") {',
    '  Container(api, "Support API", "Python, FastAPI", "Answers questions")',
    '  ContainerDb(kb, "Help articles", "Qdrant")',
    '  Container_Boundary(inner, "Workers")',
    '  {',
    '    Component(loader, "Loader", $techn="LangChain document loader")',
    '  }',
    '}',
    'System_Ext(model, "Hosted model", "OpenAI GPT-4o")',
    'Rel(customer, api, "Asks", "HTTPS")',
    'BiRel(api, kb, "Searches")',
    'Rel_R(api, model, "Prompt")',
    '%% @mitigates model against LLM01:2025 with "delimited context" (implemented)',
  ].join('\n');
  const r = parseMermaid(text, 100);

  it('reads elements with exact ranges, labels and boundaries', function () {
    assert.deepEqual(codes(r), []);
    assert.equal(r.model.diagram, 'c4');
    assert.equal(r.model.name, 'Support bot');
    const api = r.model.components.find((c) => c.id === 'api');
    assert.ok(api);
    assert.equal(at(text, api.span, 100), 'api');
    assert.equal(at(text, api.labelSpan as Span, 100), 'Support API');
    assert.equal(api.boundary, 'b1');
    assert.equal(api.properties.technology, 'Python, FastAPI');
    assert.deepEqual(r.model.boundaries.map((b) => [b.id, b.label, b.parent ?? '', b.members.join(',')]), [
      ['b1', 'Platform', '', 'api,kb'], ['inner', 'Workers', 'b1', 'loader'],
    ]);
    assert.equal(r.model.components.find((c) => c.id === 'model')?.properties.provider, 'external');
  });

  it('reads relationships as flows, BiRel both ways, and annotations', function () {
    assert.deepEqual(flows(r), ['customer->api:Asks', 'api->kb:Searches (both)', 'api->model:Prompt']);
    assert.equal(at(text, r.model.flows[0].span, 100), 'Rel');
    assert.deepEqual(r.model.flows[0].tags, ['HTTPS']);
    assert.equal(r.model.annotations.length, 1);
    assert.equal(at(text, r.model.annotations[0].targetSpan, 100), 'model');
  });

  it('lets technology and description feed kind inference', function () {
    const k = kinds('c.mmd', text);
    assert.equal(k.kb, 'vector-store');
    assert.equal(k.loader, 'ingestion');
    assert.equal(k.model, 'llm');
    assert.equal(k.customer, 'user');
  });

  it('reports broken statements and keeps reading', function () {
    const bad = 'C4Context\nPerson(a, "A"\nSystem(s, "S")\nBoundary(b, "B")\nRel(a, ghost, "x")\nWhatever(x)\n}\n';
    const p = parseMermaid(bad);
    assert.deepEqual(codes(p).sort(), ['c4/missing-brace', 'c4/unclosed-arguments', 'c4/unexpected-brace', 'c4/unknown-element', 'c4/unknown-statement']);
    assert.deepEqual(p.model.components.map((c) => c.id), ['a', 's']);
  });
});

describe('architecture-beta parser', function () {
  const text = [
    'architecture-beta',
    '  group vpc(cloud)[VPC]',
    '  service web(internet)[Customers]',
    '  service api(server)[Chat API] in vpc',
    '  service vec(database)[Vector store] in vpc',
    '  service gpt(logos:openai-icon)[GPT 4o]',
    '  junction j in vpc',
    '  web:R --> L:api',
    '  api:R -- L:j',
    '  j:R -[search]- L:vec',
    '  j:B -- T:gpt',
    '  api:T <-- B:gpt %% answers',
  ].join('\n');
  const r = parseMermaid(text);

  it('reads services, groups and edges, routing through junctions', function () {
    assert.deepEqual(codes(r), []);
    assert.equal(r.model.diagram, 'architecture');
    assert.deepEqual(r.model.components.map((c) => `${c.id}:${c.label}:${c.boundary ?? ''}`), ['web:Customers:', 'api:Chat API:vpc', 'vec:Vector store:vpc', 'gpt:GPT 4o:']);
    assert.deepEqual(flows(r), ['web->api', 'gpt->api', 'api->vec:search', 'api->gpt']);
    assert.equal(at(text, r.model.flows[0].span), ':R --> L:');
  });

  it('lets icons feed kind inference', function () {
    const k = kinds('a.mmd', text);
    assert.equal(k.vec, 'vector-store');
    assert.equal(k.api, 'service');
    assert.equal(k.gpt, 'llm');
  });

  it('reports ids Mermaid cannot lex, unknown ids and groups', function () {
    const p = parseMermaid('architecture-beta\n  service LLM(server)[Model]\n  service a(server)[A] in nowhere\n  a:R -- L:ghost\n  a:X -- L:LLM\n');
    assert.deepEqual(codes(p), ['architecture/side-letter-id', 'architecture/unknown-group', 'architecture/unknown-id', 'architecture/unexpected-text']);
  });
});

describe('sequence parser', function () {
  const text = [
    'sequenceDiagram',
    '  box Aqua Company',
    '    actor U as Analyst',
    '    participant Agent Service',
    '  end',
    '  U->>+Agent Service: question # a comment',
    '  loop each tool call',
    '    Agent Service->>SQL tool: query',
    '    SQL tool-->>Agent Service: rows',
    '  end',
    '  create participant R as Report writer',
    '  Agent Service-)R: draft',
    '  destroy R',
    '  Agent Service-->>-U: answer',
    '  %% @component "SQL tool" kind=tool',
  ].join('\n');
  const r = parseMermaid(text, 5);

  it('reads participants (declared, implicit, created), boxes and messages in blocks', function () {
    assert.deepEqual(codes(r), []);
    assert.equal(r.model.diagram, 'sequence');
    assert.deepEqual(r.model.components.map((c) => `${c.id}:${c.label}:${c.boundary ?? ''}`), [
      'U:Analyst:box1', 'Agent Service:Agent Service:box1', 'SQL tool:SQL tool:', 'R:Report writer:',
    ]);
    assert.deepEqual(r.model.boundaries.map((b) => `${b.id}:${b.label}`), ['box1:Company']);
    assert.deepEqual(flows(r), ['U->Agent Service:question', 'Agent Service->SQL tool:query', 'SQL tool->Agent Service:rows', 'Agent Service->R:draft', 'Agent Service->U:answer']);
    const agent = r.model.components[1];
    assert.equal(at(text, agent.span, 5), 'Agent Service');
    assert.equal(at(text, r.model.flows[0].span, 5), '->>');
    assert.equal(at(text, r.model.flows[0].labelSpan as Span, 5), 'question');
    assert.equal(r.model.components[3].properties.lifecycle, 'destroyed');
  });

  it('reads annotations naming a participant with spaces in quotes', function () {
    assert.equal(r.model.annotations[0].target, 'SQL tool');
    assert.equal(at(text, r.model.annotations[0].targetSpan, 5), 'SQL tool');
    assert.equal(kinds('s.mmd', text)['SQL tool'], 'tool');
  });

  it('reports unbalanced blocks, missing text and box content', function () {
    const p = parseMermaid('sequenceDiagram\n  end\n  loop x\n  A->>B\n  box\n  A->>B: in box\n  end\n  else y\n');
    assert.deepEqual(codes(p), ['sequence/unexpected-end', 'sequence/missing-message-text', 'sequence/box-content', 'sequence/box-content', 'sequence/misplaced-branch', 'sequence/missing-end']);
  });
});

describe('other diagrams in documents', function () {
  it('reads a C4 fence in Markdown at its place in the file, and analyses it', function () {
    const md = '# Design\n\n```mermaid\nC4Context\nPerson(u, "Customer")\nSystem_Ext(llm, "Claude API", "Anthropic")\nRel(u, llm, "Chats")\n```\n';
    const result = new Engine(undefined, { today: '2026-01-01' }).analyze('design.md', md);
    assert.ok(result);
    assert.equal(result.file.models.length, 1);
    const llm = result.file.models[0].components.find((c) => c.id === 'llm');
    assert.equal(llm?.kind, 'llm');
    assert.equal(md.slice(llm.span.start, llm.span.end), 'llm');
    assert.ok(result.findings.some((f) => f.componentId === 'llm' && f.owasp.includes('LLM01:2025')));
  });

  it('still reports diagram types it does not read', function () {
    assert.deepEqual(codes(parseMermaid('journey\n  title x\n')), ['mermaid/unsupported-diagram']);
  });
});
