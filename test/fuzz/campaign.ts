/**
 * `npm run fuzz`: a seeded fuzz campaign over every notation and every output format, run by
 * `npm test` (and so by CI) as a counted suite.
 *
 * Inputs are the real diagrams (examples/ and test/corpus/, without the generalisation corpus's
 * held-out part) mutated: characters and lines deleted, duplicated and swapped, hostile tokens
 * inserted, lines spliced in from another file of the same notation. Each input goes through the
 * CLI's pipeline and every report writer; each property below is one counted test that passes
 * when no input broke it.
 *
 *   FUZZ_SEED=<n>     replay a run (default: fixed in CI, fresh locally; printed either way)
 *   FUZZ_INPUTS=<n>   inputs to try (default 10,000)
 *   FUZZ_BUDGET_S=<n> wall-clock budget in seconds (default 480); the run stops early and says so
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { diffBaseline } from '../../src/core/diff';
import { diffToPrComment } from '../../src/core/diff/render/prComment';
import { Engine } from '../../src/core/engine';
import { jsonReportSchema } from '../../src/core/report/contract';
import { toJsonReport } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { toSarif } from '../../src/core/report/sarif';
import { toText } from '../../src/core/report/text';
import type { FileResult } from '../../src/core/report/types';
import { assertFileSpans, mutate, readCorpus, type Mutation, type MutationKind } from '../unit/support/property';
import { sarifShapeErrors, validateSarifSample } from './sarif';
import { markdownErrors } from './markdown';
import { checkFix, offeredFixes } from '../unit/support/fixChecks';

const OUT = '.test-output';
const seed = Number.parseInt(process.env.FUZZ_SEED ?? (process.env.CI ? '20261203' : String((Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0)), 10);
const wanted = Number.parseInt(process.env.FUZZ_INPUTS ?? '10000', 10);
const budgetMs = 1000 * Number.parseInt(process.env.FUZZ_BUDGET_S ?? '480', 10);
/** One input taking longer than this through the whole pipeline is a time-out. */
const PER_INPUT_MS = 2000;
/** Quick fixes are checked on every Nth input, at most FIXES_PER_INPUT of them: each re-analyses the file. */
const FIX_EVERY = 10;
const FIXES_PER_INPUT = 4;
const FIX_TITLE = 'quick fixes: apply where they belong, idempotent, nothing else changes, same components (sample)';

/** mulberry32: small, fast and the same on every machine, so a seed replays exactly. */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '"', "'", '`', '[', ']', '(', ')', '{', '}', '((', '))', '[[', ']]', '|', '||', ';', ':', ':::', '-->', '---', '==>', '-.->', '~~~', '&',
  '%%', '%% @threatlens', '%% @mitigates llm against LLM01:2025 with "x" (planned)', '%% @accepts x TL001 because "TODO"', '%% @component a kind=llm',
  'subgraph ', 'end', '\n', '\r', '\r\n', '\t', '\u0000', '\u202e', '\u200d', '\ufeff', '\u2028', '<script>', '<img src=x onerror=alert(1)>', '@admin', '@org/team',
  '::error::', '```', '```mermaid\n', '\n```\n', '---\n', '&a ', '*a', '<<: *a', '|+\n', '>-\n', '- ', 'components:', 'flows:', 'Person(', 'System_Ext(',
  'Rel(', 'participant ', '->>', 'Note over ', 'alt ', 'loop ', 'service ', 'group ', 'x'.repeat(5000), '"'.repeat(300), '['.repeat(200), 'GPT-4o', 'agent',
];
const KINDS: readonly MutationKind[] = ['deleteChars', 'duplicateChars', 'swapChars', 'deleteLine', 'duplicateLine', 'swapLines', 'insert'];

interface Seed { path: string; text: string }

function seeds(): Seed[] {
  const split = JSON.parse(readFileSync('test/corpus/generalisation/split.json', 'utf8')) as { heldOut: string[] };
  const heldOut = new Set(split.heldOut.map((p) => `test/corpus/generalisation/${p}`));
  return readCorpus(['examples', 'test/corpus'], /\.(mmd|mermaid|md|ya?ml)$/)
    .filter((s) => !heldOut.has(s.path) && !/\.labels\.ya?ml$/.test(s.path) && !/README\.md$/.test(s.path));
}

function mutation(r: () => number): Mutation {
  return { kind: KINDS[Math.floor(r() * KINDS.length)], at: r(), to: r(), len: 1 + Math.floor(r() * 8), token: TOKENS[Math.floor(r() * TOKENS.length)] };
}

/** Lines of `from` spliced into `text`: mixes constructs of two real files of one notation. */
function splice(text: string, from: string, r: () => number): string {
  const a = text.split('\n');
  const b = from.split('\n');
  const start = Math.floor(r() * b.length);
  const taken = b.slice(start, start + 1 + Math.floor(r() * 6));
  a.splice(Math.floor(r() * (a.length + 1)), 0, ...taken);
  return a.join('\n');
}

interface Property { title: string; failures: { input: number; error: string }[] }

function main(): void {
  const corpus = seeds();
  const byExt = new Map<string, Seed[]>();
  for (const s of corpus) byExt.set(path.extname(s.path), [...(byExt.get(path.extname(s.path)) ?? []), s]);
  const engine = new Engine(undefined, { today: '2026-11-23' });
  const md = new MarkdownIt({ html: true });
  const props: Property[] = [
    'no throw', 'no time-out', 'every range inside the text', 'JSON report matches its contract', 'SARIF has the 2.1.0 shape',
    'SARIF passes sarif-multitool (sample)', 'Markdown report renders: no raw HTML, tables keep their columns', 'PR comment renders: no raw HTML, no mentions', FIX_TITLE,
  ].map((title) => ({ title, failures: [] }));
  const fail = (i: number, title: string, error: unknown, input: string, file: string) => {
    const p = props.find((x) => x.title === title)!;
    if (p.failures.length >= 20) { p.failures.push({ input: i, error: '' }); return; }
    const dir = path.join(OUT, 'fuzz-failures');
    mkdirSync(dir, { recursive: true });
    const saved = path.join(dir, `${i}${path.extname(file)}`);
    writeFileSync(saved, input);
    p.failures.push({ input: i, error: `${file} mutated (input ${i}, saved as ${saved}): ${error instanceof Error ? error.message : String(error)}`.slice(0, 600) });
  };
  const r = rng(seed);
  // Its own stream: a failing fix check stops early, which must not change the inputs that follow.
  const pick = rng(seed ^ 0x5bd1e995);
  const sarifSample: string[] = [];
  const t0 = Date.now();
  let tried = 0;
  let slowest = { ms: 0, file: '' };
  console.log(`fuzz: seed ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz), ${wanted} inputs from ${corpus.length} real files, budget ${budgetMs / 1000} s`);
  for (let i = 0; i < wanted; i++) {
    if (Date.now() - t0 > budgetMs) {
      console.log(`fuzz: the budget of ${budgetMs / 1000} s ran out after ${tried} inputs`);
      break;
    }
    const base = corpus[Math.floor(r() * corpus.length)];
    let text = base.text;
    const steps = 1 + Math.floor(r() * 6);
    for (let k = 0; k < steps; k++) {
      const same = byExt.get(path.extname(base.path)) ?? [];
      text = r() < 0.15 && same.length > 1 ? splice(text, same[Math.floor(r() * same.length)].text, r) : mutate(text, mutation(r));
    }
    const file = base.path;
    tried++;
    const started = Date.now();
    let result: FileResult | undefined;
    try {
      result = engine.analyze(file, text);
    } catch (e) {
      fail(i, 'no throw', e, text, file);
      continue;
    }
    if (!result) continue;
    const results = [result];
    const check = (title: string, fn: () => string[] | void) => {
      try {
        const errors = fn();
        if (errors && errors.length) fail(i, title, errors.slice(0, 3).join('; '), text, file);
      } catch (e) {
        // An assertion of a check is that check failing; anything else thrown is a crash.
        fail(i, title === 'every range inside the text' || title === FIX_TITLE ? title : 'no throw', e, text, file);
      }
    };
    check('every range inside the text', () => assertFileSpans(result));
    check('no throw', () => void toText(results, engine.lookup));
    check('JSON report matches its contract', () => {
      const parsed = jsonReportSchema.safeParse(JSON.parse(JSON.stringify(toJsonReport(results, 'fuzz'))));
      return parsed.success ? [] : [parsed.error.message.slice(0, 300)];
    });
    check('SARIF has the 2.1.0 shape', () => {
      const sarif = JSON.stringify(toSarif(results, engine.rules, engine.lookup, 'fuzz', 'file:///fuzz/'));
      if (sarifSample.length < 20 && i % 500 === 0) sarifSample.push(sarif);
      return sarifShapeErrors(JSON.parse(sarif) as unknown, text);
    });
    check('Markdown report renders: no raw HTML, tables keep their columns', () => markdownErrors(md, toMarkdown(results, engine.lookup)));
    check('PR comment renders: no raw HTML, no mentions', () => {
      const d = diffBaseline({ threatlensBaseline: '1', findings: [] }, results, { base: { label: 'no baseline', kind: 'baseline' } });
      return markdownErrors(md, diffToPrComment(d, engine.lookup), { mentions: true });
    });
    const ms = Date.now() - started;
    if (i % FIX_EVERY === 0) {
      check(FIX_TITLE, () => {
        const fixes = offeredFixes(result);
        for (let k = 0; k < Math.min(FIXES_PER_INPUT, fixes.length); k++) checkFix(result, fixes[Math.floor(pick() * fixes.length)]);
      });
    }
    if (ms > slowest.ms) slowest = { ms, file };
    if (ms > PER_INPUT_MS) fail(i, 'no time-out', `${ms} ms through the pipeline and every writer`, text, file);
  }
  const sample = validateSarifSample(sarifSample);
  for (const e of sample.errors) props.find((p) => p.title.startsWith('SARIF passes'))!.failures.push({ input: -1, error: e });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const crashes = props[0].failures.length;
  const timeouts = props[1].failures.length;
  console.log(`fuzz: ${tried} inputs in ${seconds} s, ${crashes} crash(es), ${timeouts} time-out(s); slowest input ${slowest.ms} ms (${slowest.file}); ${sample.validated} SARIF logs validated by sarif-multitool`);
  const suite = {
    name: 'fuzz',
    passed: props.filter((p) => p.failures.length === 0).length,
    failed: props.filter((p) => p.failures.length > 0).length,
    failures: props.filter((p) => p.failures.length > 0).map((p) => ({ title: `fuzz › ${p.title} (${p.failures.length} input(s))`, error: `${p.failures.slice(0, 3).map((f) => f.error).join('\n')}\nreplay: FUZZ_SEED=${seed} FUZZ_INPUTS=${wanted} npm run fuzz` })),
    inputs: tried,
    seed,
    seconds: Number(seconds),
  };
  for (const p of props) console.log(`  ${p.failures.length ? '✘' : '✔'} ${p.title}${p.failures.length ? `: ${p.failures.length} input(s)\n      ${p.failures.slice(0, 3).map((f) => f.error).join('\n      ')}` : ''}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'fuzz-results.json'), `${JSON.stringify(suite, null, 2)}\n`);
  console.log(`fuzz: ${suite.passed} passed, ${suite.failed} failed`);
  process.exitCode = suite.failed ? 1 : 0;
}

main();
