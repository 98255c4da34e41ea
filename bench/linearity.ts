/**
 * The linearity table: every construct of bench/constructs.ts analysed by the engine (parse,
 * inference, analysis: what the CLI and the editor run per file) at n and 10n characters in one
 * process, so the ratio does not depend on the machine. Linear code gives about 10x.
 *
 *   node --expose-gc --import tsx bench/linearity.ts [--n 10000] [--big] [--only REGEX]
 *
 * `--big` also times a 2,000,000-character file of each construct (skipped when the ratio
 * already predicts minutes).
 */
import { Engine } from '../src/core/engine';
import { CONSTRUCTS, type Construct } from './constructs';

/** Just under the default 2 MiB file-size limit, so the file is analysed, not skipped. */
export const BIG = 2_000_000;

/** With --expose-gc, each timing starts on a clean heap, so one run does not pay for the last one's garbage. */
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The best of `runs` timings of analysing `text` (ms); fewer runs once one is slow. */
export function timeAnalysis(engine: Engine, path: string, text: string, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    engine.analyze(path, text);
    best = Math.min(best, performance.now() - t0);
    if (best > 2000) break;
  }
  return best;
}

export interface Row { name: string; small: number; large: number; ratio: number; big?: number }

export function measure(engine: Engine, c: Construct, n: number): Row {
  const smallText = c.make(n);
  const largeText = c.make(10 * n);
  timeAnalysis(engine, c.path, smallText, 1); // warm the code paths up
  const small = timeAnalysis(engine, c.path, smallText, 5);
  const large = timeAnalysis(engine, c.path, largeText);
  return { name: c.name, small, large, ratio: large / Math.max(small, 0.01) };
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const n = Number(opt('--n') ?? 10_000);
  const only = opt('--only');
  const big = argv.includes('--big');
  const engine = new Engine(undefined, { today: '2026-12-01' });
  const pad = (s: string, w: number): string => s.padEnd(w);
  const num = (x: number | undefined, w: number): string => (x === undefined ? '-' : x.toFixed(1)).padStart(w);
  console.log(`${pad('construct', 40)} ${'n ms'.padStart(9)} ${'10n ms'.padStart(10)} ${'ratio'.padStart(7)} ${'2 MB ms'.padStart(9)}   (n = ${n} chars)`);
  for (const c of CONSTRUCTS) {
    if (only && !new RegExp(only, 'i').test(c.name)) continue;
    const row = measure(engine, c, n);
    // At this ratio a 2 MB file would take minutes: not worth waiting for.
    if (big && row.ratio < 30) row.big = timeAnalysis(engine, c.path, c.make(BIG), 1);
    console.log(`${pad(row.name, 40)} ${num(row.small, 9)} ${num(row.large, 10)} ${num(row.ratio, 7)} ${big && row.big === undefined ? '  skipped' : num(row.big, 9)}`);
  }
}

if (process.argv[1]?.endsWith('linearity.ts')) main();
