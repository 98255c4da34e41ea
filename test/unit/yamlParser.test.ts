import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseThreatlensYaml } from '../../src/core/parsers/yaml';
import { isThreatlensYaml } from '../../src/core/parsers/yaml/recognize';

const slice = (t: string, s: { start: number; end: number }) => t.slice(s.start, s.end);

describe('YAML model parser', () => {
  const text = readFileSync('examples/travel-agent.threatlens.yaml', 'utf8');
  const { model, problems } = parseThreatlensYaml(text);

  it('reads components with the span of their key', () => {
    assert.deepEqual(problems, []);
    assert.equal(model.name, 'Travel booking assistant');
    const gpt = model.components.find((c) => c.id === 'gpt');
    assert.ok(gpt);
    assert.equal(slice(text, gpt.span), 'gpt');
    assert.equal(gpt.kind, 'llm');
    assert.equal(gpt.kindSource, 'declared');
    assert.equal(gpt.properties.provider, 'third-party');
    assert.equal(slice(text, gpt.labelSpan!), 'GPT-4o (OpenAI API)');
  });

  it('joins list-valued data into a property and assigns boundaries', () => {
    const profiles = model.components.find((c) => c.id === 'profiles')!;
    assert.equal(profiles.properties.data, 'pii,pci');
    const internet = model.boundaries.find((b) => b.id === 'internet')!;
    assert.deepEqual(internet.members, ['mobile-app']);
    assert.equal(internet.properties?.trust, 'untrusted');
  });

  it('reads every flow form with its label and span', () => {
    const flows = model.flows.map((f) => [f.from, f.to, f.label ?? '', f.bidirectional ?? false]);
    assert.deepEqual(flows[0], ['mobile-app', 'gateway', 'trip request', false]);
    assert.deepEqual(flows[1], ['gateway', 'assistant', '', false]);
    assert.deepEqual(flows[2], ['assistant', 'gpt', 'prompts and tool calls', true]);
    assert.equal(slice(text, model.flows[0].span), 'mobile-app -> gateway');
  });

  it('turns mitigations into annotations pointing at the threat key', () => {
    const m = model.annotations.find((a) => a.type === 'mitigates');
    assert.ok(m && m.type === 'mitigates');
    assert.equal(m.target, 'assistant');
    assert.equal(slice(text, m.threatSpan), 'LLM06:2025');
    assert.equal(m.status, 'implemented');
  });

  it('reads explicit flows, acceptances and not-applicable decisions', () => {
    const t = [
      'threatlens: 1',
      'components:',
      '  a: { kind: llm, accepted: { LLM09: { reason: drafts only, owner: ana, expires: 2027-01-01 } }, not-applicable: { LLM10: internal batch job } }',
      '  b: { kind: user }',
      'flows:',
      '  - { from: b, to: a, label: asks, data: [pii] }',
      '  - b -> a',
    ].join('\n');
    const r = parseThreatlensYaml(t);
    assert.deepEqual(r.problems, []);
    const acc = r.model.annotations.find((a) => a.type === 'accepts');
    assert.ok(acc && acc.type === 'accepts');
    assert.equal(acc.reason, 'drafts only');
    assert.equal(acc.owner, 'ana');
    assert.equal(acc.expires, '2027-01-01');
    assert.ok(r.model.annotations.some((a) => a.type === 'not-applicable' && a.reason === 'internal batch job'));
    assert.deepEqual(r.model.flows[0].tags, ['pii']);
    assert.equal(r.model.flows.length, 2);
  });

  it('reports schema errors on the offending key or value', () => {
    const t = 'threatlens: 1\ncomponents:\n  a: { kind: llmm, colour: red }\nflows:\n  - a -> ghost\n';
    const r = parseThreatlensYaml(t);
    const kind = r.problems.find((p) => p.message.startsWith('components.a.kind'));
    assert.ok(kind, JSON.stringify(r.problems));
    assert.equal(slice(t, kind.span), 'llmm');
    const unknownKey = r.problems.find((p) => p.message.includes('unknown key "colour"'))!;
    assert.equal(slice(t, unknownKey.span), 'colour');
    const ghost = r.problems.find((p) => p.code === 'yaml/unknown-component')!;
    assert.equal(slice(t, ghost.span), 'a -> ghost');
    assert.ok(ghost.message.includes('ghost'));
  });

  it('says which required key is missing', () => {
    const r = parseThreatlensYaml('threatlens: 1\nsystem: x\n');
    assert.ok(r.problems.some((p) => p.message === 'missing required key "components"'), JSON.stringify(r.problems));
  });

  it('never throws on broken YAML and keeps ranges inside the text', () => {
    for (const t of ['', ':', '- a\n- b', 'components: [1, 2', 'threatlens: 1\ncomponents:\n\t a: 1', '\u0000\uFFFF', 'a: *nope', 'components:\n  x: !!binary 3']) {
      const r = parseThreatlensYaml(t);
      for (const p of r.problems) assert.ok(p.span.start >= 0 && p.span.end <= t.length && p.span.start <= p.span.end, `${JSON.stringify(t)} ${JSON.stringify(p)}`);
    }
  });

  it('stops alias bombs with a problem instead of expanding them', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const r = parseThreatlensYaml(`threatlens: 1\n${levels.join('\n')}\ncomponents: {}\n`);
    assert.ok(r.problems.some((p) => p.code === 'yaml/aliases'), JSON.stringify(r.problems.map((p) => p.code)));
  });
});

describe('YAML model recognition', () => {
  it('accepts the file name pattern or the top-level marker', () => {
    assert.equal(isThreatlensYaml('a/b/app.threatlens.yaml', 'x: 1'), true);
    assert.equal(isThreatlensYaml('threatlens.yml', 'x: 1'), true);
    assert.equal(isThreatlensYaml('model.yaml', 'threatlens: 1\ncomponents: {}'), true);
  });

  it('ignores workflows, Kubernetes manifests and compose files', () => {
    assert.equal(isThreatlensYaml('.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n'), false);
    assert.equal(isThreatlensYaml('deploy.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: llm\n'), false);
    assert.equal(isThreatlensYaml('docker-compose.yml', 'services:\n  ollama:\n    image: ollama/ollama\n'), false);
    assert.equal(isThreatlensYaml('x.yaml', 'spec:\n  threatlens: 1\n'), false);
  });
});
