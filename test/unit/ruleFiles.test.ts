/**
 * validateRuleFile: workspace rule files are validated without ever throwing, and every error
 * names the file and the field path.
 */
import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog, validateRuleFile, type RuleFileResult } from '../../src/core/catalog/catalog';

const FILE = '.threatlens/rules/org.yaml';

function rule(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    id: 'ORG001',
    title: 'Vector stores need a data owner',
    owasp: '[LLM08:2025]',
    atlas: '[AML.T0070]',
    stride: '[I, T]',
    likelihood: '3',
    impact: '3',
    match: '{ component: { kind: [vector-store] } }',
    unless: '[{ property: [owner] }]',
    mitigations: '[retrieval-access-control]',
    plain: 'Every knowledge base needs a named owner who decides what goes in.',
    security: 'Unowned retrieval stores drift out of access-control review.',
    ...overrides,
  };
  return ['  - ' + Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n    ')].join('\n');
}

function file(...rules: string[]): string {
  return `rules:\n${rules.join('\n')}\n`;
}

function check(text: string, name = FILE): RuleFileResult {
  let result: RuleFileResult | undefined;
  assert.doesNotThrow(() => { result = validateRuleFile(text, name); });
  assert.ok(result);
  for (const e of result.errors) {
    assert.equal(e.file, name);
    assert.ok(e.message.startsWith(`${name}: `), `error does not name the file: ${e.message}`);
    if (e.path) assert.ok(e.message.includes(`: ${e.path}: `), `error does not name the field: ${e.message}`);
  }
  return result;
}

function messages(r: RuleFileResult): string {
  return r.errors.map((e) => e.message).join('\n');
}

describe('validateRuleFile', () => {
  it('accepts a good file', () => {
    const r = check(file(rule(), rule({ id: 'ORG002', match: '{ path: { from: { untrusted: true }, to: { kind: [memory] } }, anchor: to }' })));
    assert.deepEqual(r.errors, []);
    assert.equal(r.rules.length, 2);
    assert.equal(r.rules[0].id, 'ORG001');
    assert.deepEqual(r.rules[0].lenses, [], 'defaults are filled in');
    const p = r.rules[1].match;
    assert.ok('path' in p && p.path.maxHops === 6);
  });

  it('reports wrong types with file and field path, keeping the good rules', () => {
    const r = check(file(rule(), rule({ id: 'ORG002' }), rule({ id: 'ORG003' }), rule({ id: 'ORG004', likelihood: 'high' })));
    assert.equal(r.rules.length, 3);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].path, 'rules[3].likelihood');
    assert.match(r.errors[0].message, /^\.threatlens\/rules\/org\.yaml: rules\[3\]\.likelihood: expected number/);
  });

  it('reports out-of-range numbers, bad enums and bad ids', () => {
    const r = check(file(rule({ impact: '9', stride: '[X]', id: '1bad' })));
    const m = messages(r);
    assert.match(m, /rules\[0\]\.impact: /);
    assert.match(m, /rules\[0\]\.stride\[0\]: /);
    assert.match(m, /rules\[0\]\.id: /);
    assert.equal(r.rules.length, 0);
  });

  it('reports missing and unknown fields', () => {
    const r = check(file(rule({ title: '', severity: 'high' })));
    const m = messages(r);
    assert.match(m, /rules\[0\]\.title: expected string, received undefined/);
    assert.match(m, /rules\[0\]\.severity: unknown field/);
  });

  it('explains match errors in the branch the author meant', () => {
    const comp = check(file(rule({ match: '{ component: { kind: [llmm] } }' })));
    assert.match(messages(comp), /rules\[0\]\.match\.component\.kind\[0\]: expected one of/);
    const path = check(file(rule({ match: '{ path: { from: { untrusted: yes }, to: { kind: [llm] } } }' })));
    assert.match(messages(path), /rules\[0\]\.match\.path\.from\.untrusted: expected boolean/);
    const neither = check(file(rule({ match: '{ kind: [llm] }' })));
    assert.match(messages(neither), /rules\[0\]\.match: expected `component:` or `path:`/);
    const cond = check(file(rule({ unless: '[{ property: [a], boundary: [b] }]' })));
    assert.match(messages(cond), /rules\[0\]\.unless\[0\]: a condition has exactly one of neighbor, property, boundary/);
  });

  it('rejects unknown mitigation ids with near matches', () => {
    const r = check(file(rule({ mitigations: '[retrieval-acces-control, made-up-control]' })));
    assert.equal(r.rules.length, 0);
    const first = r.errors.find((e) => e.path === 'rules[0].mitigations[0]');
    assert.ok(first, messages(r));
    assert.match(first.message, /unknown mitigation retrieval-acces-control/);
    assert.deepEqual(first.suggestions?.[0], 'retrieval-access-control');
    assert.ok(r.errors.some((e) => e.path === 'rules[0].mitigations[1]'));
  });

  it('rejects unknown or misplaced ATLAS ids', () => {
    const unknown = check(file(rule({ atlas: '[AML.T9999]' })));
    assert.match(messages(unknown), /rules\[0\]\.atlas\[0\]: unknown ATLAS technique AML\.T9999/);
    const mitigation = check(file(rule({ atlas: '[AML.M0015]' })));
    assert.match(messages(mitigation), /rules\[0\]\.atlas\[0\]: /);
    assert.equal(mitigation.rules.length, 0);
  });

  it('rejects OWASP ids that are not in the catalog, with a clear reason', () => {
    const unknown = check(file(rule({ owasp: '[LLM11:2025]' })));
    assert.match(messages(unknown), /rules\[0\]\.owasp\[0\]: unknown OWASP id LLM11:2025/);
    const edition = check(file(rule({ owasp: '[LLM01:2024]' })));
    assert.match(messages(edition), /unknown OWASP LLM edition 2024 .*known: 2025, 2026/);
    const legacy = check(file(rule({ owasp: '[LLM02:2023]' })));
    assert.match(messages(legacy), /LLM02:2023 \(Insecure Output Handling\) is from the superseded 2023 edition; use LLM05:2025 \(Improper Output Handling\)/);
    assert.deepEqual(legacy.errors[0].suggestions, ['LLM05:2025']);
    const short = check(file(rule({ owasp: '[LLM01]' })));
    assert.match(messages(short), /rules\[0\]\.owasp\[0\]: /);
    const agentic = check(file(rule({ owasp: '[ASI02:2026, LLM03:2026]' })));
    assert.deepEqual(agentic.errors, []);
  });

  it('rejects ids that clash with built-in rules or repeat within the file', () => {
    const clash = check(file(rule({ id: 'TL001' })));
    assert.match(messages(clash), /rules\[0\]\.id: rule id TL001 is taken by a built-in rule/);
    const dup = check(file(rule(), rule()));
    assert.match(messages(dup), /rules\[1\]\.id: duplicate rule id ORG001 \(also rules\[0\]\)/);
    assert.equal(dup.rules.length, 1);
  });

  it('points spans at the offending value', () => {
    const text = file(rule({ likelihood: '"often"' }));
    const r = check(text);
    const e = r.errors[0];
    assert.ok(e.span, 'span');
    assert.equal(text.slice(e.span.start, e.span.end), '"often"');
  });

  it('handles files that are not rule files', () => {
    assert.match(messages(check('')), /the file is empty/);
    assert.match(messages(check('- a\n- b\n')), /expected a mapping with a `rules:` list/);
    assert.match(messages(check('rule:\n  - id: X\n')), /: rule: unknown field/);
    assert.match(messages(check('rules: 3\n')), /: rules: expected a list, received number/);
    assert.match(messages(check('just some words\n')), /expected a mapping/);
  });

  it('reports YAML syntax errors with a position instead of throwing', () => {
    for (const text of ['rules: [unclosed\n', 'rules:\n  - id: a\n   bad: indent\n  - : :\n', '\u0000\u0001\u0002 {{{ ]]]', 'a: 1\na: 2\n', '\t- tabbed']) {
      const r = check(text);
      assert.ok(r.errors.length > 0, `no error for ${JSON.stringify(text)}`);
      assert.equal(r.rules.length, 0);
    }
    assert.match(messages(check('rules: [unclosed\n')), /not valid YAML at line \d+, column \d+/);
  });

  it('refuses deeply nested input without overflowing the stack', () => {
    const flow = `rules: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    assert.match(messages(check(flow)), /nesting is too deep/);
    const block = `rules:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i + 2)}- x${i}:`).join('\n')} end\n`;
    const r = check(block);
    assert.ok(r.errors.length > 0);
    const mapping = `rules:\n  - id: ORG001\n    match:\n      component:\n        where:\n          a: ${'{ b: '.repeat(80)}c${' }'.repeat(80)}\n`;
    assert.match(messages(check(mapping)), /nesting is too deep/);
  });

  it('refuses a 5 MB file quickly', () => {
    const big = file(rule()) + `# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const t0 = Date.now();
    const r = check(big);
    assert.match(messages(r), /file is too large \(5\.\d MB; the limit is 1 MB\)/);
    assert.ok(Date.now() - t0 < 2000);
  });

  it('survives alias bombs and non-string input', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'rules: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    assert.ok(check(bomb).errors.length > 0);
    const r = validateRuleFile(undefined as unknown as string, FILE);
    assert.ok(r.errors.length > 0);
  });

  it('caps the number of errors', () => {
    const many = file(...Array.from({ length: 400 }, (_, i) => rule({ id: `ORG${i}`, likelihood: 'x', impact: 'y' })));
    const r = check(many);
    assert.ok(r.errors.length <= 200);
  });

  it('leaves the built-in rules working', () => {
    const before = loadBuiltinCatalog().rules.length;
    check('rules: [[[[');
    check(file(rule({ id: 'TL002' })));
    assert.equal(loadBuiltinCatalog().rules.length, before);
    assert.ok(before >= 30);
  });
});
