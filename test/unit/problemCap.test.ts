/**
 * One bad file never loses the run (issue 13, item 5): a file with a huge number of problems gets
 * the first ones and a summary (before, `push(...problems)` overflowed the stack and the CLI
 * stopped with "internal error", exit 2, losing every other file), and a file whose analysis
 * throws gets an error of its own while the other files are analysed as usual.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { Engine } from '../../src/core/engine';
import { MAX_PROBLEMS_PER_FILE } from '../../src/core/fileGuard';

const GOOD = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n  llm --> kb[(Pinecone)]\n';
/** 130,000 stray `end` lines: 520 KB, one problem each. */
const ENDS = `flowchart LR\n  llm[GPT-4o]\n${'end\n'.repeat(130_000)}`;

interface JsonFile { path: string; findings: unknown[]; problems: { code: string; severity: string }[] }

function check(dir: string): { code: number; files: JsonFile[]; err: string } {
  let out = '';
  let err = '';
  const code = run(['check', '.', '--format', 'json', '--fail-on', 'none', '--today', '2026-11-23'], dir, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  const files = code === 2 ? [] : (JSON.parse(out) as { files: JsonFile[] }).files;
  return { code, files, err };
}

describe('one bad file never loses the run', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatlens-cap-'));
    writeFileSync(join(dir, 'good.mmd'), GOOD);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('caps the problems of a file with 130,000 of them and says how many more there are', function () {
    const r = new Engine(undefined, { today: '2026-11-23' }).analyze('ends.mmd', ENDS);
    assert.ok(r);
    assert.equal(r.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    const summary = r.problems[MAX_PROBLEMS_PER_FILE];
    assert.equal(summary.code, 'file/too-many-problems');
    assert.match(summary.message, new RegExp(`${130_000 - MAX_PROBLEMS_PER_FILE} more`));
    // The kept ones are the first in the file.
    assert.ok(r.problems.slice(0, -1).every((p, i, all) => i === 0 || all[i - 1].span.start <= p.span.start));
    assert.ok(summary.span.start >= r.problems[MAX_PROBLEMS_PER_FILE - 1].span.start);
  });

  it('the CLI reports the capped file and still the findings of the others', function () {
    writeFileSync(join(dir, 'ends.mmd'), ENDS);
    const r = check(dir);
    assert.notEqual(r.code, 2, r.err);
    const ends = r.files.find((f) => f.path === 'ends.mmd');
    const good = r.files.find((f) => f.path === 'good.mmd');
    assert.ok(ends && good);
    assert.equal(ends.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.ok(good.findings.length > 0, 'the other file keeps its findings');
  });

  describe('a file whose analysis throws', function () {
    // A test-only fault: the analysis of files named boom.mmd throws, as a bug in a parser would.
    type Inner = { analyzeUnguarded: (this: Inner, path: string, text: string) => unknown };
    const proto = Engine.prototype as unknown as Inner;
    const original = proto.analyzeUnguarded;
    beforeEach(() => {
      proto.analyzeUnguarded = function (this: Inner, path: string, text: string) {
        if (path.endsWith('boom.mmd')) throw new RangeError('injected failure');
        return original.call(this, path, text);
      };
    });
    afterEach(() => {
      proto.analyzeUnguarded = original;
    });

    it('gets an error on that file, and the CLI run goes on with the others', function () {
      writeFileSync(join(dir, 'boom.mmd'), GOOD);
      writeFileSync(join(dir, 'later.mmd'), GOOD);
      const r = check(dir);
      assert.notEqual(r.code, 2, r.err);
      const boom = r.files.find((f) => f.path === 'boom.mmd');
      assert.ok(boom, 'the failed file is in the report');
      assert.deepEqual(boom.problems.map((p) => [p.code, p.severity]), [['file/analysis-failed', 'error']]);
      assert.deepEqual(boom.findings, []);
      for (const name of ['good.mmd', 'later.mmd']) assert.ok((r.files.find((f) => f.path === name)?.findings.length ?? 0) > 0, `${name} keeps its findings`);
    });

    it('Engine.analyze does not throw, and says why the file has no findings', function () {
      const r = new Engine().analyze('boom.mmd', GOOD);
      assert.ok(r);
      assert.equal(r.problems[0].code, 'file/analysis-failed');
      assert.match(r.problems[0].message, /injected failure/);
    });
  });
});
