/**
 * Issue 13, item 4: no construct of any notation costs more than linear time, and a 2 MB file of
 * any shape is analysed in seconds. Each construct of bench/constructs.ts is analysed by the
 * engine at n and 10n characters in this one process; linear code gives about 10x, a quadratic
 * path about 100x. The limit (25x) leaves room for a loaded machine; each side is the best of
 * several runs, timed in CPU time (see bench/linearity.ts). The 2 MB files are timed on the engine
 * bundled as it ships in the CLI and the extension.
 *
 * THREATLENS_LINEARITY_N sets n (default 4,000: small enough for `npm test`, large enough that the
 * quadratic paths of issue 13 showed 39x and more), and THREATLENS_LINEARITY_BIG=all times the 2 MB
 * file of every construct, not only the slowest of each file format.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { parseDocument } from 'yaml';
import { CONSTRUCTS, type Construct } from '../../bench/constructs';
import { BIG, measure, timeAnalysis, type Timing } from '../../bench/linearity';
import { Engine } from '../../src/core/engine';

const N = Number(process.env.THREATLENS_LINEARITY_N ?? 4000);
const MAX_RATIO = 25;
/** The issue's figure is 2 s; the limit allows for a 2-core machine shared with other jobs. */
const BIG_TARGET_MS = 2000;
const BIG_LIMIT_MS = 4000;
/**
 * About half of a large YAML file's time is the yaml package reading it (its parser, not ours):
 * there the limit is also met by the whole analysis costing under this multiple of that read.
 */
const YAML_FACTOR = 3;

/**
 * The slowest construct of each file format at 2 MB (see the table of `node bench/linearity.ts --big`), and
 * deep nesting, whose cost grows with depth times members when ancestors are walked per component;
 * all of them take minutes, too long for every `npm test`.
 */
const BIG_BY_DEFAULT = new Set(['flowchart nodes', 'flowchart subgraphs nested', 'markdown many fences', 'yaml components', 'threagile assets and links']);

describe('linearity: every construct at n and 10n, and 2 MB files (issue 13, item 4)', function () {
  this.timeout(120_000);
  const engine = new Engine(undefined, { today: '2026-12-01' });
  const bigAll = process.env.THREATLENS_LINEARITY_BIG === 'all';

  it('has a generator for every notation, each growing to the size asked for', function () {
    const paths = new Set(CONSTRUCTS.map((c) => c.path));
    assert.deepEqual([...paths].sort(), ['a.md', 'a.mmd', 'a.threatlens.yaml', 'a.yaml']);
    for (const c of CONSTRUCTS) {
      const text = c.make(N);
      assert.ok(text.length >= N && text.length < N * 1.2 + 200, `${c.name}: ${text.length} characters for ${N}`);
      assert.ok(engine.analyze(c.path, text), `${c.name} is analysed`);
    }
    for (const name of BIG_BY_DEFAULT) assert.ok(CONSTRUCTS.some((c) => c.name === name), name);
  });

  for (const c of CONSTRUCTS) {
    it(`${c.name}: 10n costs less than ${MAX_RATIO}x n`, function () {
      const row = bestRatio(engine, c);
      assert.ok(row.ratio < MAX_RATIO, `${c.name}: ${row.small.toFixed(1)} ms at ${N} characters, ${row.large.toFixed(1)} ms at ${10 * N}: ${row.ratio.toFixed(1)}x`);
    });
  }

  // The 2 MB files are timed on the engine bundled as it ships (esbuild, as scripts/bench.mjs
  // does): through the test's TypeScript loader every call across modules costs more.
  let shipped: Shipped | undefined;
  const bundled = (): Shipped => (shipped ??= loadBundled());
  after(() => shipped?.dispose());

  for (const c of CONSTRUCTS.filter((x) => bigAll || BIG_BY_DEFAULT.has(x.name))) {
    const yaml = c.path.endsWith('.yaml');
    it(`${c.name}: a 2 MB file is analysed in under ${BIG_LIMIT_MS / 1000} s${yaml ? `, or ${YAML_FACTOR}x what the yaml package takes to read it` : ''}`, function () {
      const text = c.make(BIG);
      // CPU time leaves out waiting for a core but adds the GC's helper threads; the wall clock
      // is the other way round. The lesser of the two is the closer to an idle machine's time.
      const b = bundled();
      const measureOnce = (): { t: Timing; ms: number } => {
        const t = b.timeAnalysis(b.engine, c.path, text, 1);
        return { t, ms: Math.min(t.cpu, t.wall) };
      };
      let limit = BIG_LIMIT_MS;
      let read: number | undefined;
      if (yaml) {
        // With the options the parsers use: the package's own duplicate-key check is quadratic.
        read = cpuMs(() => parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }));
        limit = Math.max(limit, YAML_FACTOR * read);
      }
      let { t, ms } = measureOnce();
      // A second run only when the first is over: on a busy machine one slow run is not a failure.
      if (ms >= limit) {
        const again = measureOnce();
        if (again.ms < ms) ({ t, ms } = again);
      }
      let figure = `${c.name}, ${text.length} characters: ${t.cpu.toFixed(0)} ms CPU, ${t.wall.toFixed(0)} ms wall`;
      if (read !== undefined) figure += `; yaml.parseDocument alone ${read.toFixed(0)} ms CPU`;
      if (ms >= BIG_TARGET_MS) console.log(`      (over the ${BIG_TARGET_MS} ms target: ${figure})`);
      assert.ok(ms < limit, figure);
    });
  }
});

interface Shipped {
  engine: Engine;
  timeAnalysis: typeof timeAnalysis;
  dispose(): void;
}

function loadBundled(): Shipped {
  const dir = mkdtempSync(join(tmpdir(), 'threatlens-linearity-'));
  const outfile = join(dir, 'engine.cjs');
  const root = join(__dirname, '..', '..');
  buildSync({
    stdin: { contents: "export { Engine } from './src/core/engine'; export { timeAnalysis } from './bench/linearity';", resolveDir: root, loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  });
  const m = createRequire(__filename)(outfile) as { Engine: typeof Engine; timeAnalysis: typeof timeAnalysis };
  return { engine: new m.Engine(undefined, { today: '2026-12-01' }), timeAnalysis: m.timeAnalysis, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** CPU time of one call, ms. */
function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Up to three measurements, stopping at the first under the limit: one slow run on a busy machine is not a failure. */
function bestRatio(engine: Engine, c: Construct): ReturnType<typeof measure> {
  let best = measure(engine, c, N, 2);
  for (let i = 1; i < 3 && best.ratio >= MAX_RATIO; i++) {
    const row = measure(engine, c, N, 2);
    if (row.ratio < best.ratio) best = row;
  }
  return best;
}
