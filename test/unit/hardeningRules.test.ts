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
    if (e.span) assertInside(`span of ${e.message}`, e.span, 0, text.length);
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

  // Regression: a rule file with many keys in one map took time quadratic in their number (20,000
  // keys, 189 KB: 8.8 s; 40,000: 49 s), stalling the extension host: the yaml package's
  // `uniqueKeys: true` check compares each key with every earlier one, and every unknown key got a
  // linear search of its map for its span. Duplicate keys are now found with a Set
  // (`duplicateKeys` in src/core/catalog/yamlSpans.ts), span lookups use a per-map index, and the
  // error loops stop at the cap.
  it('a rule file with 20,000 keys is validated in linear time', function () {
    const text = `rules: []\n${Array.from({ length: 20_000 }, (_, k) => `k${k}: 1`).join('\n')}\n`;
    const r = check(text, FILE, 1500);
    assert.match(r.errors[0].message, /k0: unknown field/);
  });

  // Regression: the yaml package's position of an end-of-input error was passed on unclamped as
  // the span of a "not valid YAML" error: for `rules:\n[` (8 characters) it was {start: 8, end: 9},
  // one past the end of the text. Expected: every span inside [0, text.length].
  it('syntax errors at the end of a rule file have spans inside the text', function () {
    for (const text of ['rules:\n[', 'rules: {', 'rules:\n  - "unterminated']) {
      for (const e of validateRuleFile(text, FILE, catalog).errors) if (e.span) assertInside(e.message, e.span, 0, text.length);
    }
  });

  // Regression: rule titles with line breaks were accepted, and src/core/report/messages.ts
  // (`findingMessage`) put the title into the one-line message the CLI prints as
  // `file:line:col severity rule message`: a workspace rule titled
  // "Bad\nexamples/x.mmd:1:1 critical TL001 forged line" made `threatlens check` print a second,
  // forged line (a fake finding for CI log parsers and GitHub problem matchers). Now the rule
  // schema refuses titles that are not one line, and `findingMessage` is one line whatever it holds.
  it('a rule title cannot forge a line of the CLI output', function () {
    const text = `rules:\n${RULE.map((l) => (l.startsWith('    title:') ? `    title: ${JSON.stringify('Bad\nexamples/x.mmd:1:1 critical TL001 forged line')}` : l.replace('[vector-store]', '[llm]'))).join('\n')}\n`;
    const r = check(text);
    const engine = new Engine(catalog, { today: '2026-11-23', extraRules: r.rules });
    const result = engine.analyze('a.mmd', 'flowchart LR\n  u[User] --> llm[GPT-4o]\n');
    assert.ok(result);
    const lines = toText([result], engine.lookup).trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) assert.match(line, /^a\.mmd:\d+:\d+ /, line);
    // Refused on the field, like an id with a line break.
    assert.equal(r.rules.length, 0);
    assert.match(r.errors.map((e) => e.message).join('\n'), /^\.threatlens\/rules\/team\.yaml: rules\[0\]\.title: a title is one line/m);
    // The message is one line even for a rule that never went through the schema.
    const good = check(text.replace(/title: .*/, 'title: Fine')).rules[0];
    const direct = new Engine(catalog, { today: '2026-11-23', extraRules: [{ ...good, title: 'Bad\r\nx.mmd:1:1 critical TL001 forged\u2028line' }] });
    const out = toText([direct.analyze('a.mmd', 'flowchart LR\n  u[User] --> llm[GPT-4o]\n') ?? assert.fail()], direct.lookup).trimEnd().split('\n');
    assert.ok(out.some((l) => l.includes('Bad x.mmd:1:1 critical TL001 forged line')), out.join('\n'));
    for (const line of out.slice(0, -1)) assert.match(line, /^a\.mmd:\d+:\d+ [^\r\u2028]*$/, line);
    // Rule-file errors quote keys and values with their control characters escaped.
    for (const e of check(`rules: []\n"a\\nb\\u001b[2J\\u2028": 1\n`).errors.concat(check(text.replace(/title: .*/, 'title: Fine').replace('[retrieval-access-control]', '["x\\ny"]')).errors)) {
      assert.doesNotMatch(e.message, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/, e.message);
    }
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
