/**
 * The linearity table: every construct of bench/constructs.ts analysed by the engine (parse,
 * inference, analysis: what the CLI and the editor run per file) at n and 10n characters in one
 * process, so the ratio does not depend on the machine. Linear code gives about 10x.
 *
 *   node --expose-gc --import tsx bench/linearity.ts [--n 10000] [--big] [--only REGEX]
 *
 * `--big` also times a 2,000,000-character file of each construct (skipped when the ratio
 * already predicts minutes). `npm run bench` prints the same table (bench/run.ts).
 *
 * Times are the process's CPU time, not the wall clock: on a machine shared with other jobs the
 * wall clock also counts the time this process waited for a core, CPU time does not.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '../src/core/engine';
import { CONSTRUCTS, type Construct } from './constructs';

/** Just under the default 2 MiB file-size limit, so the file is analysed, not skipped. */
export const BIG = 2_000_000;

/** Each timing starts on a clean heap, so one run does not pay for the last one's garbage. */
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? exposeGc();

/** `gc` without node's --expose-gc flag (mocha runs without it): the flag can be set at run time. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const fn: unknown = runInNewContext('gc');
  return typeof fn === 'function' ? (fn as () => void) : () => undefined;
}

export interface Timing {
  /** CPU time of the process (user + system), ms. */
  cpu: number;
  /** Wall-clock time, ms. */
  wall: number;
}

/**
 * The best (least CPU) of `runs` timings of analysing `text`, each timing `repeat` analyses in a
 * row divided by `repeat`; fewer runs once one is slow.
 */
export function timeAnalysis(engine: Engine, path: string, text: string, runs = 3, repeat = 1): Timing {
  let best: Timing = { cpu: Infinity, wall: Infinity };
  for (let i = 0; i < runs; i++) {
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let k = 0; k < repeat; k++) engine.analyze(path, text);
    const wall = (performance.now() - t0) / repeat;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000 / repeat;
    if (cpu < best.cpu) best = { cpu, wall };
    if (best.cpu > 2000) break;
  }
  return best;
}

export interface Row { name: string; small: number; large: number; ratio: number; big?: Timing }

/**
 * CPU ms at n and 10n (best of `runs` each, after one warm-up) and their ratio. The n side is
 * timed over ten analyses in a row, so both sides handle the same number of characters and
 * produce about as much garbage: the ratio then compares work, not timer resolution or GC luck.
 */
export function measure(engine: Engine, c: Construct, n: number, runs = 3): Row {
  const smallText = c.make(n);
  const largeText = c.make(10 * n);
  timeAnalysis(engine, c.path, smallText, 1, 2); // warm the code paths up
  const small = timeAnalysis(engine, c.path, smallText, runs, 10).cpu;
  const large = timeAnalysis(engine, c.path, largeText, runs).cpu;
  return { name: c.name, small, large, ratio: large / Math.max(small, 0.01) };
}

/** At this ratio a 2 MB file would take minutes: not worth waiting for. */
const BIG_RATIO_LIMIT = 30;

/** The table's rows, printing each as it is measured (`print` gets the header first). */
export function linearityTable(engine: Engine, n: number, opts: { big?: boolean; only?: RegExp; print?: (line: string) => void } = {}): Row[] {
  const print = opts.print ?? ((): void => undefined);
  const num = (x: number | undefined, w: number): string => (x === undefined ? '-' : x.toFixed(1)).padStart(w);
  print(`${'construct'.padEnd(40)} ${'n ms'.padStart(9)} ${'10n ms'.padStart(10)} ${'ratio'.padStart(7)} ${'2 MB ms'.padStart(9)} ${'(wall)'.padStart(9)}   (CPU ms; n = ${n} chars)`);
  const rows: Row[] = [];
  for (const c of CONSTRUCTS) {
    if (opts.only && !opts.only.test(c.name)) continue;
    const row = measure(engine, c, n);
    if (opts.big && row.ratio < BIG_RATIO_LIMIT) row.big = timeAnalysis(engine, c.path, c.make(BIG), 1);
    rows.push(row);
    const big = opts.big && row.big === undefined ? '  skipped' : num(row.big?.cpu, 9);
    print(`${row.name.padEnd(40)} ${num(row.small, 9)} ${num(row.large, 10)} ${num(row.ratio, 7)} ${big} ${num(row.big?.wall, 9)}`);
  }
  return rows;
}

function main(): void {
  const argv = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = opt('--only');
  linearityTable(new Engine(undefined, { today: '2026-12-01' }), Number(opt('--n') ?? 10_000), {
    big: argv.includes('--big'),
    only: only ? new RegExp(only, 'i') : undefined,
    print: (line) => console.log(line),
  });
}

if (process.argv[1]?.endsWith('linearity.ts')) main();
