/** Near-match suggestions for misspelt node and threat ids (bounded edit distance, case-insensitive). */
export function nearMatches(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase().slice(0, 64);
  const limit = Math.max(2, Math.floor(w.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // `LLM1` should find `LLM01:2025`: compare with the short form before the edition too.
    const short = lc.includes(':') ? lc.slice(0, lc.indexOf(':')) : lc;
    const d = lc.startsWith(w) || w.startsWith(lc) ? Math.abs(lc.length - w.length) * 0.1 : Math.min(editDistance(w, lc.slice(0, 64), limit), editDistance(w, short, limit));
    if (d <= limit) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
  return scored.slice(0, max).map((s) => s.c);
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
