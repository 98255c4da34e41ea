/**
 * Hostile encodings and line ends: invalid UTF-8 (as the CLI decodes it, U+FFFD), byte order
 * marks, CRLF, mixed and lone-CR line ends. Nothing throws, every range stays inside the text,
 * recognition does not depend on a BOM, and offsets map to the right line and column.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { run } from '../../src/cli/main';
import { detectFormat } from '../../src/core/document';
import { Engine } from '../../src/core/engine';
import { findFences } from '../../src/core/parsers/markdown/fences';
import { LineIndex, type Position } from '../../src/core/positions';
import { jsonReportSchema } from '../../src/core/report/contract';
import type { FileResult } from '../../src/core/report/types';
import { assertFileSpans, propertyRunner, readCorpus, withinTime } from './support/property';

const prop = propertyRunner(20_260_702, __filename);
const engine = new Engine(undefined, { today: '2026-11-23' });
const BOM = '\uFEFF';

function analyze(path: string, text: string): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not recognised`);
  assertFileSpans(r);
  return r;
}

/** What analysis found, independent of where: components, flows, findings and problem codes. */
function summary(r: FileResult) {
  return {
    components: r.file.models.map((m) => m.components.map((c) => `${c.id}:${c.kind}:${c.label}`)),
    flows: r.file.models.map((m) => m.flows.map((f) => `${f.from}->${f.to}`)),
    findings: r.findings.map((f) => `${f.ruleId} ${f.componentId} ${f.status}`),
    problems: r.problems.map((p) => p.code),
  };
}

/** Line and column of an offset by the text itself: `\r\n`, `\n` and `\r` end lines, as in VS Code. */
function referencePosition(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    } else if (c === '\r' && i + 1 === offset) {
      // Between `\r` and `\n`: still this line, at the end of its text.
      return { line, character: i - start };
    }
  }
  return { line, character: offset - start };
}

/** The text of a range, read by lines: what an editor shows there. */
function textAt(text: string, r: { start: Position; end: Position }): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

const FILES = readCorpus(['examples'], /\.(mmd|md|ya?ml)$/);
const OTHER_NOTATIONS = readCorpus(['test/corpus/real-c4', 'test/corpus/real-sequence', 'test/corpus/real-architecture'], /^0[1-3].*\.mmd$/);

describe('hardening: encodings and line ends', function () {
  this.timeout(60_000);
  before(prop.announce);

  describe('LineIndex', function () {
    const pieces = ['a', 'bc', ' ', 'é', '🚀', '\t', '\n', '\r', '\r\n', '\n\r', BOM, '\u2028'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

    it('gives every offset the line and column the text has (\\r\\n, \\n and \\r end lines)', function () {
      prop.check(fc.property(text, (t) => {
        const index = new LineIndex(t);
        assert.equal(index.lineCount, t.split(/\r\n|\r|\n/).length);
        for (let o = 0; o <= t.length; o++) assert.deepEqual(index.positionAt(o), referencePosition(t, o), `offset ${o} of ${JSON.stringify(t)}`);
      }), 300);
    });

    it('round-trips offsets, except inside a \\r\\n pair, which maps to the end of the line as VS Code does', function () {
      prop.check(fc.property(text, (t) => {
        const index = new LineIndex(t);
        for (let o = 0; o <= t.length; o++) {
          const insidePair = t[o - 1] === '\r' && t[o] === '\n';
          assert.equal(index.offsetAt(index.positionAt(o)), insidePair ? o - 1 : o, `offset ${o} of ${JSON.stringify(t)}`);
        }
      }), 300);
    });

    it('clamps positions to the text of their line, never into or past its line break', function () {
      const t = 'ab\r\ncd\ne\rf';
      const index = new LineIndex(t);
      assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
      assert.equal(index.offsetAt({ line: 1, character: 99 }), 6);
      assert.equal(index.offsetAt({ line: 2, character: 99 }), 8);
      assert.equal(index.offsetAt({ line: 3, character: 99 }), t.length);
      assert.equal(index.offsetAt({ line: 1, character: -5 }), 4);
      assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
      assert.equal(index.offsetAt({ line: 9, character: 0 }), t.length);
      assert.deepEqual(index.positionAt(3), { line: 0, character: 2 }, 'between \\r and \\n');
      assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt(1e9), { line: 3, character: 1 });
      assert.equal(index.lineEndAt(0), 2);
      assert.equal(index.lineEndAt(3), 2);
      assert.equal(index.lineEndAt(7), 8);
    });

    it('counts UTF-16 code units, as editors and SARIF (columnKind utf16CodeUnits) do', function () {
      const t = 'flowchart LR\n  a["🚀 é"] --> llm[GPT-4o]\n';
      const index = new LineIndex(t);
      assert.deepEqual(index.positionAt(t.indexOf('llm')), { line: 1, character: '  a["🚀 é"] --> '.length });
    });
  });

  describe('byte order marks', function () {
    it('do not stop a file from being recognised, whatever its format', function () {
      const cases: [string, string][] = [
        ['a.mmd', 'flowchart LR\n  a --> b\n'],
        ['a.md', '```mermaid\nflowchart LR\n  a --> b\n```\n'],
        ['a.threatlens.yaml', 'threatlens: 1\ncomponents:\n  a: { kind: llm }\n'],
        ['model.yaml', 'threatlens: 1\ncomponents:\n  a: { kind: llm }\n'],
        ['threagile.yaml', 'threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: a\n    technology: llm\n'],
      ];
      for (const [path, text] of cases) {
        assert.equal(detectFormat(path, BOM + text), detectFormat(path, text), path);
        const plain = analyze(path, text);
        const marked = analyze(path, BOM + text);
        assert.deepEqual(summary(marked), summary(plain), path);
        assert.ok(marked.file.models.length > 0, `${path}: a model`);
      }
    });

    it('finds a ```mermaid fence on the first line after a BOM', function () {
      const md = `${BOM}\`\`\`mermaid\ngraph TD\nA-->B\n\`\`\`\n`;
      const [f] = findFences(md);
      assert.ok(f);
      assert.equal(md.slice(f.content.start, f.content.end), 'graph TD\nA-->B\n');
    });

    for (const { path, text } of [...FILES, ...OTHER_NOTATIONS]) {
      it(`shift every range by exactly one character: ${path}`, function () {
        const plain = analyze(path, text);
        const marked = analyze(path, BOM + text);
        assert.deepEqual(summary(marked), summary(plain));
        const spans = (r: FileResult) => r.file.models.flatMap((m) => m.components.map((c) => [c.span.start, c.span.end]));
        assert.deepEqual(spans(marked), spans(plain).map(([s, e]) => [s + 1, e + 1]));
        assert.deepEqual(marked.findings.map((f) => f.span.start), plain.findings.map((f) => f.span.start + 1));
        for (const c of marked.file.models.flatMap((m) => m.components)) {
          if (c.span.end > c.span.start && c.span.start > 0) assert.equal(marked.file.text.slice(c.span.start, c.span.end), text.slice(c.span.start - 1, c.span.end - 1));
        }
      });
    }
  });

  describe('CRLF and mixed line ends', function () {
    /** Each line break of `text` becomes `\r\n` where `crlf[i]` says so. */
    const mixEnds = (text: string, crlf: boolean[]) => {
      let i = 0;
      return text.replace(/\r?\n/g, () => (crlf[i++ % crlf.length] ? '\r\n' : '\n'));
    };

    /** Same findings and components, each at the same line and column as in the LF file. */
    function assertSameAtSamePositions(path: string, lf: string, other: string): void {
      const a = analyze(path, lf);
      const b = analyze(path, other);
      assert.deepEqual(summary(b), summary(a));
      const ia = new LineIndex(lf);
      const ib = new LineIndex(other);
      const ca = a.file.models.flatMap((m) => m.components);
      const cb = b.file.models.flatMap((m) => m.components);
      cb.forEach((c, k) => {
        assert.deepEqual(ib.range(c.span), ia.range(ca[k].span), `${path}: ${c.id}`);
        if (c.span.end > c.span.start) assert.equal(textAt(other, ib.range(c.span)), c.id);
      });
      b.findings.forEach((f, k) => assert.deepEqual(ib.range(f.span), ia.range(a.findings[k].span), `${path}: ${f.ruleId} on ${f.componentId}`));
      b.problems.forEach((p, k) => assert.deepEqual(ib.positionAt(p.span.start), ia.positionAt(a.problems[k].span.start), `${path}: ${p.code}`));
    }

    for (const { path, text } of [...FILES, ...OTHER_NOTATIONS]) {
      it(`CRLF: same results at the same lines and columns: ${path}`, function () {
        const lf = text.replace(/\r\n/g, '\n');
        assertSameAtSamePositions(path, lf, lf.replace(/\n/g, '\r\n'));
      });
    }

    it('mixed LF and CRLF: same results at the same lines and columns (examples and corpus)', function () {
      const files = [...FILES, ...readCorpus(['test/corpus'], /\.mmd$/)];
      prop.check(fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), (i, crlf) => {
        const { path, text } = files[i];
        const lf = text.replace(/\r\n/g, '\n');
        assertSameAtSamePositions(path, lf, mixEnds(lf, crlf));
      }), { ci: 150, local: 100 });
    });

    it('lone CR (classic Mac) line ends: YAML and Threagile models read as with LF', function () {
      for (const { path, text } of FILES.filter((f) => /\.ya?ml$/.test(f.path))) {
        const lf = text.replace(/\r\n/g, '\n');
        assertSameAtSamePositions(path, lf, lf.replace(/\n/g, '\r'));
      }
    });

    // Regression: src/core/parsers/mermaid (and the C4, sequence and architecture parsers built on its
    // Source): a lone `\r` did not end a line. Mermaid itself reads `flowchart LR\r  a[A] --> b[B]\r  b --> c\r`
    // as two edges a→b, b→c (it replaces /\r\n?/g with \n first), as VS Code shows three lines; the
    // parser reported mermaid/missing-header and found nothing. `Source` now reads each lone `\r` as
    // `\n`, one character for one (src/core/parsers/common/lineBreaks.ts), so every offset stays valid.
    it('lone CR (classic Mac) line ends: Mermaid and Markdown read as with LF', function () {
      for (const { path, text } of [...FILES, ...OTHER_NOTATIONS].filter((f) => !/\.ya?ml$/.test(f.path))) {
        const lf = text.replace(/\r\n/g, '\n');
        assertSameAtSamePositions(path, lf, lf.replace(/\n/g, '\r'));
      }
    });

    it('lone CR line ends anywhere: nothing throws and ranges stay inside the text', function () {
      const files = [...FILES, ...readCorpus(['test/corpus'], /\.mmd$/)];
      prop.check(fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\r'), { minLength: 1, maxLength: 20 }), (i, ends) => {
        const { path, text } = files[i];
        let k = 0;
        withinTime(2000, path, () => analyze(path, text.replace(/\r?\n/g, () => ends[k++ % ends.length])));
      }), { ci: 100, local: 60 });
    });
  });

  describe('invalid UTF-8', function () {
    /** Byte sequences that are not UTF-8; decoding gives U+FFFD for each. */
    const INVALID: Buffer[] = [
      Buffer.from([0xc3, 0x28]), // a two-byte lead followed by ASCII
      Buffer.from([0xff]), Buffer.from([0xfe, 0xff]), // bytes that never occur, and a UTF-16 BOM
      Buffer.from([0x80, 0xbf]), // lone continuation bytes
      Buffer.from([0xc0, 0xaf]), // an overlong `/`
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
      Buffer.from([0xe2, 0x82]), // a truncated three-byte sequence
      Buffer.from([0x00]), // NUL is valid UTF-8 but rarely expected
    ];
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const withBytes = (...parts: (string | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? bytes(p) : p)));

    it('decodes as the CLI reads files: U+FFFD, nothing thrown', function () {
      for (const b of INVALID.slice(0, -1)) assert.ok(b.toString('utf8').includes('\uFFFD'), b.toString('hex'));
    });

    let dir: string;
    before(function () {
      dir = mkdtempSync(join(tmpdir(), 'threatlens-utf8-'));
      mkdirSync(join(dir, 'docs'));
      const bad = Buffer.concat(INVALID);
      // In a label, an annotation's text, an id, a YAML value and key, a Markdown fence and a comment;
      // with a BOM and CRLF line ends in some files, and a truncated sequence at the very end.
      const noParen = Buffer.concat(INVALID.slice(1));
      writeFileSync(join(dir, 'docs', 'labels.mmd'), withBytes('\uFEFFflowchart LR\r\n  u[Cust', noParen, 'omer] --> llm["GPT-4o ', bad, '"]\r\n  up[/Uploads/] --> kb[("Pinecone ', bad, '")]\r\n  llm --> kb\r\n  %% @accepts llm LLM03:2025 because "', bad, '"\r\n  %% @mitigates kb against LLM08:2025 with "x', bad, '" (planned)\r\n'));
      writeFileSync(join(dir, 'docs', 'ids.mmd'), withBytes('flowchart LR\n  a', bad, 'b[User] --> llm[GPT-4o]\n  x', INVALID[0], ' --> llm\n', INVALID[7]));
      writeFileSync(join(dir, 'docs', 'notes.md'), withBytes('# Not', bad, 'es\n\n```mermaid\nflowchart LR\n  user[User ', bad, '] --> bot[Claude agent]\n```\n', bad, '\n```mermaid\n', bad, '\n```\n'));
      writeFileSync(join(dir, 'docs', 'model.threatlens.yaml'), withBytes('\uFEFFthreatlens: 1\r\nsystem: "sys', bad, '"\r\ncomponents:\r\n  bot:\r\n    kind: llm\r\n    label: GPT ', bad, '\r\n  k', INVALID[0], 'b: { kind: vector-store }\r\nflows:\r\n  - bot -> k', INVALID[0], 'b\r\n'));
      writeFileSync(join(dir, 'docs', 'threagile.yaml'), withBytes('threagile_version: 1.0.0\ntitle: T', bad, '\ntechnical_assets:\n  Bot ', bad, ':\n    id: bot\n    technology: llm\n    description: ', bad, '\n# @accepts bot LLM09:2025 because "', bad, '"\n'));
      writeFileSync(join(dir, 'docs', 'utf16.mmd'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flowchart LR\n  a[User] --> llm[GPT-4o]\n', 'utf16le')]));
    });
    after(function () {
      rmSync(dir, { recursive: true, force: true });
    });

    function cli(args: string[]) {
      let out = '';
      let err = '';
      const code = run(args, dir, { out: (s) => { out += s; }, err: (s) => { err += s; } });
      return { code, out, err };
    }

    it('the CLI checks such files without failing, and every range points into the decoded text', function () {
      const r = cli(['check', 'docs', '--format', 'json', '--fail-on', 'none', '--today', '2026-11-23']);
      assert.equal(r.code, 0, r.err);
      const parsed = jsonReportSchema.safeParse(JSON.parse(r.out));
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
      const report = parsed.data;
      assert.deepEqual(report.files.map((f) => f.path).sort(), ['docs/ids.mmd', 'docs/labels.mmd', 'docs/model.threatlens.yaml', 'docs/notes.md', 'docs/threagile.yaml', 'docs/utf16.mmd']);
      for (const f of report.files) {
        const text = readFileSync(join(dir, f.path), 'utf8');
        const lines = text.split(/\r\n|\r|\n/);
        const inside = (what: string, range: { start: Position; end: Position }) => {
          for (const p of [range.start, range.end]) {
            assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${f.path}: ${what} at ${JSON.stringify(range)}`);
          }
        };
        for (const c of f.components) {
          inside(`component ${c.id}`, c.range);
          assert.equal(textAt(text, c.range), c.id, `${f.path}: the range of ${c.id}`);
        }
        for (const x of f.findings) inside(`finding ${String(x.ruleId)}`, x.range);
        for (const p of f.problems) inside(`problem ${p.code}`, p.range);
        for (const x of (f as unknown as { flows: { range: { start: Position; end: Position } }[] }).flows) inside('flow', x.range);
      }
      const labels = report.files.find((f) => f.path === 'docs/labels.mmd');
      assert.ok(labels?.components.some((c) => c.id === 'llm' && c.kind === 'llm' && c.label.includes('\uFFFD')), 'labels keep U+FFFD and still infer kinds');
      assert.ok(labels?.findings.some((x) => x.componentId === 'kb' && x.status === 'planned'), 'a control with invalid bytes still decides');
      const yaml = report.files.find((f) => f.path === 'docs/model.threatlens.yaml');
      assert.deepEqual(yaml?.components.map((c) => c.id), ['bot', 'k\uFFFD(b']);
    });

    it('every other output format and command reads them too', function () {
      for (const format of ['text', 'markdown', 'sarif']) {
        const r = cli(['check', 'docs', '--format', format, '--fail-on', 'none', '--today', '2026-11-23']);
        assert.equal(r.code, 0, `${format}: ${r.err}`);
        assert.ok(r.out.length > 0);
      }
      for (const args of [['brief', 'docs'], ['attack-tree', 'docs/labels.mmd'], ['convert', 'docs/labels.mmd'], ['baseline', 'docs']]) {
        const r = cli([...args, '--today', '2026-11-23']);
        assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}: ${r.err}`);
      }
    });

    it('random invalid bytes spliced into real files: nothing throws, ranges stay inside the text', function () {
      const files = [...FILES, ...readCorpus(['test/corpus'], /\.mmd$/)].map((f) => ({ path: f.path, bytes: Buffer.from(f.text, 'utf8') }));
      const junk = fc.oneof(fc.constantFrom(...INVALID), fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => Buffer.from(a)));
      prop.check(fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), junk), { minLength: 1, maxLength: 8 }), (i, splices) => {
        const { path, bytes: original } = files[i];
        let b = original;
        for (const [at, j] of splices) {
          const k = Math.floor(at * b.length);
          b = Buffer.concat([b.subarray(0, k), j, b.subarray(k)]);
        }
        const text = b.toString('utf8');
        withinTime(2000, path, () => {
          const r = engine.analyze(path, text);
          if (r) assertFileSpans(r);
        });
      }), { ci: 200, local: 120 });
    });
  });
});
