/**
 * Hostile and broken workspace rule files (`.threatlens/rules/*.yaml`): whatever they hold —
 * mutations of real rule files, wrong types in every field, unknown ids, huge or deeply nested
 * content, binary junk — validation never throws or hangs, every error names the file and the
 * field, and the built-in rules keep working beside them, in the engine and in the CLI.
 * (Single cases of each kind are in ruleFiles.test.ts.)
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { run } from '../../src/cli/main';
import { loadBuiltinCatalog, validateRuleFile, type RuleFileResult } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { toText } from '../../src/core/report/text';
import { assertInside, mutatedArb, propertyRunner, readCorpus, withinTime } from './support/property';

const prop = propertyRunner(20_260_703, __filename);
const catalog = loadBuiltinCatalog();
const FILE = '.threatlens/rules/team.yaml';

/** The built-in rule files, renamed so their ids do not clash: real rule files to mutate. */
const REAL = readCorpus(['catalogs/rules'], /\.yaml$/).map((f) => ({ path: f.path, text: f.text.replace(/\bid: TL(\d+)/g, 'id: ORG$1') }));
const EXAMPLES = readCorpus(['examples'], /\.(mmd|md|ya?ml)$/);
const builtInEngine = new Engine(catalog, { today: '2026-11-23' });
const builtInFindings = new Map(EXAMPLES.map((e) => [e.path, builtInEngine.analyze(e.path, e.text)?.findings.map((f) => `${f.ruleId} ${f.componentId} ${f.status}`)]));

/** Validates within a time bound and checks the shape of every error. */
function check(text: string, name = FILE, ms = 2000): RuleFileResult {
  const { value: r } = withinTime(ms, `validating ${text.length} characters`, () => validateRuleFile(text, name, catalog));
  assert.ok(r.errors.length <= 200, 'errors are capped');
  for (const e of r.errors) {
    assert.equal(e.file, name);
    assert.ok(e.message.startsWith(`${name}: `), `the error does not name the file: ${e.message}`);
    if (e.path) assert.ok(e.message.startsWith(`${name}: ${e.path}: `), `the error does not name the field: ${e.message}`);
    assert.ok(e.detail.length > 0 && !e.detail.includes('[object Object]'), `an unclear error: ${e.message}`);
    // BUG (syntax error spans one past the end, see the skipped test below): allowed for those only.
    if (e.span) assertInside(`span of ${e.message}`, e.span, 0, text.length + (e.detail.startsWith('not valid YAML') ? 1 : 0));
  }
  return r;
}

/** The examples' built-in findings are all still found with these workspace rules added. */
function assertBuiltInsWork(r: RuleFileResult): void {
  const engine = new Engine(catalog, { today: '2026-11-23', extraRules: r.rules });
  for (const { path, text } of EXAMPLES) {
    const got = engine.analyze(path, text)?.findings.filter((f) => /^TL\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.componentId} ${f.status}`);
    assert.deepEqual(got, builtInFindings.get(path), `${path}: the built-in findings changed`);
  }
}

const RULE = [
  '  - id: ORG001',
  '    title: Vector stores need a data owner',
  '    owasp: [LLM08:2025]',
  '    atlas: [AML.T0070]',
  '    stride: [I, T]',
  '    likelihood: 3',
  '    impact: 3',
  '    lenses: [hallucination]',
  '    match: { component: { kind: [vector-store] } }',
  '    unless: [{ property: [owner] }]',
  '    mitigations: [retrieval-access-control]',
  '    plain: Every knowledge base needs a named owner who decides what goes in.',
  '    security: Unowned retrieval stores drift out of access-control review.',
];
const FIELDS = ['id', 'title', 'owasp', 'atlas', 'stride', 'likelihood', 'impact', 'lenses', 'match', 'unless', 'mitigations', 'plain', 'security'];

/** Values of every wrong type (and some hostile right-typed ones). */
const WRONG = ['42', '-1', '3.5', 'true', 'null', '~', '[]', '{}', '[1, 2]', '{ a: 1 }', '[[[[[]]]]]', '"x"', `"${'x'.repeat(5000)}"`, '[LLM99:2025]', '[AML.T9999]',
  '[nope]', '[Z]', '{ component: { kind: [not-a-kind] } }', '{ path: { from: { kind: [llm] } } }', '[{ neighbor: 3 }]', '!!binary aGVsbG8=', '2026-01-01', '*a', '{ <<: *a }'];

describe('hardening: hostile workspace rule files', function () {
  this.timeout(60_000);
  before(prop.announce);

  it('the fixtures: the renamed built-in rule files are valid workspace rule files', function () {
    assert.ok(REAL.length >= 10);
    for (const { path, text } of REAL) assert.deepEqual(check(text, path).errors, [], path);
  });

  it('mutated real rule files: never throw or hang, every error names file and field, built-ins keep working', function () {
    const tokens = [': ', '- ', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '<<: ', '!!', '\t', '\n', '    ', 'id: TL001', 'rules:', 'match:', 'null', '1e999', '\u0000', '\uFEFF'];
    prop.check(fc.property(fc.integer({ min: 0, max: REAL.length - 1 }).chain((i) => mutatedArb(REAL[i].text, tokens, 8)), (text) => {
      assertBuiltInsWork(check(text));
    }), { ci: 60, local: 40 });
  });

  it('random text and bytes: never throw', function () {
    prop.check(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme-ascii', maxLength: 400 }).map((s) => `rules:\n${s}`)), (text) => {
      const r = check(text);
      assert.ok(r.rules.length === 0 || r.errors.length >= 0);
    }), { ci: 300, local: 200 });
  });

  it('a wrong value in any field is reported on that field, and the other rules of the file are kept', function () {
    prop.check(fc.property(fc.constantFrom(...FIELDS), fc.constantFrom(...WRONG), (field, value) => {
      const bad = RULE.map((l) => (l.startsWith(`    ${field}:`) || l.startsWith(`  - ${field}:`) ? l.replace(/:.*/, `: ${value}`) : l)).join('\n').replace('ORG001', field === 'id' ? 'ORG001' : 'ORG002');
      const good = RULE.join('\n');
      const text = `a: &a [x]\nrules:\n${good}\n${bad}\n`.replace(/^a: &a \[x\]\n/, value.includes('*a') ? 'a: &a [x]\n' : '');
      const r = check(text);
      // The good rule survives, unless the bad one only repeats its id.
      if (field !== 'id') assert.ok(r.rules.some((x) => x.id === 'ORG001'), `the good rule is kept: ${r.errors.map((e) => e.message).join('\n')}`);
      const accepted = r.rules.some((x) => x.id !== 'ORG001');
      if (!accepted) {
        assert.ok(r.errors.length > 0, 'a rejected rule has an error');
        assert.ok(r.errors.some((e) => e.path.startsWith('rules[1]') || e.path === 'a' || e.path === ''), `the error names rules[1]: ${r.errors.map((e) => e.message).join('\n')}`);
      }
      assertBuiltInsWork(r);
    }), { ci: 120, local: 80 });
  });

  it('unknown ids of every kind are named, with near matches where there are some', function () {
    const cases: [string, string, RegExp][] = [
      ['owasp', '[LLM1:2025]', /rules\[0\]\.owasp\[0\]: /],
      ['owasp', '[ASI11:2026]', /rules\[0\]\.owasp\[0\]: unknown OWASP id ASI11:2026/],
      ['atlas', '[AML.T0051.999]', /rules\[0\]\.atlas\[0\]: unknown ATLAS technique/],
      ['mitigations', '[retrieval-access-contrl]', /rules\[0\]\.mitigations\[0\]: unknown mitigation retrieval-access-contrl/],
      ['stride', '[X]', /rules\[0\]\.stride\[0\]: /],
      ['lenses', '[made-up-lens]', /rules\[0\]\.lenses\[0\]: /],
      ['match', '{ component: { kind: [vectorstore] } }', /rules\[0\]\.match\.component\.kind\[0\]: expected one of/],
      ['match', '{ path: { from: { kind: [llm] }, to: { kind: [tol] } } }', /rules\[0\]\.match\.path\.to\.kind\[0\]: /],
      ['unless', '[{ neighbor: { select: { kind: [agnt] } } }]', /rules\[0\]\.unless\[0\]\.neighbor\.select\.kind\[0\]: /],
    ];
    for (const [field, value, expected] of cases) {
      const text = `rules:\n${RULE.map((l) => (l.startsWith(`    ${field}:`) ? `    ${field}: ${value}` : l)).join('\n')}\n`;
      const r = check(text);
      assert.equal(r.rules.length, 0, `${field}: ${value} is refused`);
      assert.match(r.errors.map((e) => e.message).join('\n'), expected);
    }
    const near = check(`rules:\n${RULE.map((l) => (l.startsWith('    mitigations:') ? '    mitigations: [retrieval-access-contrl]' : l)).join('\n')}\n`);
    assert.deepEqual(near.errors[0].suggestions?.[0], 'retrieval-access-control');
  });

  it('huge, deep and explosive files are refused with a clear message, quickly', function () {
    const cases: [string, string, RegExp][] = [
      ['2 MB', `rules:\n${RULE.join('\n')}\n# ${'x'.repeat(2_000_000)}\n`, /file is too large \(2\.\d MB; the limit is 1 MB\)/],
      ['100,000 nested flow lists', `rules: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /nesting is too deep/],
      ['10,000 nested flow maps', `rules: ${'{ a: '.repeat(10_000)}b${' }'.repeat(10_000)}\n`, /nesting is too deep/],
      ['an alias bomb', ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'rules: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n'), /could not be read|alias/i],
      ['600 rules', `rules:\n${Array.from({ length: 600 }, (_, i) => RULE.join('\n').replace('ORG001', `ORG${1000 + i}`)).join('\n')}\n`, /too many rules \(600; at most 500 per file\)/],
      ['a UTF-16 file read as UTF-8', Buffer.from(`\uFEFFrules:\n${RULE.join('\n')}\n`, 'utf16le').toString('utf8'), /./],
    ];
    for (const [name, text, expected] of cases) {
      const r = check(text, FILE, 3000);
      assert.equal(r.rules.length, 0, name);
      assert.match(r.errors.map((e) => e.message).join('\n'), expected, name);
      assertBuiltInsWork(r);
    }
  });

  // BUG: src/core/catalog/catalog.ts (`validateRulesIn`): a rule file with many keys in one map takes time
  // quadratic in their number, well under the 1 MB limit: `parseDocument(text, { uniqueKeys: true })`
  // compares each key with every earlier one (the yaml package's check), and every unknown top-level key
  // gets `spanAt([k], true)`, a linear search of the map, before the errors are capped at 200.
  // 10,000 keys (89 KB) take 2.5 s, 20,000 (189 KB) 8.8 s, 40,000 (389 KB) 49 s: opening a cloned
  // repository with such a file in `.threatlens/rules/` stalls the extension host. Expected: linear
  // (duplicate keys found with a Set, as src/core/parsers/yaml/index.ts now does, and the error loop
  // stopped at the cap).
  it.skip('a rule file with 20,000 keys is validated in linear time', function () {
    const text = `rules: []\n${Array.from({ length: 20_000 }, (_, k) => `k${k}: 1`).join('\n')}\n`;
    const r = check(text, FILE, 1500);
    assert.match(r.errors[0].message, /k0: unknown field/);
  });

  // BUG: src/core/catalog/catalog.ts (`validateRulesIn`) passes the yaml package's error position on as the
  // span of a "not valid YAML" error without clamping it: for `rules:\n[` (8 characters) the span is
  // {start: 8, end: 9}, one past the end of the text (src/core/parsers/yaml/index.ts clamps the same
  // positions). Expected: every span inside [0, text.length].
  it.skip('syntax errors at the end of a rule file have spans inside the text', function () {
    for (const text of ['rules:\n[', 'rules: {', 'rules:\n  - "unterminated']) {
      for (const e of validateRuleFile(text, FILE, catalog).errors) if (e.span) assertInside(e.message, e.span, 0, text.length);
    }
  });

  // BUG: src/core/catalog/catalog.ts accepts rule texts with line breaks in `title`, and
  // src/core/report/messages.ts (`findingMessage`) puts the title into the one-line message the
  // CLI prints as `file:line:col severity rule message`: a workspace rule titled
  // "Bad\nexamples/x.mmd:1:1 critical TL001 forged line" makes `threatlens check` print a second,
  // forged line (a fake finding for CI log parsers and GitHub problem matchers; the Problems panel
  // shows two lines). Expected: titles refused unless one line (like ids), or line breaks
  // collapsed where messages are built.
  it.skip('a rule title cannot forge a line of the CLI output', function () {
    const text = `rules:\n${RULE.map((l) => (l.startsWith('    title:') ? `    title: ${JSON.stringify('Bad\nexamples/x.mmd:1:1 critical TL001 forged line')}` : l.replace('[vector-store]', '[llm]'))).join('\n')}\n`;
    const r = check(text);
    const engine = new Engine(catalog, { today: '2026-11-23', extraRules: r.rules });
    const result = engine.analyze('a.mmd', 'flowchart LR\n  u[User] --> llm[GPT-4o]\n');
    assert.ok(result);
    const lines = toText([result], engine.lookup).trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, /^a\.mmd:\d+:\d+ /, line);
  });

  describe('in the CLI', function () {
    let dir: string;
    before(function () {
      dir = mkdtempSync(join(tmpdir(), 'threatlens-rules-'));
      const rules = join(dir, '.threatlens', 'rules');
      mkdirSync(rules, { recursive: true });
      writeFileSync(join(rules, 'a-good.yaml'), `rules:\n${RULE.join('\n')}\n`);
      writeFileSync(join(rules, 'b-wrong-types.yaml'), `rules:\n${RULE.join('\n').replace('ORG001', 'ORG002').replace('likelihood: 3', 'likelihood: high').replace('[I, T]', 'I')}\n`);
      writeFileSync(join(rules, 'c-clash.yaml'), `rules:\n${RULE.join('\n').replace('ORG001', 'TL001')}\n`);
      writeFileSync(join(rules, 'd-deep.yaml'), `rules: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
      writeFileSync(join(rules, 'e-huge.yaml'), `# ${'x'.repeat(1_100_000)}\n`);
      writeFileSync(join(rules, 'f-binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x3a, 0x0a, 0x2d, 0x20, 0xc3]));
      writeFileSync(join(rules, 'g-empty.yaml'), '');
      writeFileSync(join(rules, 'h-unknown-ids.yaml'), `rules:\n${RULE.join('\n').replace('ORG001', 'ORG003').replace('[LLM08:2025]', '[LLM11:2025]').replace('[AML.T0070]', '[AML.T9999]')}\n`);
      writeFileSync(join(dir, 'rag.mmd'), readFileSync(join(__dirname, '..', '..', 'examples', 'rag-support-bot.mmd')));
    });
    after(function () {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports each bad file by file and field, and checks with the built-in and the good rules', function () {
      let out = '';
      let err = '';
      const { value: code } = withinTime(5000, 'the CLI', () => run(['check', 'rag.mmd', '--format', 'json', '--fail-on', 'none', '--today', '2026-11-23'], dir, { out: (s) => { out += s; }, err: (s) => { err += s; } }));
      assert.equal(code, 0, err);
      for (const expected of [
        /\.threatlens\/rules\/b-wrong-types\.yaml: rules\[0\]\.likelihood: expected number/,
        /\.threatlens\/rules\/b-wrong-types\.yaml: rules\[0\]\.stride: /,
        /\.threatlens\/rules\/c-clash\.yaml: rules\[0\]\.id: rule id TL001 is taken by a built-in rule/,
        /\.threatlens\/rules\/d-deep\.yaml: nesting is too deep/,
        /\.threatlens\/rules\/e-huge\.yaml: file is too large/,
        /\.threatlens\/rules\/f-binary\.yaml: /,
        /\.threatlens\/rules\/g-empty\.yaml: the file is empty/,
        /\.threatlens\/rules\/h-unknown-ids\.yaml: rules\[0\]\.owasp\[0\]: unknown OWASP id LLM11:2025/,
        /\.threatlens\/rules\/h-unknown-ids\.yaml: rules\[0\]\.atlas\[0\]: unknown ATLAS technique AML\.T9999/,
      ]) assert.match(err, expected);
      assert.doesNotMatch(err, /a-good\.yaml/);
      const report = JSON.parse(out) as { files: { findings: { ruleId: string; componentId: string; status: string }[] }[] };
      const ids = report.files[0].findings.map((f) => `${f.ruleId} ${f.componentId} ${f.status}`);
      const expected = builtInEngine.analyze('rag.mmd', readFileSync(join(dir, 'rag.mmd'), 'utf8'))?.findings.map((f) => `${f.ruleId} ${f.componentId} ${f.status}`);
      assert.deepEqual(ids.filter((x) => x.startsWith('TL')), expected, 'the built-in findings are all there');
      assert.ok(ids.some((x) => x.startsWith('ORG001 kb ')), 'the good workspace rule fires');
    });
  });
});
