/**
 * How many findings one line shows. A component with nine findings turns its line into a wall of
 * squiggles and its Problems entry into nine rows; like ESLint and SonarLint, the editor shows the
 * few that matter most and says how many more there are (the hover and the Threats view list all).
 */
import type { Finding, FindingStatus } from '../analysis/finding';

/** Undecided findings first: a decided one never pushes an open one off the line. */
const STATUS_RANK: Record<FindingStatus, number> = { open: 0, planned: 1, accepted: 2, mitigated: 3, 'not-applicable': 4 };

/** Riskier first: status, then score; ties keep the analysis order (which is stable). */
export function byRisk(a: Finding, b: Finding): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.score - a.score;
}

export interface LineSelection<T> {
  /** What the line shows, in the input's order. */
  shown: T[];
  /** For each shown item that closes its line's list, how many of that line's items are left out. */
  more: Map<T, number>;
}

/**
 * The `max` riskiest findings of each line (0 or less: all of them). `lineOf` maps a finding to
 * its line; findings keep their relative order, so the result reads like the input.
 */
export function topPerLine<T extends Finding>(findings: readonly T[], lineOf: (f: T) => number, max: number): LineSelection<T> {
  if (max <= 0) return { shown: [...findings], more: new Map() };
  const lines = new Map<number, T[]>();
  for (const f of findings) {
    const line = lineOf(f);
    const list = lines.get(line);
    if (list) list.push(f);
    else lines.set(line, [f]);
  }
  const keep = new Set<T>();
  const more = new Map<T, number>();
  for (const list of lines.values()) {
    const top = [...list].sort(byRisk).slice(0, max);
    for (const f of top) keep.add(f);
    if (list.length > top.length) more.set(top[top.length - 1], list.length - top.length);
  }
  return { shown: findings.filter((f) => keep.has(f)), more };
}

/** The note a line's last shown diagnostic carries when some were left out. */
export function moreNote(n: number): string {
  return ` (+${n} more on this line: see the hover or the Threats view)`;
}
