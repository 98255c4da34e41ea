/**
 * Measures Threatlens on the hand-labelled generalisation corpus (test/corpus/generalisation/).
 * It runs the engine and compares with labels written before any measurement; it never writes
 * labels. Usage: `npm run eval [-- --details] [-- --tuning-only] [-- --json out.json]`.
 *
 * The corpus is split once, at random, into a tuning part and a held-out part (split.json). The
 * held-out part must never guide changes to inference: read only its totals.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Engine } from '../src/core/engine';
import { parseFile, type ParsedFile } from '../src/core/document';
import { findFences } from '../src/core/parsers/markdown/fences';
import { COMPONENT_KINDS, type SystemModel } from '../src/core/model';
import { maxOf } from '../src/core/arrays';

export const CORPUS_ROOT = path.resolve(__dirname, '..', 'test', 'corpus', 'generalisation');

/** The engine's kinds (less `unknown`), plus the two the labels add: `ml-model` and `none`. */
export const LABEL_KINDS: ReadonlySet<string> = new Set([...COMPONENT_KINDS.filter((k) => k !== 'unknown'), 'ml-model', 'none']);
const MODALITIES = new Set(['text', 'image', 'audio', 'video', 'tabular', 'multimodal']);
const DATA_CLASSES = new Set(['pii', 'phi', 'payment', 'credentials', 'confidential']);
const EXPOSURES = new Set(['public', 'third-party']);
const OWASP_2025 = /^LLM(0[1-9]|10):2025$/;

export interface LabelledComponent {
  kind: string;
  modality?: string;
  generative?: boolean;
  federated?: boolean;
  data?: string[];
  exposure?: string;
}

/** One diagram file and its labels, keyed as the labels are (`id`, or `<fence>/<id>` in Markdown). */
export interface CorpusEntry {
  /** Relative to the corpus root, with `/`: `flowchart/001-owner-short.mmd`. */
  rel: string;
  type: string;
  text: string;
  components: Map<string, LabelledComponent>;
  obvious: string[];
  defensible: string[];
  mustNot: string[];
  /** Raw label document, for the shape checks. */
  raw: unknown;
}

export const pairKey = (component: string, owasp: string): string => `${component} ${owasp}`;

function asPairs(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((p): p is [string, string] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')
    .map(([c, o]) => pairKey(c, o));
}

/** Every diagram with a `<name>.labels.yaml` beside it, in a stable order. */
export function loadCorpus(root = CORPUS_ROOT): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  if (!existsSync(root)) return out;
  for (const type of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(path.join(root, type)).filter((n) => n.endsWith('.labels.yaml')).sort()) {
      const base = name.slice(0, -'.labels.yaml'.length);
      const dir = path.join(root, type);
      const diagram = readdirSync(dir).find((n) => n !== name && !n.endsWith('.labels.yaml') && path.parse(n).name === base);
      if (!diagram) throw new Error(`${type}/${name}: no diagram file named ${base}.*`);
      const raw: unknown = parseYaml(readFileSync(path.join(dir, name), 'utf8'));
      const doc = (raw ?? {}) as Record<string, unknown>;
      const components = new Map<string, LabelledComponent>();
      for (const [id, v] of Object.entries((doc.components ?? {}) as Record<string, unknown>)) {
        components.set(String(id), (v ?? {}) as LabelledComponent);
      }
      out.push({
        rel: `${type}/${diagram}`, type, text: readFileSync(path.join(dir, diagram), 'utf8'), components,
        obvious: asPairs(doc.obvious), defensible: asPairs(doc.defensible), mustNot: asPairs(doc.must_not), raw,
      });
    }
  }
  return out;
}

/** The models of a parsed file, each with the key prefix its labels use (`2/` for the second fence). */
function keyModels(file: ParsedFile | undefined): { prefix: string; model: SystemModel }[] {
  if (!file) return [];
  if (file.format !== 'markdown') return file.models.map((model) => ({ prefix: '', model }));
  // Fences are numbered as they appear, counting those the parser drops (pie charts and the like).
  const fenceNo = new Map(findFences(file.text).map((f, i) => [f.content.start, i + 1]));
  return file.models.map((model) => ({ prefix: `${fenceNo.get(model.span.start) ?? '?'}/`, model }));
}

/** Component and boundary ids the parser reads, keyed like the labels. */
function parsedIds(models: { prefix: string; model: SystemModel }[]): { components: Set<string>; boundaries: Set<string>; endpoints: Set<string> } {
  const components = new Set<string>();
  const boundaries = new Set<string>();
  const endpoints = new Set<string>();
  for (const { prefix, model } of models) {
    for (const c of model.components) components.add(prefix + c.id);
    for (const b of model.boundaries) boundaries.add(prefix + b.id);
    for (const f of model.flows) {
      if (f.invisible) continue;
      endpoints.add(prefix + f.from);
      endpoints.add(prefix + f.to);
    }
  }
  return { components, boundaries, endpoints };
}

/**
 * What is wrong with one entry's labels, one line each: unknown kinds or attributes, pairs on
 * unlabelled components or with ids other than LLM01..LLM10:2025, labelled ids the parser does not
 * read, edge endpoints left unlabelled, and pairs that are both expected and forbidden.
 */
export function checkLabels(entry: CorpusEntry): string[] {
  const errs: string[] = [];
  const doc = (entry.raw ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(doc)) if (!['components', 'obvious', 'defensible', 'must_not'].includes(key)) errs.push(`unknown section "${key}"`);
  for (const section of ['obvious', 'defensible', 'must_not'] as const) {
    const v = doc[section];
    if (v !== undefined && v !== null && (!Array.isArray(v) || asPairs(v).length !== v.length)) errs.push(`${section}: every entry must be [component, LLMxx:2025]`);
  }
  for (const [id, c] of entry.components) {
    if (!LABEL_KINDS.has(c.kind)) errs.push(`${id}: unknown kind "${String(c.kind)}"`);
    for (const key of Object.keys(c)) if (!['kind', 'modality', 'generative', 'federated', 'data', 'exposure'].includes(key)) errs.push(`${id}: unknown attribute "${key}"`);
    if (c.modality !== undefined && !MODALITIES.has(c.modality)) errs.push(`${id}: unknown modality "${c.modality}"`);
    if (c.exposure !== undefined && !EXPOSURES.has(c.exposure)) errs.push(`${id}: unknown exposure "${c.exposure}"`);
    if (c.generative !== undefined && c.generative !== true) errs.push(`${id}: generative is only ever true`);
    if (c.federated !== undefined && c.federated !== true) errs.push(`${id}: federated is only ever true`);
    if (c.data !== undefined && (!Array.isArray(c.data) || c.data.some((d) => !DATA_CLASSES.has(d)))) errs.push(`${id}: data must list ${[...DATA_CLASSES].join(', ')}`);
    if ((c.modality !== undefined || c.generative !== undefined) && !['llm', 'ml-model', 'embedding-model'].includes(c.kind)) errs.push(`${id}: modality/generative only go on llm, ml-model or embedding-model`);
  }
  const seen = new Map<string, string>();
  for (const [section, pairs] of [['obvious', entry.obvious], ['defensible', entry.defensible], ['must_not', entry.mustNot]] as const) {
    for (const p of pairs) {
      const [component, owasp] = p.split(' ');
      if (!entry.components.has(component)) errs.push(`${section}: [${component}, ${owasp}] names an unlabelled component`);
      if (!OWASP_2025.test(owasp)) errs.push(`${section}: [${component}, ${owasp}] is not LLM01..LLM10:2025`);
      if (section === 'obvious' && entry.components.get(component)?.kind === 'none') errs.push(`obvious: [${component}, ${owasp}] is on a "none" component`);
      const before = seen.get(p);
      if (before) errs.push(`[${component}, ${owasp}] is in both ${before} and ${section}`);
      else seen.set(p, section);
    }
  }
  const models = keyModels(parseFile(entry.rel, entry.text));
  if (models.length === 0) errs.push('the parser reads no diagram in this file');
  const ids = parsedIds(models);
  for (const id of entry.components.keys()) {
    if (!ids.components.has(id) && !ids.boundaries.has(id) && !ids.endpoints.has(id)) errs.push(`${id}: labelled, but the parser reads no such component or subgraph`);
  }
  for (const id of ids.endpoints) if (!entry.components.has(id)) errs.push(`${id}: an edge endpoint with no label`);
  return errs;
}

export interface Tally {
  diagrams: number;
  /** Labelled components whose kind is not `none`. */
  components: number;
  kindsRight: number;
  obvious: number;
  obviousFound: number;
  /** Distinct reported pairs on labelled components. */
  reportedLabelled: number;
  reportedRight: number;
  /** Distinct reported pairs, labelled or not. */
  reported: number;
  mustNotHits: number;
  unlabelled: number;
  /** Components labelled with `data` / whose labelled classes were all inferred. */
  dataLabelled: number;
  dataFound: number;
  /** Labelled components that got `data` / whose inferred classes are all in the label. */
  dataInferred: number;
  dataInferredRight: number;
  exposureLabelled: number;
  exposureFound: number;
  exposureInferred: number;
  exposureInferredRight: number;
  /** Findings (all of them, not pairs) by severity: a flat histogram means the scores say nothing. */
  low: number;
  medium: number;
  high: number;
  critical: number;
}

export interface DiagramScore {
  rel: string;
  type: string;
  tally: Tally;
  wrongKinds: { id: string; expected: string; got: string; label?: string; reason?: string }[];
  missed: string[];
  falsePositives: string[];
  mustNotHits: string[];
  unlabelled: string[];
  /** `data` or `exposure` that differ from the label: `id data: expected [..], got [..]`. */
  wrongProperties: string[];
}

export function emptyTally(): Tally {
  return {
    diagrams: 0, components: 0, kindsRight: 0, obvious: 0, obviousFound: 0, reportedLabelled: 0, reportedRight: 0, reported: 0, mustNotHits: 0, unlabelled: 0,
    dataLabelled: 0, dataFound: 0, dataInferred: 0, dataInferredRight: 0, exposureLabelled: 0, exposureFound: 0, exposureInferred: 0, exposureInferredRight: 0,
    low: 0, medium: 0, high: 0, critical: 0,
  };
}

const dataList = (v: string | undefined): string[] => (v === undefined ? [] : v.toLowerCase().split(',').map((x) => x.trim()).filter(Boolean));

/** Compares the `data` and `exposure` the engine ended with (declared or inferred) with the labels. */
function scoreProperties(entry: CorpusEntry, props: ReadonlyMap<string, Record<string, string>>, tally: Tally): string[] {
  const wrong: string[] = [];
  for (const [id, label] of entry.components) {
    if (label.kind === 'none') continue;
    const got = props.get(id) ?? {};
    const want = label.data ?? [];
    const have = dataList(got.data);
    if (want.length > 0) {
      tally.dataLabelled++;
      if (want.every((d) => have.includes(d))) tally.dataFound++;
    }
    if (have.length > 0) {
      tally.dataInferred++;
      if (have.every((d) => want.includes(d))) tally.dataInferredRight++;
    }
    if (want.join() !== have.filter((d) => want.includes(d)).join() || have.some((d) => !want.includes(d))) wrong.push(`${id} data: expected [${want.join(', ')}], got [${have.join(', ')}]`);
    const exposure = got.exposure?.toLowerCase();
    if (label.exposure !== undefined) {
      tally.exposureLabelled++;
      if (exposure === label.exposure) tally.exposureFound++;
    }
    if (exposure !== undefined) {
      tally.exposureInferred++;
      if (exposure === label.exposure) tally.exposureInferredRight++;
    }
    if ((label.exposure ?? '') !== (exposure ?? '')) wrong.push(`${id} exposure: expected ${label.exposure ?? '-'}, got ${exposure ?? '-'}`);
  }
  return wrong;
}

export function addTally(a: Tally, b: Tally): Tally {
  const out = emptyTally();
  for (const k of Object.keys(out) as (keyof Tally)[]) out[k] = a[k] + b[k];
  return out;
}

/** Scores one diagram: the engine's kinds and findings against its labels. */
export function scoreEntry(entry: CorpusEntry, engine: Engine): DiagramScore {
  const result = engine.analyze(entry.rel, entry.text);
  const models = keyModels(result?.file);
  const inferred = new Map<string, string>();
  const described = new Map<string, { label: string; reason: string }>();
  const props = new Map<string, Record<string, string>>();
  for (const { prefix, model } of models) {
    for (const c of model.components) {
      inferred.set(prefix + c.id, c.kind);
      props.set(prefix + c.id, c.properties);
      described.set(prefix + c.id, { label: c.label, reason: c.kindReason });
    }
  }
  const tally = emptyTally();
  tally.diagrams = 1;
  const wrongKinds: DiagramScore['wrongKinds'] = [];
  for (const [id, label] of entry.components) {
    if (label.kind === 'none') continue;
    tally.components++;
    const got = inferred.get(id) ?? '(not produced)';
    if (got === label.kind) tally.kindsRight++;
    else wrongKinds.push({ id, expected: label.kind, got, ...described.get(id) });
  }

  const reported = new Set<string>();
  for (const f of result?.findings ?? []) {
    tally[f.severity]++;
    // A finding names its component by id; in Markdown its span tells which fence it is in.
    const prefix = models.find(({ model }) => f.span.start >= model.span.start && f.span.start <= model.span.end)?.prefix ?? '';
    for (const id of f.owasp) if (OWASP_2025.test(id)) reported.add(pairKey(prefix + f.componentId, id));
  }
  const right = new Set([...entry.obvious, ...entry.defensible]);
  const mustNot = new Set(entry.mustNot);
  const falsePositives: string[] = [];
  const hits: string[] = [];
  const unlabelled: string[] = [];
  for (const p of reported) {
    tally.reported++;
    if (mustNot.has(p)) { tally.mustNotHits++; hits.push(p); }
    const component = p.slice(0, p.lastIndexOf(' '));
    if (!entry.components.has(component)) { tally.unlabelled++; unlabelled.push(p); continue; }
    tally.reportedLabelled++;
    if (right.has(p)) tally.reportedRight++;
    else falsePositives.push(p);
  }
  const missed = entry.obvious.filter((p) => !reported.has(p));
  tally.obvious = entry.obvious.length;
  tally.obviousFound = tally.obvious - missed.length;
  const wrongProperties = scoreProperties(entry, props, tally);
  return { rel: entry.rel, type: entry.type, tally, wrongKinds, missed, falsePositives, mustNotHits: hits, unlabelled, wrongProperties };
}

export interface Split { seed?: unknown; heldOut: string[] }

/** The split file, or undefined when it does not exist yet (then everything is tuning). */
export function readSplit(root = CORPUS_ROOT): Split | undefined {
  const file = path.join(root, 'split.json');
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Split>;
  return { seed: raw.seed, heldOut: Array.isArray(raw.heldOut) ? raw.heldOut.map(String) : [] };
}

export interface PartFigures { byType: Record<string, Tally>; total: Tally }
export interface Figures { split: boolean; tuning: PartFigures; heldOut: PartFigures; diagrams: DiagramScore[] }

function part(scores: DiagramScore[]): PartFigures {
  const byType: Record<string, Tally> = {};
  let total = emptyTally();
  for (const s of scores) {
    byType[s.type] = addTally(byType[s.type] ?? emptyTally(), s.tally);
    total = addTally(total, s.tally);
  }
  return { byType, total };
}

/** Scores every entry and sums them per part (tuning, held-out) and per diagram type. */
export function scoreCorpus(entries: CorpusEntry[], split: Split | undefined, engine = new Engine()): Figures {
  const held = new Set(split?.heldOut ?? []);
  const diagrams = entries.map((e) => scoreEntry(e, engine));
  return {
    split: !!split,
    tuning: part(diagrams.filter((d) => !held.has(d.rel))),
    heldOut: part(diagrams.filter((d) => held.has(d.rel))),
    diagrams,
  };
}

export const ratio = (n: number, d: number): number | undefined => (d === 0 ? undefined : n / d);
const cell = (n: number, d: number): string => {
  const r = ratio(n, d);
  return `${n}/${d} (${r === undefined ? '–' : `${(r * 100).toFixed(1)}%`})`;
};

export function formatPart(title: string, p: PartFigures): string {
  const rows = [...Object.entries(p.byType).sort(([a], [b]) => a.localeCompare(b)), ['total', p.total] as [string, Tally]];
  const head = ['type', 'diagrams', 'components', 'kinds right', 'recall', 'precision', 'must-not hits', 'unlabelled'];
  const body = rows.map(([type, t]) => [type, String(t.diagrams), String(t.components), cell(t.kindsRight, t.components),
    cell(t.obviousFound, t.obvious), cell(t.reportedRight, t.reportedLabelled), cell(t.mustNotHits, t.reported), String(t.unlabelled)]);
  const widths = head.map((h, i) => Math.max(h.length, maxOf(body.map((r) => r[i].length))));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [`${title}`, line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Data classes and exposure: found = labelled ones the engine has, right = the engine's ones the labels agree with. */
export function formatProperties(title: string, p: PartFigures): string {
  const rows = [...Object.entries(p.byType).sort(([a], [b]) => a.localeCompare(b)), ['total', p.total] as [string, Tally]];
  const head = ['type', 'data found', 'data right', 'exposure found', 'exposure right'];
  const body = rows.map(([type, t]) => [type, cell(t.dataFound, t.dataLabelled), cell(t.dataInferredRight, t.dataInferred),
    cell(t.exposureFound, t.exposureLabelled), cell(t.exposureInferredRight, t.exposureInferred)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [`${title}`, line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** How many findings of each severity, per diagram type. */
export function formatSeverities(title: string, p: PartFigures): string {
  const rows = [...Object.entries(p.byType).sort(([a], [b]) => a.localeCompare(b)), ['total', p.total] as [string, Tally]];
  const head = ['type', 'low', 'medium', 'high', 'critical'];
  const body = rows.map(([type, t]) => {
    const all = t.low + t.medium + t.high + t.critical;
    return [type, cell(t.low, all), cell(t.medium, all), cell(t.high, all), cell(t.critical, all)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [`${title}`, line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function details(d: DiagramScore): string {
  const out = [`## ${d.rel}`];
  for (const w of d.wrongKinds) out.push(`  kind ${w.id}: expected ${w.expected}, got ${w.got}${w.label === undefined ? '' : ` ("${w.label.replace(/\s+/g, ' ').slice(0, 60)}": ${w.reason ?? ''})`}`);
  for (const p of d.missed) out.push(`  missed ${p}`);
  for (const p of d.falsePositives) out.push(`  false positive ${p}`);
  for (const p of d.mustNotHits) out.push(`  must-not hit ${p}`);
  for (const p of d.unlabelled) out.push(`  unlabelled ${p}`);
  for (const p of d.wrongProperties) out.push(`  property ${p}`);
  return out.join('\n');
}

function main(argv: string[]): void {
  const jsonAt = argv.indexOf('--json');
  const jsonOut = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const split = readSplit();
  // While tuning, the held-out part is not even scored, so its totals cannot be seen by accident.
  const tuningOnly = argv.includes('--tuning-only');
  const heldOut = new Set(split?.heldOut ?? []);
  const entries = loadCorpus().filter((e) => !tuningOnly || !heldOut.has(e.rel));
  const figures = scoreCorpus(entries, split);
  if (!split) console.log('No split.json yet: every diagram counts as tuning.\n');
  console.log(formatPart('Tuning', figures.tuning));
  console.log(`\n${formatProperties('Tuning: data classes and exposure', figures.tuning)}`);
  console.log(`\n${formatSeverities('Tuning: findings by severity', figures.tuning)}`);
  if (split && !tuningOnly) {
    console.log(`\n${formatPart('Held-out (totals only; never tune on it)', figures.heldOut)}`);
    console.log(`\n${formatProperties('Held-out: data classes and exposure', figures.heldOut)}`);
    console.log(`\n${formatSeverities('Held-out: findings by severity', figures.heldOut)}`);
  }
  if (argv.includes('--details')) {
    // Held-out diagrams are left out on purpose: their misses must not steer inference.
    const held = new Set(split?.heldOut ?? []);
    console.log('\nDetails (tuning part only)');
    for (const d of figures.diagrams) if (!held.has(d.rel)) console.log(details(d));
  }
  if (jsonOut) {
    const { diagrams, ...totals } = figures;
    writeFileSync(jsonOut, `${JSON.stringify({ ...totals, diagrams: diagrams.map((d) => ({ rel: d.rel, type: d.type, tally: d.tally })) }, null, 2)}\n`);
  }
}

if (process.argv[1] && /[\\/]eval\.ts$/.test(process.argv[1])) main(process.argv.slice(2));
