/**
 * Shared scaffolding of the property tests (fast-check).
 *
 * Seeds: `FC_SEED=<n>` replays one run anywhere; otherwise a fixed seed when `CI` is set (so a
 * red build reproduces) and a fresh random one locally (so every run explores new inputs). The
 * seed is printed once per suite and again, with the command to replay it, in every failure.
 *
 * Also here: the span checks every parser property shares, and the character/line mutations used
 * to fuzz the real corpus (deleted, duplicated and swapped characters and lines, inserted tokens).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ParseResult, Span } from '../../../src/core/model';
import { parseMermaid } from '../../../src/core/parsers/mermaid';
import type { FileResult } from '../../../src/core/report/types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Whether this run uses a fixed seed (CI, or a replay through FC_SEED). */
export const FIXED_SEED = process.env.FC_SEED !== undefined || Boolean(process.env.CI);

const replaySeed = process.env.FC_SEED !== undefined ? Number.parseInt(process.env.FC_SEED, 10) : undefined;
if (replaySeed !== undefined && !Number.isInteger(replaySeed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);

/** One random seed per process, so all suites of a local run can be replayed with one FC_SEED. */
const localSeed = (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;

/** The seed to use: FC_SEED, else `ciSeed` in CI, else this process's random seed. */
export function propertySeed(ciSeed: number): number {
  if (replaySeed !== undefined) return replaySeed;
  return process.env.CI ? ciSeed : localSeed;
}

export interface PropertyRunner {
  readonly seed: number;
  /** fast-check parameters: the seed and `numRuns` (the CI count when CI is set). */
  params(runs: Runs, extra?: Omit<fc.Parameters<unknown>, 'seed' | 'numRuns'>): fc.Parameters<unknown>;
  /** `fc.assert` with this runner's seed; a failure names the seed and how to replay it. */
  check<Ts>(property: fc.IProperty<Ts>, runs: Runs, extra?: Omit<fc.Parameters<Ts>, 'seed' | 'numRuns'>): void;
  checkAsync<Ts>(property: fc.IAsyncProperty<Ts>, runs: Runs, extra?: Omit<fc.Parameters<Ts>, 'seed' | 'numRuns'>): Promise<void>;
  /** A mocha `before` hook body that prints the seed under the suite title. */
  readonly announce: () => void;
}

/** A run count, or separate counts for CI and for local runs. */
export type Runs = number | { ci: number; local: number };

function numRuns(runs: Runs): number {
  return typeof runs === 'number' ? runs : process.env.CI ? runs.ci : runs.local;
}

/**
 * The runner of one test file. `ciSeed` is that file's fixed CI seed; `file` (pass `__filename`)
 * goes into the replay hint.
 */
export function propertyRunner(ciSeed: number, file?: string): PropertyRunner {
  const seed = propertySeed(ciSeed);
  const where = file ? path.relative(REPO_ROOT, file).split(path.sep).join('/') : 'test/unit';
  // `npx mocha <file>` would run the whole suite (the .mocharc spec is added to it): name the file alone.
  const hint = () => `fast-check seed ${seed}${FIXED_SEED ? ' (fixed)' : ' (random)'}; replay with: FC_SEED=${seed} npx mocha --no-config --node-option import=tsx ${where}`;
  const annotate = (e: unknown): never => {
    if (e instanceof Error) {
      e.message = `${e.message}\n\n${hint()}`;
      throw e;
    }
    throw new Error(`${String(e)}\n\n${hint()}`);
  };
  const params = (runs: Runs, extra: object = {}) => ({ ...extra, seed, numRuns: numRuns(runs) });
  return {
    seed,
    params,
    check(property, runs, extra) {
      try {
        fc.assert(property, params(runs, extra));
      } catch (e) {
        annotate(e);
      }
    },
    async checkAsync(property, runs, extra) {
      try {
        await fc.assert(property, params(runs, extra));
      } catch (e) {
        annotate(e);
      }
    },
    announce: () => {
      console.log(`      ${hint()}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Time bounds and spans

/** Runs `fn`, failing when it takes `ms` or more; returns its value and the time taken. */
export function withinTime<T>(ms: number, what: string, fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  const took = performance.now() - t0;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  return { value, ms: took };
}

export function isInside(s: Span, start: number, end: number): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && start <= s.start && s.start <= s.end && s.end <= end;
}

export function assertInside(what: string, s: Span, start: number, end: number): void {
  assert.ok(isInside(s, start, end), `${what}: span ${JSON.stringify(s)} outside [${start}, ${end}]`);
}

/**
 * Parses Mermaid text placed at `offset` (as a Markdown fence would be) and checks what every
 * parser property asks: under 500 ms, every span inside [offset, offset + length], each
 * component's span its id, and no internal error (the catch-all that isolates statements is for
 * bugs, not bad input).
 */
export function checkedMermaidParse(text: string, offset: number): ParseResult {
  const { value: r } = withinTime(500, `parse of ${text.length} chars`, () => parseMermaid(text, offset));
  for (const [what, s] of parseSpans(r)) assertInside(what, s, offset, offset + text.length);
  for (const c of r.model.components) assert.equal(text.slice(c.span.start - offset, c.span.end - offset), c.id);
  const internal = r.problems.find((p) => p.code === 'mermaid/internal-error');
  assert.equal(internal, undefined, internal?.message);
  return r;
}

/** Every span of a parse result, named for the failure message. */
export function* parseSpans(r: ParseResult): Generator<[string, Span]> {
  const m = r.model;
  yield ['model', m.span];
  for (const c of m.components) {
    yield [`component ${c.id}`, c.span];
    if (c.labelSpan) yield [`label of ${c.id}`, c.labelSpan];
    for (const s of c.references ?? []) yield [`reference to ${c.id}`, s];
  }
  for (const f of m.flows) {
    yield [`flow ${f.from}->${f.to}`, f.span];
    if (f.labelSpan) yield [`flow label ${f.from}->${f.to}`, f.labelSpan];
  }
  for (const b of m.boundaries) {
    yield [`boundary ${b.id}`, b.span];
    if (b.labelSpan) yield [`boundary label ${b.id}`, b.labelSpan];
  }
  for (const a of m.annotations) {
    yield ['annotation', a.span];
    yield ['annotation target', a.targetSpan];
    if (a.type === 'component') for (const s of Object.values(a.propertySpans)) yield ['annotation property', s];
    else yield ['annotation threat', a.threatSpan];
  }
  for (const p of r.problems) yield [`problem ${p.code}`, p.span];
}

/** Every span of an analysed file: models, problems, findings and their evidence. */
export function* fileSpans(r: FileResult): Generator<[string, Span]> {
  for (const m of r.file.models) {
    yield* parseSpans({ model: m, problems: [] });
  }
  for (const p of r.problems) yield [`problem ${p.code}`, p.span];
  for (const f of r.findings) {
    yield [`finding ${f.ruleId} on ${f.componentId}`, f.span];
    for (const e of f.evidence) yield [`evidence ${e.componentId} of ${f.ruleId}`, e.span];
  }
}

/** Asserts every span of `r` lies inside its text. */
export function assertFileSpans(r: FileResult): void {
  const n = r.file.text.length;
  for (const [what, s] of fileSpans(r)) assertInside(`${r.file.path}: ${what}`, s, 0, n);
}

// ---------------------------------------------------------------------------------------------
// Corpus and mutations

/** Files under `dirs` (relative to the repository) whose names match `pattern`, with their text. */
export function readCorpus(dirs: readonly string[], pattern: RegExp): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const stack = dirs.map((d) => path.join(REPO_ROOT, d));
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (pattern.test(e.name)) out.push({ path: path.relative(REPO_ROOT, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type MutationKind = 'deleteChars' | 'duplicateChars' | 'swapChars' | 'deleteLine' | 'duplicateLine' | 'swapLines' | 'insert';

export interface Mutation {
  kind: MutationKind;
  /** Where, as a fraction of the text (or of its lines). */
  at: number;
  /** The other end of a swap, as a fraction. */
  to: number;
  len: number;
  token: string;
}

/** One mutation; `tokens` are what an insertion may add (the syntax of the format fuzzed). */
export function mutationArb(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom<MutationKind>('deleteChars', 'duplicateChars', 'swapChars', 'deleteLine', 'duplicateLine', 'swapLines', 'insert'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    to: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 8 }),
    token: fc.constantFrom(...tokens),
  });
}

export function mutate(text: string, m: Mutation): string {
  const i = Math.floor(m.at * text.length);
  const j = Math.floor(m.to * text.length);
  const lines = text.split('\n');
  const li = Math.floor(m.at * lines.length);
  const lj = Math.floor(m.to * lines.length);
  switch (m.kind) {
    case 'deleteChars':
      return text.slice(0, i) + text.slice(i + m.len);
    case 'duplicateChars':
      return text.slice(0, i + m.len) + text.slice(i, i + m.len) + text.slice(i + m.len);
    case 'swapChars': {
      const chars = [...text];
      const a = Math.min(i, chars.length - 1);
      const b = Math.min(j, chars.length - 1);
      if (a >= 0 && b >= 0) [chars[a], chars[b]] = [chars[b], chars[a]];
      return chars.join('');
    }
    case 'deleteLine':
      lines.splice(li, 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(li, 0, lines[li] ?? '');
      return lines.join('\n');
    case 'swapLines':
      if (li < lines.length && lj < lines.length) [lines[li], lines[lj]] = [lines[lj], lines[li]];
      return lines.join('\n');
    default:
      return text.slice(0, i) + m.token + text.slice(i);
  }
}

/** A text after one to `max` mutations. */
export function mutatedArb(text: string, tokens: readonly string[], max = 6): fc.Arbitrary<string> {
  return fc.array(mutationArb(tokens), { minLength: 1, maxLength: max }).map((ms) => ms.reduce(mutate, text));
}
