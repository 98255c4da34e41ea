/**
 * Compares two threat models: new, resolved and re-decided findings, expired acceptances, and the
 * components and flows that were added or removed. Files match by path; findings by fingerprint
 * (see records.ts), so moving lines or rewording other nodes never shows up as a change.
 */
import type { Finding } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import { LineIndex } from '../positions';
import type { FileResult } from '../report/types';
import { baselineKeys, baselineRecords, type Baseline } from './baseline';
import { keyed, recordsOf } from './records';
import type { ComponentChange, DiffFinding, DiffSide, FindingRecord, FlowChange, ResolvedFinding, StatusChange, ThreatDiff } from './types';

export interface DiffOptions {
  base?: DiffSide;
  head?: DiffSide;
  /** Findings recorded here are not reported as new. */
  baseline?: Baseline;
}

const DEFAULT_HEAD: DiffSide = { label: 'working tree', kind: 'working-tree' };

/** Compares the analysed files of two revisions. */
export function diffResults(base: readonly FileResult[], head: readonly FileResult[], options: DiffOptions = {}): ThreatDiff {
  const diff = compare(recordsOf(base), head, componentIndex(base), options, { label: 'base', kind: 'revision' });
  diff.components = diffComponents(base, head);
  diff.flows = diffFlows(base, head);
  const basePaths = new Set(base.map((r) => r.file.path));
  const headPaths = new Set(head.map((r) => r.file.path));
  diff.files = { added: [...headPaths].filter((p) => !basePaths.has(p)).sort(), removed: [...basePaths].filter((p) => !headPaths.has(p)).sort() };
  return diff;
}

/** Compares analysed files with a baseline: what the baseline does not know is new. */
export function diffBaseline(baseline: Baseline, head: readonly FileResult[], options: Omit<DiffOptions, 'baseline'> = {}): ThreatDiff {
  const records = baselineRecords(baseline);
  const components = new Map<string, Set<string>>();
  for (const r of records.values()) {
    const set = components.get(r.path) ?? new Set<string>();
    set.add(r.componentId);
    components.set(r.path, set);
  }
  return compare(records, head, components, options, { label: 'baseline', kind: 'baseline' });
}

function componentIndex(results: readonly FileResult[]): Map<string, Set<string>> {
  return new Map(results.map((r) => [r.file.path, new Set(r.file.models.flatMap((m) => m.components.map((c) => c.id)))]));
}

interface HeadItem extends DiffFinding {
  order: number;
}

/** The item without its sort key. */
function entryOf(x: HeadItem): DiffFinding {
  return { path: x.path, line: x.line, column: x.column, finding: x.finding, ...(x.expired ? { expired: x.expired } : {}) };
}

function headItems(head: readonly FileResult[]): HeadItem[] {
  const out: HeadItem[] = [];
  for (const r of head) {
    const idx = new LineIndex(r.file.text);
    for (const f of r.findings) {
      const p = idx.positionAt(f.span.start);
      const expired = f.status === 'open' ? f.decisions.find((d) => d.type === 'accepts' && d.expired) : undefined;
      out.push({ path: r.file.path, line: p.line + 1, column: p.character + 1, finding: f, ...(expired ? { expired } : {}), order: f.span.start });
    }
  }
  return out;
}

function compare(
  baseRecords: Map<string, FindingRecord>,
  head: readonly FileResult[],
  baseComponents: Map<string, Set<string>>,
  options: DiffOptions,
  defaultBase: DiffSide,
): ThreatDiff {
  const headByKey = keyed(headItems(head), (x) => x.path, (x) => x.finding.fingerprint, (x) => x.order);
  const known = options.baseline ? baselineKeys(options.baseline) : new Set<string>();
  const newFindings: DiffFinding[] = [];
  const statusChanges: StatusChange[] = [];
  let baselined = 0;
  let unchanged = 0;
  for (const [key, item] of headByKey) {
    const before = baseRecords.get(key);
    const entry = entryOf(item);
    if (!before) {
      if (known.has(key)) baselined++;
      else newFindings.push(entry);
    } else if (before.status !== undefined && before.status !== item.finding.status) {
      statusChanges.push({ ...entry, from: before.status, to: item.finding.status });
    } else unchanged++;
  }
  const headPaths = new Set(head.map((r) => r.file.path));
  const headComponents = componentIndex(head);
  const resolved: ResolvedFinding[] = [];
  for (const [key, record] of baseRecords) {
    if (headByKey.has(key)) continue;
    const reason = !headPaths.has(record.path) ? 'file-removed'
      : baseComponents.get(record.path)?.has(record.componentId) && !headComponents.get(record.path)?.has(record.componentId) ? 'component-removed'
        : 'no-longer-applies';
    resolved.push({ record, reason });
  }
  const reopened = [...headByKey.values()].filter((x) => x.expired).map(entryOf);
  return {
    base: options.base ?? defaultBase,
    head: options.head ?? DEFAULT_HEAD,
    newFindings: newFindings.sort(byRisk),
    resolved: resolved.sort((a, b) => byPlace(a.record, b.record)),
    statusChanges: statusChanges.sort((a, b) => Number(b.to === 'open') - Number(a.to === 'open') || byRisk(a, b)),
    reopened: reopened.sort(byRisk),
    components: { added: [], removed: [] },
    flows: { added: [], removed: [] },
    files: { added: [], removed: [] },
    baselined,
    unchanged,
  };
}

/** Open before decided, then highest score, then file and line. */
export function byRisk(a: { finding: Finding; path: string; line: number }, b: { finding: Finding; path: string; line: number }): number {
  return Number(b.finding.status === 'open') - Number(a.finding.status === 'open')
    || b.finding.score - a.finding.score
    || SEVERITY_ORDER[b.finding.severity] - SEVERITY_ORDER[a.finding.severity]
    || byPlace(a, b)
    || (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0);
}

function byPlace(a: { path: string; line?: number }, b: { path: string; line?: number }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0);
}

function diffComponents(base: readonly FileResult[], head: readonly FileResult[]): ThreatDiff['components'] {
  const list = (results: readonly FileResult[]) => {
    const out = new Map<string, ComponentChange>();
    for (const r of results) {
      const idx = new LineIndex(r.file.text);
      for (const c of r.file.models.flatMap((m) => m.components)) {
        const key = `${r.file.path}\u0000${c.id}`;
        if (!out.has(key)) out.set(key, { path: r.file.path, id: c.id, label: c.label, kind: c.kind, line: idx.positionAt(c.span.start).line + 1 });
      }
    }
    return out;
  };
  const before = list(base);
  const after = list(head);
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, c]) => c).sort(byPlace),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, c]) => c).sort(byPlace),
  };
}

/** Flows match by path and ends (as a multiset): relabelling a flow is not adding one. */
function diffFlows(base: readonly FileResult[], head: readonly FileResult[]): ThreatDiff['flows'] {
  const list = (results: readonly FileResult[]) => {
    const out = new Map<string, FlowChange[]>();
    for (const r of results) {
      const idx = new LineIndex(r.file.text);
      for (const f of r.file.models.flatMap((m) => m.flows).filter((x) => !x.invisible)) {
        const key = `${r.file.path}\u0000${f.from}\u0000${f.to}`;
        const arr = out.get(key) ?? [];
        arr.push({ path: r.file.path, from: f.from, to: f.to, ...(f.label ? { label: f.label } : {}), line: idx.positionAt(f.span.start).line + 1 });
        out.set(key, arr);
      }
    }
    return out;
  };
  const before = list(base);
  const after = list(head);
  const surplus = (a: Map<string, FlowChange[]>, b: Map<string, FlowChange[]>) =>
    [...a].flatMap(([k, xs]) => xs.slice(b.get(k)?.length ?? 0)).sort(byPlace);
  return { added: surplus(after, before), removed: surplus(before, after) };
}
