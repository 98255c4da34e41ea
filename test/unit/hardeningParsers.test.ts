/**
 * Property tests for the parsers that mermaidProperty and diagramProperty do not cover: the
 * Markdown fence finder, the Threatlens YAML and Threagile parsers, and the baseline reader.
 * Whatever they are given they never throw (nor hit their internal-error catch-all), never hang,
 * and keep every range inside the text; the fence finder agrees with markdown-it.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { makeBaseline, parseBaseline, serializeBaseline } from '../../src/core/diff';
import { Engine } from '../../src/core/engine';
import type { ParseResult } from '../../src/core/model';
import { findFences } from '../../src/core/parsers/markdown/fences';
import { parseThreagile } from '../../src/core/parsers/threagile';
import { parseThreatlensYaml } from '../../src/core/parsers/yaml';
import { assertInside, mutatedArb, parseSpans, propertyRunner, readCorpus, withinTime } from './support/property';

const prop = propertyRunner(20_260_704, __filename);
const PER_INPUT_MS = 1000;

function checkedParse(name: string, parse: (t: string) => ParseResult, text: string): ParseResult {
  const { value: r } = withinTime(PER_INPUT_MS, `${name} on ${text.length} characters`, () => parse(text));
  for (const [what, s] of parseSpans(r)) assertInside(what, s, 0, text.length);
  const internal = r.problems.find((p) => /internal/.test(p.code));
  assert.equal(internal, undefined, internal?.message);
  for (const c of r.model.components) {
    // A key's range holds the id as written: bare, or in quotes.
    const written = text.slice(c.span.start, c.span.end);
    // (A plain key broken over lines, an error YAML reports, is folded into one line.)
    assert.ok(written === c.id || /^["']/.test(written) || written.replace(/\s+/g, ' ') === c.id, `component ${c.id} at ${JSON.stringify(written)}`);
  }
  for (const p of r.problems) assert.doesNotMatch(p.message, /[\r\n]/, `a line break in ${p.code}`);
  return r;
}

const YAML_TOKENS = ['\n', '\r\n', '\r', '  ', '    ', '\t', '- ', ': ', ':', '-', '? ', '[', ']', '{', '}', ', ', '"', "'", '#', '# @mitigates a against LLM01 with "x"\n', '&a ', '*a', '<<: ', '!!str ', '!!binary ', '|', '>', '---\n', '...\n', '%YAML 1.2\n',
  'threatlens: 1\n', 'components:\n', 'flows:\n', 'boundaries:\n', 'kind: llm', 'kind: llmm', 'label: x', 'boundary: b', 'mitigations:', 'accepted:', 'not-applicable:', 'LLM01:2025:', 'control: c', 'status: planned',
  'a -> b', 'a <-> b', 'from: a', 'to: b', 'a', 'b', 'x', 'null', '~', '1', '2026-01-01', 'é', '🚀', '\u0000', '\uFEFF', '\uD800', '\u2028'];
const THREAGILE_TOKENS = [...YAML_TOKENS, 'threagile_version: 1.0.0\n', 'technical_assets:\n', 'trust_boundaries:\n', 'communication_links:\n', 'data_assets:\n', 'id: a', 'id: b', 'target: a', 'target: ghost',
  'technology: llm', 'technology: ai', 'type: external-entity', 'internet: true', 'technical_assets_inside: [a]', 'trust_boundaries_nested: [t]', 'data_assets_processed: [d]', '# @accepts a LLM09 because "r"\n'];

const soup = (tokens: string[], header: string) => fc.array(fc.constantFrom(...tokens), { maxLength: 120 }).map((t) => header + t.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }));

describe('hardening: parser properties', function () {
  this.timeout(60_000);
  before(prop.announce);
  before(function () {
    // Warm up, so the first generated input is not charged with compiling the parsers.
    for (const f of readCorpus(['examples'], /\.ya?ml$/)) {
      parseThreatlensYaml(f.text);
      parseThreagile(f.text);
    }
  });

  describe('Threatlens YAML', function () {
    const corpus = readCorpus(['examples', 'test/fixtures'], /\.threatlens\.ya?ml$/).map((f) => f.text);

    it('never throws, never hangs, keeps ranges inside the text: arbitrary text and YAML token soup', function () {
      prop.check(fc.property(fc.oneof(anyText, soup(YAML_TOKENS, ''), soup(YAML_TOKENS, 'threatlens: 1\ncomponents:\n')), (text) => {
        checkedParse('parseThreatlensYaml', parseThreatlensYaml, text);
      }), { ci: 400, local: 250 });
    });

    it('the same on mutated real models', function () {
      assert.ok(corpus.length > 0);
      prop.check(fc.property(fc.integer({ min: 0, max: corpus.length - 1 }).chain((i) => mutatedArb(corpus[i], YAML_TOKENS, 8)), (text) => {
        checkedParse('parseThreatlensYaml', parseThreatlensYaml, text);
      }), { ci: 300, local: 200 });
    });
  });

  describe('Threagile', function () {
    const corpus = readCorpus(['examples'], /^threagile.*\.ya?ml$/).map((f) => f.text);

    it('never throws, never hangs, keeps ranges inside the text: arbitrary text and token soup', function () {
      prop.check(fc.property(fc.oneof(anyText, soup(THREAGILE_TOKENS, 'threagile_version: 1.0.0\ntechnical_assets:\n')), (text) => {
        checkedParse('parseThreagile', parseThreagile, text);
      }), { ci: 400, local: 250 });
    });

    it('the same on mutated real models', function () {
      assert.ok(corpus.length > 0);
      prop.check(fc.property(fc.integer({ min: 0, max: corpus.length - 1 }).chain((i) => mutatedArb(corpus[i], THREAGILE_TOKENS, 8)), (text) => {
        checkedParse('parseThreagile', parseThreagile, text);
      }), { ci: 150, local: 100 });
    });
  });

  describe('Markdown fences', function () {
    const LINES = ['```mermaid', '```Mermaid title', '~~~mermaid', '````mermaid', '```', '~~~', '````', '```python', '``` mermaid', '```mermaid```', '``', 'graph TD', 'A-->B', 'text', '', '# Heading', '- item',
      '> quote', '\t```mermaid', '    ```mermaid', '\uFEFF```mermaid'];
    const markdownText = fc.tuple(fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom('', ' ', '  ', '   ')), { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.map(([l, pad]) => pad + l).join(eol));

    it('never throws and returns ordered, non-overlapping ranges inside the text', function () {
      prop.check(fc.property(fc.oneof(anyText, markdownText), (text) => {
        const { value: fences } = withinTime(PER_INPUT_MS, 'findFences', () => findFences(text));
        let pos = 0;
        for (const f of fences) {
          assertInside('fence line', f.open, pos, text.length);
          assertInside('fence content', f.content, f.open.end, text.length);
          assert.equal(f.lang, 'mermaid');
          pos = f.content.end;
        }
      }), { ci: 500, local: 300 });
    });

    it('finds the same fences, with the same content, as markdown-it (fences indented 0-3 spaces)', function () {
      const mdit = new MarkdownIt();
      prop.check(fc.property(markdownText, (raw) => {
        // markdown-it (like CommonMark) does not take lone CR as a line end for this purpose, nor know
        // list items and quotes as our scanner (which does not) sees them: compare on what both read.
        const text = raw.replace(/\r(?!\n)/g, '\n');
        // Our scanner takes fences at any indentation on purpose (list items); CommonMark makes a line
        // indented four columns or more (a tab counts to the next multiple of four) a code block.
        const bare = text.replace(/^\uFEFF/, '');
        if (/^\s*([-*+]|\d+[.)]|>)\s/m.test(bare) || /^( {4,}| {0,3}\t)/m.test(bare)) return;
        const theirs = mdit.parse(bare, {}).filter((t) => t.type === 'fence' && t.info.trim().split(/\s/)[0].toLowerCase() === 'mermaid').map((t) => t.content);
        const ours = findFences(text).map((f) => {
          const indent = /^ */.exec(text.slice(f.open.start, f.open.end).replace(/^\uFEFF/, ''))?.[0].length ?? 0;
          // At the end of the text markdown-it drops a last line of blanks; it means nothing to Mermaid.
          const body = text.slice(f.content.start, f.content.end).replace(/\r\n/g, '\n');
          return (f.closed ? body : body.replace(/(^|\n)[ \t]+$/, '$1'))
            .split('\n').map((l) => l.replace(new RegExp(`^ {0,${indent}}`), '')).join('\n');
        });
        assert.deepEqual(ours, theirs, JSON.stringify(text));
      }), { ci: 400, local: 250 });
    });
  });

  describe('baselines', function () {
    const engine = new Engine(undefined, { today: '2026-11-23' });
    const results = readCorpus(['examples'], /\.(mmd|md|ya?ml)$/).flatMap((f) => engine.analyze(f.path, f.text) ?? []);
    const baseline = serializeBaseline(makeBaseline(results, '1.0.0'));

    it('a mutated or arbitrary baseline is read or refused with a message, never thrown', function () {
      const tokens = ['{', '}', '[', ']', '"', ',', ':', 'null', '1e999', '-0', 'true', '"version"', '"entries"', '\\u0000', '\\', '\n'];
      prop.check(fc.property(fc.oneof(anyText, mutatedArb(baseline, tokens, 6)), (text) => {
        const { value: r } = withinTime(PER_INPUT_MS, 'parseBaseline', () => parseBaseline(text, 'base.json'));
        if ('error' in r) assert.ok(r.error.length > 0 && !/^\s*$/.test(r.error));
        else assert.ok(typeof r.baseline === 'object');
      }), { ci: 300, local: 200 });
    });
  });
});
