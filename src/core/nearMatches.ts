/**
 * Near-match suggestions for misspelt node and threat ids (bounded edit distance, case-insensitive).
 *
 * A file can misspell thousands of ids against thousands of candidates; comparing each with all
 * would be quadratic. `NearMatcher` indexes the candidates once (by length and first letter, plus
 * a sorted list for prefixes) and looks at the likeliest ones first, within a budget per query
 * and per matcher: the suggestions are a courtesy, never worth a frozen editor.
 */

/** Ids are compared on at most this many characters. */
const PREFIX = 64;

interface Scored {
  i: number;
  d: number;
}

export class NearMatcher {
  private readonly lower: string[];
  /** `LLM1` should find `LLM01:2025`: the short form before the edition is compared too. */
  private readonly short: string[];
  /** Candidate numbers by `length` and by `length:first letter` of the full and the short form. */
  private readonly buckets = new Map<string, number[]>();
  /** Candidate numbers ordered by their lower-case form, for the ones starting with a word. */
  private readonly sorted: number[];
  /** Lower-case form → candidate numbers, for the candidates a word starts with. */
  private readonly exact = new Map<string, number[]>();
  private spent = 0;
  /** A misspelling repeated through the file gets the same answer, worked out once. */
  private readonly memo = new Map<string, string[]>();

  /**
   * `perQuery`: edit distances worked out per word; `total`: per matcher (per file). Infinity
   * for both compares with every candidate.
   */
  constructor(private readonly candidates: readonly string[], private readonly perQuery = 300, private readonly total = 100_000) {
    this.lower = candidates.map((c) => c.toLowerCase());
    this.short = this.lower.map((lc) => (lc.includes(':') ? lc.slice(0, lc.indexOf(':')) : lc));
    for (let i = 0; i < candidates.length; i++) {
      const forms = new Set([this.lower[i].slice(0, PREFIX), this.short[i].slice(0, PREFIX)]);
      for (const f of forms) {
        add(this.buckets, `${f.length}:${f.charAt(0)}`, i);
        add(this.buckets, String(f.length), i);
      }
      add(this.exact, this.lower[i], i);
    }
    this.sorted = candidates.map((_, i) => i).sort((a, b) => (this.lower[a] < this.lower[b] ? -1 : this.lower[a] > this.lower[b] ? 1 : 0));
  }

  find(word: string, max = 3): string[] {
    const key = `${max}:${word}`;
    let found = this.memo.get(key);
    if (!found) this.memo.set(key, (found = this.search(word, max)));
    return found.slice();
  }

  private search(word: string, max: number): string[] {
    const w = word.toLowerCase().slice(0, PREFIX);
    const limit = Math.max(2, Math.floor(w.length / 3));
    const best = new Map<number, number>();
    const consider = (i: number, d: number): void => {
      if (d > limit) return;
      const old = best.get(i);
      if (old === undefined || d < old) best.set(i, d);
    };
    // Prefix relations score by the length difference alone, as the full comparison would.
    for (let len = 1; len <= w.length; len++) for (const i of this.exact.get(w.slice(0, len)) ?? []) consider(i, (w.length - len) * 0.1);
    let budget = Math.min(this.perQuery, this.total - this.spent);
    for (let k = this.firstAtLeast(w); k < this.sorted.length && budget > 0; k++, budget--) {
      const i = this.sorted[k];
      if (!this.lower[i].startsWith(w)) break;
      consider(i, (this.lower[i].length - w.length) * 0.1);
    }
    // Then edit distances, nearest lengths first and the same first letter before the others.
    const visited = new Set<number>(best.keys());
    for (let delta = 0; delta <= limit && budget > 0; delta++) {
      for (const len of delta === 0 ? [w.length] : [w.length - delta, w.length + delta]) {
        for (const key of [`${len}:${w.charAt(0)}`, String(len)]) {
          for (const i of this.buckets.get(key) ?? []) {
            // Skipping a candidate seen under another key costs budget too, so no query walks a whole bucket.
            if (budget-- <= 0) break;
            if (visited.has(i)) continue;
            visited.add(i);
            this.spent++;
            consider(i, Math.min(editDistance(w, this.lower[i].slice(0, PREFIX), limit), editDistance(w, this.short[i], limit)));
          }
        }
      }
    }
    const scored: Scored[] = [...best].map(([i, d]) => ({ i, d }));
    const name = (s: Scored): string => this.candidates[s.i];
    scored.sort((a, b) => a.d - b.d || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
    return scored.slice(0, max).map(name);
  }

  /** The first position in `sorted` whose candidate is not below `w`. */
  private firstAtLeast(w: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lower[this.sorted[mid]] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function add(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}

/** Every candidate compared: for one-off lookups (a command-line argument, a single id). */
export function nearMatches(word: string, candidates: readonly string[], max = 3): string[] {
  return new NearMatcher(candidates, Infinity, Infinity).find(word, max);
}

/**
 * Levenshtein distance, giving up early (returning `limit + 1`) once every cell in a row exceeds
 * `limit`. The one edit-distance routine of the project: catalog and annotation suggestions use it too.
 */
export function editDistance(a: string, b: string, limit = 64): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}
