import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/core/engine';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import type { Finding } from '../../src/core/analysis/finding';
import type { FileResult } from '../../src/core/report/types';
import {
  applyEdits, decisionEdits, fixAllEdits, mitigationRequest, replaceEdit, replacementSuggestions,
  type DecisionRequest, type TextEdit,
} from '../../src/core/edits';

const engine = new Engine(loadBuiltinCatalog(), { today: '2026-11-23' });

function analyze(path: string, text: string): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

const components = (r: FileResult, withKind = true) => r.file.models.flatMap((m) => m.components.map((c) => (withKind ? `${c.id}:${c.kind}` : c.id))).sort();
const errors = (r: FileResult) => r.problems.filter((p) => p.severity === 'error');

/** Applies the request, checks the edit is minimal, then that computing it again gives nothing. */
function applyTwice(path: string, text: string, request: DecisionRequest): { once: string; edits: TextEdit[]; before: FileResult; after: FileResult } {
  const before = analyze(path, text);
  const edits = decisionEdits(before.file, request, engine);
  assert.ok(edits.length > 0, 'expected an edit');
  for (const e of edits) assert.ok(e.span.end - e.span.start <= 40, `edit replaces too much: ${JSON.stringify(e)}`);
  const once = applyEdits(text, edits);
  const after = analyze(path, once);
  assert.deepEqual(decisionEdits(after.file, request, engine), [], 'the fix computed again on the edited text must be empty');
  const kindChange = request.type === 'kind';
  assert.deepEqual(components(after, !kindChange), components(before, !kindChange), 'same components after the edit');
  assert.deepEqual(errors(after), [], `no errors after the edit:\n${once}`);
  return { once, edits, before, after };
}

function finding(r: FileResult, ruleId: string, componentId: string): Finding {
  const f = r.findings.find((x) => x.ruleId === ruleId && x.componentId === componentId);
  assert.ok(f, `no ${ruleId} on ${componentId}: ${r.findings.map((x) => `${x.ruleId}/${x.componentId}`).join(' ')}`);
  return f;
}

const RAG = `flowchart LR
    user([Customer]) --> web[Chat widget]
    subgraph vpc [VPC]
        web -->|question| llm[GPT-4o via Azure OpenAI]
        llm --> kb[(Pinecone knowledge base)]
    end
    uploads[/Customer uploads/] --> kb
`;

describe('edits: Mermaid decisions', () => {
  it('inserts a planned mitigation after the declaration line, with its indentation, once', () => {
    const r = analyze('a.mmd', RAG);
    const f = r.findings.find((x) => x.componentId === 'llm' && x.status === 'open' && x.owasp.includes('LLM01:2025'));
    assert.ok(f);
    const req = mitigationRequest(f);
    assert.ok(req);
    const { once, after } = applyTwice('a.mmd', RAG, req);
    const lines = once.split('\n');
    const decl = lines.findIndex((l) => l.includes('llm[GPT-4o'));
    // Quick fixes name the rule, so the decision covers this finding and no other citing LLM01.
    assert.equal(lines[decl + 1], `        %% @mitigates llm against ${f.ruleId} with "${f.mitigations[0].stub.replace(/"/g, '\\"')}" (planned)`);
    assert.equal(lines.length, RAG.split('\n').length + 1);
    const again = after.findings.find((x) => x.ruleId === f.ruleId && x.componentId === 'llm');
    assert.equal(again?.status, 'planned');
  });

  it('writes edition-qualified ids and escapes quotes and backslashes in the text', () => {
    const req: DecisionRequest = { type: 'mitigates', componentId: 'llm', threat: 'LLM01', control: 'wrap "retrieved" text in \\delimiters\\', status: 'implemented' };
    const { once, after } = applyTwice('a.mmd', RAG, req);
    assert.match(once, /%% @mitigates llm against LLM01:2025 with "wrap \\"retrieved\\" text in \\\\delimiters\\\\" \(implemented\)/);
    const ann = after.file.models[0].annotations.find((a) => a.type === 'mitigates');
    assert.equal(ann?.type === 'mitigates' ? ann.control : '', 'wrap "retrieved" text in \\delimiters\\');
  });

  it('accepts a risk and marks the finding accepted', () => {
    const r = analyze('a.mmd', RAG);
    const f = r.findings.find((x) => x.componentId === 'llm' && x.owasp.includes('LLM09:2025'));
    assert.ok(f);
    const { once, after } = applyTwice('a.mmd', RAG, { type: 'accepts', componentId: 'llm', anchor: f.span.start, threat: 'LLM09:2025', reason: 'answers are "drafts"', owner: 'support lead', expires: '2027-01-31' });
    assert.match(once, /\n {8}%% @accepts llm LLM09:2025 because "answers are \\"drafts\\"" owner="support lead" expires=2027-01-31\n/);
    assert.equal(finding(after, f.ruleId, 'llm').status, 'accepted');
  });

  it('records not-applicable decisions', () => {
    const r = analyze('a.mmd', RAG);
    const f = r.findings.find((x) => x.componentId === 'kb' && x.status === 'open');
    assert.ok(f);
    const { after } = applyTwice('a.mmd', RAG, { type: 'not-applicable', componentId: 'kb', threat: f.owasp[0], reason: 'single tenant' });
    assert.equal(finding(after, f.ruleId, 'kb').status, 'not-applicable');
  });

  it('keeps several decisions on one component together, in the order they were made', () => {
    let text = RAG;
    for (const threat of ['LLM01:2025', 'LLM09:2025']) {
      const r = analyze('a.mmd', text);
      text = applyEdits(text, decisionEdits(r.file, { type: 'mitigates', componentId: 'llm', threat, control: `c ${threat}` }, engine));
    }
    const lines = text.split('\n');
    const decl = lines.findIndex((l) => l.includes('llm[GPT-4o'));
    assert.match(lines[decl + 1], /LLM01:2025/);
    assert.match(lines[decl + 2], /LLM09:2025/);
  });

  it('declares a kind with @component, appending to an existing @component line', () => {
    const src = 'flowchart LR\n  a[Frontend] --> b[Thing]\n  %% @component b exposure=public\n';
    const { once, after } = applyTwice('k.mmd', src, { type: 'kind', componentId: 'b', kind: 'agent' });
    assert.equal(once, 'flowchart LR\n  a[Frontend] --> b[Thing]\n  %% @component b exposure=public kind=agent\n');
    assert.equal(after.file.models[0].components.find((c) => c.id === 'b')?.kind, 'agent');
    const fresh = applyTwice('k.mmd', 'flowchart LR\n  a[Frontend] --> b[Thing]\n', { type: 'kind', componentId: 'a', kind: 'client' });
    assert.equal(fresh.once, 'flowchart LR\n  a[Frontend] --> b[Thing]\n  %% @component a kind=client\n');
    const changed = applyTwice('k.mmd', once, { type: 'kind', componentId: 'b', kind: 'llm' });
    assert.match(changed.once, /@component b exposure=public kind=llm\n/);
  });

  it('inserts on the last line of a file without a final line break', () => {
    const src = 'flowchart LR\n  u[Customer] --> m[GPT-4o]';
    const { once } = applyTwice('n.mmd', src, { type: 'mitigates', componentId: 'm', threat: 'LLM01:2025', control: 'x' });
    assert.equal(once, `${src}\n  %% @mitigates m against LLM01:2025 with "x" (planned)`);
  });

  it('keeps CRLF line breaks', () => {
    const src = RAG.replace(/\n/g, '\r\n');
    const { once } = applyTwice('crlf.mmd', src, { type: 'mitigates', componentId: 'llm', threat: 'LLM01:2025', control: 'x' });
    assert.equal(once.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.equal(once.split('\r\n').length, src.split('\r\n').length + 1);
  });

  it('puts the annotation after the end of a label that spans lines', () => {
    const src = 'flowchart LR\n  u[Customer] --> m["`GPT-4o\n  model`"]\n  m --> x[Other]\n';
    const { once } = applyTwice('ml.mmd', src, { type: 'mitigates', componentId: 'm', threat: 'LLM01:2025', control: 'x' });
    assert.equal(once, 'flowchart LR\n  u[Customer] --> m["`GPT-4o\n  model`"]\n  %% @mitigates m against LLM01:2025 with "x" (planned)\n  m --> x[Other]\n');
  });
});

describe('edits: Markdown fences', () => {
  const md = readFileSync('examples/multi-agent-mcp.md', 'utf8');

  it('inserts inside the right fence when the same id is in two diagrams', () => {
    const r = analyze('doc.md', md);
    const planner = r.findings.filter((f) => f.componentId === 'planner');
    const last = Math.max(...planner.map((f) => f.span.start));
    const second = planner.find((f) => f.span.start === last);
    assert.ok(planner.some((f) => f.span.start < last), 'the first planner has findings too');
    assert.ok(second && second.status === 'open');
    const req = mitigationRequest(second);
    assert.ok(req);
    const { once, after } = applyTwice('doc.md', md, req);
    const lines = once.split('\n');
    const decl = lines.findIndex((l) => l.includes('planner[Planner agent] -->|final answer|'));
    assert.match(lines[decl + 1], /^ {4}%% @mitigates planner against /);
    assert.equal(lines[decl + 2], '    planner -->|post summary| slack');
    const firstAfter = after.findings.filter((f) => f.componentId === 'planner' && f.span.start < last);
    assert.deepEqual(firstAfter.map((f) => `${f.ruleId} ${f.status}`), planner.filter((f) => f.span.start < last).map((f) => `${f.ruleId} ${f.status}`), 'the findings in the first diagram are untouched');
    const moved = after.findings.filter((f) => f.componentId === 'planner' && f.ruleId === second.ruleId).sort((a, b) => b.span.start - a.span.start)[0];
    assert.equal(moved.status, 'planned');
  });
});

describe('edits: YAML models', () => {
  const travel = readFileSync('examples/travel-agent.threatlens.yaml', 'utf8');
  const path = 'travel.threatlens.yaml';

  it('adds a mitigations block under a block component, keeping comments and formatting', () => {
    const r = analyze(path, travel);
    const f = r.findings.find((x) => x.componentId === 'gpt' && x.status === 'open');
    assert.ok(f);
    const req = mitigationRequest(f);
    assert.ok(req);
    const { once, edits, after } = applyTwice(path, travel, req);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].span.start, edits[0].span.end, 'an insertion');
    assert.ok(once.startsWith('# Travel booking assistant, described as a Threatlens YAML model.\n'));
    assert.ok(once.includes(`    data: pii\n    mitigations:\n      ${f.ruleId}:\n        control: ${JSON.stringify(f.mitigations[0].stub)}\n        status: planned\n  flights:`));
    assert.equal(finding(after, f.ruleId, 'gpt').status, 'planned');
  });

  it('adds to an existing mitigations map; the same threat again changes its entry instead of adding one', () => {
    const { once, after } = applyTwice(path, travel, { type: 'mitigates', componentId: 'assistant', threat: 'LLM01:2025', control: 'spotlight tool results' });
    assert.ok(once.includes('        status: implemented\n      LLM01:2025:\n        control: "spotlight tool results"\n        status: planned\n  gpt:'));
    assert.ok(after.file.models[0].annotations.some((a) => a.type === 'mitigates' && a.target === 'assistant' && a.threat === 'LLM01:2025'));
    const change = decisionEdits(after.file, { type: 'mitigates', componentId: 'assistant', threat: 'LLM06', control: 'other' }, engine);
    assert.deepEqual(change.map((e) => once.slice(e.span.start, e.span.end)), ['bookings above 500 EUR need the traveller\'s confirmation in the app'], 'only the control is rewritten; the status stays implemented');
  });

  it('inserts `, key: value` before the closing brace of flow-style maps', () => {
    const src = [
      'threatlens: 1',
      'components:',
      '  # the chat front end',
      '  web: { kind: client, exposure: public }   # public',
      '  llm: { kind: llm, provider: third-party,',
      '         accepted: { LLM10:2025: "rate limited upstream" } }',
      '  kb: {}',
      'flows:',
      '  - web -> llm: prompt',
      '',
    ].join('\n');
    const a = applyTwice('f.threatlens.yaml', src, { type: 'mitigates', componentId: 'web', threat: 'LLM05:2025', control: 'sanitize "HTML"' });
    assert.ok(a.once.includes('  web: { kind: client, exposure: public, mitigations: { LLM05:2025: { control: "sanitize \\"HTML\\"", status: planned } } }   # public\n'));
    const b = applyTwice('f.threatlens.yaml', src, { type: 'accepts', componentId: 'llm', threat: 'LLM09:2025', reason: 'drafts only' });
    assert.ok(b.once.includes('accepted: { LLM10:2025: "rate limited upstream", LLM09:2025: "drafts only" } }'));
    const c = applyTwice('f.threatlens.yaml', src, { type: 'kind', componentId: 'kb', kind: 'vector-store' });
    assert.ok(c.once.includes('  kb: { kind: vector-store }\n'));
    assert.ok(c.once.includes('  # the chat front end\n'));
  });

  it('handles components with no value, and replaces an existing kind', () => {
    const src = 'threatlens: 1\ncomponents:\n    bot:\n    store: ~\n    helper:\n        kind: service # guessed\n';
    const a = applyTwice('n.threatlens.yaml', src, { type: 'not-applicable', componentId: 'bot', threat: 'LLM01:2025', reason: 'no users' });
    assert.ok(a.once.startsWith('threatlens: 1\ncomponents:\n    bot:\n        not-applicable:\n            LLM01:2025: "no users"\n    store: ~\n'), a.once);
    const b = applyTwice('n.threatlens.yaml', src, { type: 'mitigates', componentId: 'store', threat: 'LLM08:2025', control: 'x' });
    assert.ok(b.once.includes('    store: { mitigations: { LLM08:2025: { control: "x", status: planned } } }\n'));
    const c = applyTwice('n.threatlens.yaml', src, { type: 'kind', componentId: 'helper', kind: 'agent' });
    assert.ok(c.once.endsWith('        kind: agent # guessed\n'));
    const d = applyTwice('n.threatlens.yaml', src, { type: 'accepts', componentId: 'helper', threat: 'LLM10', reason: 'internal only', owner: 'ops' });
    assert.ok(d.once.endsWith('        kind: service # guessed\n        accepted:\n            LLM10:2025:\n                reason: "internal only"\n                owner: "ops"\n'), d.once);
  });

  it('keeps CRLF line breaks in YAML', () => {
    const src = travel.replace(/\n/g, '\r\n');
    const { once } = applyTwice(path, src, { type: 'mitigates', componentId: 'flights', threat: 'LLM06:2025', control: 'x' });
    assert.equal(once.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.ok(once.includes('    label: Flight booking API tool\r\n    mitigations:\r\n      LLM06:2025:\r\n'));
  });
});

describe('edits: fix all', () => {
  for (const file of ['examples/rag-support-bot.mmd', 'examples/multi-agent-mcp.md', 'examples/travel-agent.threatlens.yaml', 'examples/fine-tuning-pipeline.mmd']) {
    it(`adds planned stubs for every open finding in ${file}, idempotently`, () => {
      const text = readFileSync(file, 'utf8');
      const before = analyze(file, text);
      const openBefore = before.findings.filter((f) => f.status === 'open');
      assert.ok(openBefore.length > 0);
      const edits = fixAllEdits(before.file, before.findings, engine);
      assert.ok(edits.every((e) => e.span.start === e.span.end), 'insertions only');
      const once = applyEdits(text, edits);
      const after = analyze(file, once);
      assert.deepEqual(after.findings.filter((f) => f.status === 'open').map((f) => `${f.ruleId}/${f.componentId}`), []);
      assert.deepEqual(components(after), components(before));
      assert.deepEqual(errors(after), []);
      assert.deepEqual(fixAllEdits(after.file, after.findings, engine), []);
      for (const f of openBefore) assert.equal(after.findings.find((x) => x.fingerprint === f.fingerprint && x.span.start >= f.span.start)?.status, 'planned');
    });
  }
});

describe('edits: near matches', () => {
  it('offers and applies the suggestions of unknown node and threat ids', () => {
    const src = 'flowchart LR\n  u[Customer] --> llm[GPT-4o]\n  %% @mitigates lm against LLM1:2025 with "x"\n';
    const r = analyze('t.mmd', src);
    const node = r.problems.find((p) => p.code === 'annotation/unknown-node');
    assert.ok(node);
    const sugg = replacementSuggestions(src, node);
    assert.ok(sugg.includes('llm'), JSON.stringify(sugg));
    const fixed = applyEdits(src, replaceEdit(src, node.span, 'llm'));
    const r2 = analyze('t.mmd', fixed);
    const threat = r2.problems.find((p) => p.code === 'annotation/unknown-threat');
    assert.ok(threat);
    assert.ok(replacementSuggestions(fixed, threat).includes('LLM01:2025'), JSON.stringify(threat.suggestions));
    const fixed2 = applyEdits(fixed, replaceEdit(fixed, threat.span, 'LLM01:2025'));
    const r3 = analyze('t.mmd', fixed2);
    assert.deepEqual(r3.problems.filter((p) => p.code.startsWith('annotation/unknown')), []);
    assert.deepEqual(replaceEdit(fixed2, { start: threat.span.start, end: threat.span.start + 'LLM01:2025'.length }, 'LLM01:2025'), []);
    assert.equal(r3.findings.find((f) => f.componentId === 'llm' && f.owasp.includes('LLM01:2025'))?.status, 'planned');
  });
});
