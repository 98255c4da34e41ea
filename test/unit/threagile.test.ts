/** Threagile models read as architecture files: recognition, model, positions, decisions, findings. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectFormat, parseFile } from '../../src/core/document';
import { decisionEdits } from '../../src/core/edits/decisions';
import { applyEdits } from '../../src/core/edits/text';
import { Engine } from '../../src/core/engine';
import { isThreagileYaml } from '../../src/core/parsers/threagile/recognize';

const PATH = 'examples/threagile-rag.yaml';
const text = readFileSync(PATH, 'utf8');
const engine = new Engine(undefined, { today: '2026-11-23' });

describe('Threagile models', function () {
  it('are recognised by their top-level keys, and nothing else is', function () {
    assert.ok(isThreagileYaml(PATH, text));
    assert.equal(detectFormat('model/threagile.yaml', 'threagile_version: 1.0.0\ntechnical_assets: {}\n'), 'yaml');
    assert.equal(detectFormat('x.yaml', 'technical_assets: {}\n'), undefined);
    assert.equal(detectFormat('x.yaml', 'config:\n  threagile_version: 1\n  technical_assets: {}\n'), undefined);
    assert.equal(detectFormat('x.json', 'threagile_version: 1.0.0\ntechnical_assets: {}\n'), undefined);
  });

  const file = parseFile(PATH, text);
  assert.ok(file);
  const model = file.models[0];

  it('turn technical assets into components on their id lines, with kinds from technology and words', function () {
    assert.equal(model.diagram, 'threagile');
    assert.equal(model.name, 'Support Assistant (RAG)');
    const kinds = Object.fromEntries(model.components.map((c) => [c.id, c.kind]));
    assert.deepEqual(kinds, {
      'customer-browser': 'client', 'support-api': 'service', 'rag-orchestrator': 'service', 'vector-index': 'vector-store',
      'ticket-ingestion': 'ingestion', 'customer-uploads': 'document-source', 'hosted-llm': 'llm',
    });
    for (const c of model.components) {
      assert.equal(text.slice(c.span.start, c.span.end), c.id);
      assert.match(text.slice(text.lastIndexOf('\n', c.span.start) + 1, c.span.start), /^ +id: $/);
    }
    const llm = model.components.find((c) => c.id === 'hosted-llm');
    assert.equal(llm?.label, 'Hosted LLM');
    assert.equal(llm?.properties.exposure, 'public');
    assert.equal(llm?.properties.provider, 'external');
    assert.match(llm?.kindReason ?? '', /technology "ai"/);
    assert.equal(model.components.find((c) => c.id === 'support-api')?.properties.data, 'confidential,pii');
  });

  it('turn communication links into flows and trust boundaries into nested boundaries', function () {
    assert.deepEqual(model.flows.map((f) => `${f.from}->${f.to}:${f.label}`), [
      'customer-browser->support-api:Ask question', 'support-api->rag-orchestrator:Answer request', 'rag-orchestrator->vector-index:Similarity search',
      'rag-orchestrator->hosted-llm:Completion request', 'ticket-ingestion->vector-index:Index chunks', 'customer-uploads->ticket-ingestion:Uploaded documents',
    ]);
    assert.equal(text.slice(model.flows[0].span.start, model.flows[0].span.end), 'Ask question');
    assert.deepEqual(model.boundaries.map((b) => `${b.id}<${b.parent ?? ''}>{${b.members.join(',')}}`), [
      'company-vpc<>{support-api,customer-uploads}', 'ai-namespace<company-vpc>{rag-orchestrator,vector-index,ticket-ingestion}',
    ]);
  });

  it('give the expected findings, with decisions from comments', function () {
    const r = engine.analyze(PATH, text);
    assert.ok(r);
    const got = new Set(r.findings.flatMap((f) => f.owasp.map((o) => `${f.componentId} ${o} ${f.status}`)));
    const expected = [
      'hosted-llm LLM01:2025 mitigated', // the `# @mitigates` comment
      'hosted-llm LLM09:2025 accepted', // the `# @accepts` comment
      'hosted-llm LLM02:2025 open', // ticket data sent to a third party
      'hosted-llm LLM03:2025 open', // model run by an outside provider
      'hosted-llm LLM10:2025 open',
      'vector-index LLM08:2025 open', // index fed by customer uploads
      'vector-index LLM04:2025 open',
      'ticket-ingestion LLM04:2025 open',
    ];
    assert.deepEqual(expected.filter((e) => !got.has(e)), [], [...got].sort().join('\n'));
    assert.deepEqual(r.problems.filter((p) => p.severity !== 'info'), []);
    const llm = r.findings.find((f) => f.componentId === 'hosted-llm');
    assert.ok(llm);
    assert.equal(text.slice(llm.span.start, llm.span.end), 'hosted-llm');
  });

  it('report links to unknown assets and annotation errors on their lines', function () {
    const bad = 'threagile_version: 1.0.0\ntechnical_assets:\n  App:\n    id: app\n    technology: web-server\n    communication_links:\n      Call:\n        target: ghost\n# @mitigates app against with "x"\n';
    const f = parseFile('t.yaml', bad);
    assert.ok(f);
    assert.deepEqual(f.problems.map((p) => [p.code, bad.slice(p.span.start, p.span.end)]), [['threagile/unknown-target', 'ghost'], ['annotation/syntax', 'with']]);
  });

  it('take quick-fix decisions as comments below the asset id', function () {
    const edits = decisionEdits(file, { type: 'mitigates', componentId: 'vector-index', threat: 'LLM08:2025', control: 'tenant filter on every query' }, engine);
    const after = applyEdits(text, edits);
    assert.match(after, /\n {4}id: vector-index\n {4}# @mitigates vector-index against LLM08:2025 with "tenant filter on every query" \(planned\)\n/);
    const again = parseFile(PATH, after);
    assert.ok(again);
    assert.ok(again.models[0].annotations.some((a) => a.type === 'mitigates' && a.target === 'vector-index'));
    assert.deepEqual(decisionEdits(again, { type: 'mitigates', componentId: 'vector-index', threat: 'LLM08:2025', control: 'tenant filter on every query' }, engine), []);
    const implemented = applyEdits(after, decisionEdits(again, { type: 'mitigates', componentId: 'vector-index', threat: 'LLM08:2025', control: 'tenant filter on every query', status: 'implemented' }, engine));
    assert.equal(implemented, after.replace('on every query" (planned)', 'on every query" (implemented)'));
  });
});
