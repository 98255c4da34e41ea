import { strict as assert } from 'node:assert';
import { Engine } from '../../src/core/engine';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import type { FileResult } from '../../src/core/report/types';
import { applyEdits, decisionEdits, DEFAULT_ACCEPT_REASON, type DecisionRequest } from '../../src/core/edits';

const engine = new Engine(loadBuiltinCatalog(), { today: '2026-11-23' });

function analyze(path: string, text: string): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

/**
 * Applies a change to a written decision: every edit must lie inside the old decision's text,
 * the result must parse without errors, and the same request again must give no edit.
 */
function change(path: string, text: string, request: DecisionRequest): { after: string; result: FileResult } {
  const before = analyze(path, text);
  const olds = before.file.models.flatMap((m) => m.annotations).filter((a) => a.type === request.type && a.target === request.componentId);
  const edits = decisionEdits(before.file, request, engine);
  assert.ok(edits.length > 0, 'expected an edit');
  for (const e of edits) {
    assert.ok(olds.some((o) => o.span.start <= e.span.start && e.span.end <= o.span.end),
      `edit ${JSON.stringify(e)} lies outside the decision it changes`);
  }
  const after = applyEdits(text, edits);
  const result = analyze(path, after);
  assert.deepEqual(result.problems.filter((p) => p.severity === 'error'), [], after);
  assert.deepEqual(decisionEdits(result.file, request, engine), [], 'the same change again gives nothing');
  return { after, result };
}

const statusOf = (r: FileResult, ruleId: string, componentId: string) => r.findings.find((f) => f.ruleId === ruleId && f.componentId === componentId)?.status;

const MMD = `flowchart LR
    user([Customer]) --> web[Chat widget]
    web -->|question| llm[GPT-4o via Azure OpenAI]
    %% @mitigates llm against LLM01:2025 with "spotlight retrieved text" (planned)
    %% @accepts llm LLM10:2025 because "provider quota caps spend" owner=ops expires=2026-01-31
`;

describe('edits: changing a written decision', () => {
  it('moves a Mermaid mitigation from planned to implemented on its own line', () => {
    const { after } = change('a.mmd', MMD, { type: 'mitigates', componentId: 'llm', threat: 'LLM01', control: 'spotlight retrieved text', status: 'implemented' });
    assert.equal(after, MMD.replace('text" (planned)', 'text" (implemented)'));
  });

  it('adds a second control as a new line rather than overwriting the first', () => {
    const edits = decisionEdits(analyze('a.mmd', MMD).file, { type: 'mitigates', componentId: 'llm', threat: 'LLM01:2025', control: 'output filter' }, engine);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].span.start, edits[0].span.end, 'an insertion');
    assert.match(applyEdits(MMD, edits), /\(planned\)\n {4}%% @accepts[^\n]*\n {4}%% @mitigates llm against LLM01:2025 with "output filter" \(planned\)\n$/);
  });

  it('renews an expired acceptance in place: the finding is accepted again', () => {
    const before = analyze('a.mmd', MMD);
    const expired = before.findings.find((f) => f.componentId === 'llm' && f.owasp.includes('LLM10:2025'));
    assert.ok(expired, before.findings.map((f) => `${f.ruleId}:${f.owasp.join(',')}`).join(' '));
    assert.equal(expired.status, 'open', 'an acceptance past its date is open again');
    const { after, result } = change('a.mmd', MMD, { type: 'accepts', componentId: 'llm', threat: 'LLM10:2025', reason: 'provider quota caps spend', expires: '2027-06-30' });
    assert.equal(after, MMD.replace('expires=2026-01-31', 'expires=2027-06-30'), 'the owner stays, the date changes');
    assert.equal(statusOf(result, expired.ruleId, 'llm'), 'accepted');
  });

  it('never replaces a written reason with the quick fix placeholder', () => {
    const f = analyze('a.mmd', MMD).file;
    const edits = decisionEdits(f, { type: 'accepts', componentId: 'llm', threat: 'LLM10:2025', reason: DEFAULT_ACCEPT_REASON }, engine);
    assert.deepEqual(edits, [], 'nothing new to say: the reason, owner and date stay');
  });

  it('rewrites a Threagile comment decision with its # prefix', () => {
    const text = 'threagile_version: 1.0.0\ntechnical_assets:\n  Bot:\n    id: bot\n    technology: llm\n    # @not-applicable bot LLM02:2025 because "no personal data"\n';
    const { after } = change('threagile.yaml', text, { type: 'not-applicable', componentId: 'bot', threat: 'LLM02:2025', reason: 'only synthetic data reaches it' });
    assert.equal(after, text.replace('"no personal data"', '"only synthetic data reaches it"'));
  });
});

describe('edits: changing a written YAML decision', () => {
  const YAML = [
    'threatlens: 1',
    'components:',
    '  bot:',
    '    kind: llm',
    '    mitigations:',
    '      LLM01:2025:',
    '        control: spotlight retrieved text   # from the workshop',
    '        status: planned',
    '    accepted:',
    '      LLM10:2025: provider quota caps spend',
    '  web: { kind: client, accepted: { LLM05:2025: { reason: "escaped", expires: "2026-01-01" } } }',
    'flows:',
    '  - web -> bot: prompt',
    '',
  ].join('\n');
  const path = 'm.threatlens.yaml';

  it('changes only the status scalar of a block entry, keeping its comment', () => {
    const { after } = change(path, YAML, { type: 'mitigates', componentId: 'bot', threat: 'LLM01:2025', control: 'spotlight retrieved text', status: 'implemented' });
    assert.equal(after, YAML.replace('        status: planned', '        status: implemented'));
  });

  it('turns a bare reason into a flow map when an expiry joins it', () => {
    const { after } = change(path, YAML, { type: 'accepts', componentId: 'bot', threat: 'LLM10', reason: 'provider quota caps spend', owner: 'ops', expires: '2027-01-31' });
    assert.ok(after.includes('      LLM10:2025: { reason: "provider quota caps spend", owner: "ops", expires: "2027-01-31" }\n'), after);
  });

  it('replaces the date inside a flow-map acceptance', () => {
    const { after } = change(path, YAML, { type: 'accepts', componentId: 'web', threat: 'LLM05:2025', reason: 'escaped', expires: '2027-03-01' });
    assert.equal(after, YAML.replace('"2026-01-01"', '"2027-03-01"'));
  });

  it('adds a key the entry lacks', () => {
    const { after } = change(path, YAML, { type: 'accepts', componentId: 'web', threat: 'LLM05:2025', reason: 'escaped', owner: 'web team' });
    assert.ok(after.includes('{ reason: "escaped", expires: "2026-01-01", owner: "web team" }'), after);
  });
});

describe('edits: a different decision replaces the old one when asked', () => {
  it('Mermaid: the new comment takes the place of the old one', () => {
    const f = analyze('a.mmd', MMD).file;
    const request: DecisionRequest = { type: 'mitigates', componentId: 'llm', threat: 'LLM10:2025', control: 'per-user token budget', status: 'implemented', supersede: true };
    const edits = decisionEdits(f, request, engine);
    const after = applyEdits(MMD, edits);
    assert.equal(after, MMD.replace(/%% @accepts[^\n]*/, '%% @mitigates llm against LLM10:2025 with "per-user token budget" (implemented)'));
    assert.deepEqual(decisionEdits(analyze('a.mmd', after).file, request, engine), []);
    assert.ok(decisionEdits(f, { ...request, supersede: false }, engine).every((e) => e.span.start === e.span.end), 'without supersede it only adds');
  });

  it('Mermaid: an update of the same type and the removal of the other line', () => {
    const text = MMD.replace('%% @accepts llm LLM10:2025', '%% @not-applicable llm LLM01:2025 because "x"\n    %% @accepts llm LLM10:2025');
    const after = applyEdits(text, decisionEdits(analyze('a.mmd', text).file, { type: 'mitigates', componentId: 'llm', threat: 'LLM01:2025', control: 'spotlight retrieved text', status: 'implemented', supersede: true }, engine));
    assert.equal(after, MMD.replace('text" (planned)', 'text" (implemented)'));
  });

  it('YAML: the old entry goes (its section too when empty) and the new one is added', () => {
    const text = ['threatlens: 1', 'components:', '  bot:', '    kind: llm', '    accepted:', '      LLM10:2025: provider quota caps spend', '  web: { kind: client }', ''].join('\n');
    const request: DecisionRequest = { type: 'not-applicable', componentId: 'bot', threat: 'LLM10', reason: 'batch jobs only', supersede: true };
    const edits = decisionEdits(analyze('m.threatlens.yaml', text).file, request, engine);
    assert.equal(edits.length, 1);
    const after = applyEdits(text, edits);
    assert.equal(after, ['threatlens: 1', 'components:', '  bot:', '    kind: llm', '    not-applicable:', '      LLM10:2025: "batch jobs only"', '  web: { kind: client }', ''].join('\n'));
    assert.deepEqual(decisionEdits(analyze('m.threatlens.yaml', after).file, request, engine), []);
  });

  it('YAML: removes one entry of a flow map and keeps the others', () => {
    const text = ['threatlens: 1', 'components:', '  web: { kind: client, accepted: { LLM05:2025: "escaped", LLM10:2025: "capped" } }', ''].join('\n');
    const after = applyEdits(text, decisionEdits(analyze('m.threatlens.yaml', text).file, { type: 'mitigates', componentId: 'web', threat: 'LLM05:2025', control: 'CSP', supersede: true }, engine));
    assert.equal(after, ['threatlens: 1', 'components:', '  web: { kind: client, accepted: { LLM10:2025: "capped" }, mitigations: { LLM05:2025: { control: "CSP", status: planned } } }', ''].join('\n'));
  });
});
