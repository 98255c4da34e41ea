/**
 * Matching keys and base-side records. A finding's key is its path, its fingerprint (rule id +
 * component id, so line moves and rewording elsewhere never change it) and its rank among
 * findings with the same fingerprint in that file: a Markdown file may hold two diagrams that
 * both declare `llm`, and those must not collapse into one.
 */
import type { Finding } from '../analysis/finding';
import { LineIndex } from '../positions';
import type { FileResult } from '../report/types';
import type { FindingRecord } from './types';

export function findingKey(path: string, fingerprint: string, rank: number): string {
  return `${path}\u0000${fingerprint}\u0000${rank}`;
}

/** Gives each item its key, ranking same-fingerprint items of a file by `order`. */
export function keyed<T>(items: readonly T[], path: (t: T) => string, fp: (t: T) => string, order: (t: T) => number): Map<string, T> {
  const sorted = [...items].sort((a, b) => order(a) - order(b));
  const seen = new Map<string, number>();
  const out = new Map<string, T>();
  for (const t of sorted) {
    const base = `${path(t)}\u0000${fp(t)}`;
    const rank = seen.get(base) ?? 0;
    seen.set(base, rank + 1);
    out.set(findingKey(path(t), fp(t), rank), t);
  }
  return out;
}

export function recordOf(path: string, f: Finding, line?: number): FindingRecord {
  return {
    path, fingerprint: f.fingerprint, ruleId: f.ruleId, componentId: f.componentId, owasp: [...f.owasp],
    status: f.status, severity: f.severity, score: f.score, title: f.title, ...(line !== undefined ? { line } : {}),
  };
}

/** Base-side records of analysed files, keyed; `order` keeps the within-file rank stable. */
export function recordsOf(results: readonly FileResult[]): Map<string, FindingRecord & { order: number }> {
  const all: (FindingRecord & { order: number })[] = [];
  for (const r of results) {
    const idx = new LineIndex(r.file.text);
    for (const f of r.findings) all.push({ ...recordOf(r.file.path, f, idx.positionAt(f.span.start).line + 1), order: f.span.start });
  }
  return keyed(all, (x) => x.path, (x) => x.fingerprint, (x) => x.order);
}
