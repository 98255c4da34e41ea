/**
 * "Did you mean" lists for ids a YAML model refers to but does not define. A file with thousands
 * of components and thousands of broken references must not get every id attached to every
 * problem (that is quadratic in size, and a CLI JSON report of a 500 KB file could no longer be
 * written), so: the nearest matches only, the whole (short) list for small models, and no more
 * than `budget` distinct names worked out per file.
 */
import { NearMatcher } from '../../nearMatches';

/** Models with at most this many candidates list them all, nearest first. */
const SMALL = 10;

export class IdSuggester {
  private readonly memo = new Map<string, string[]>();
  /** Every candidate compared: the budget of distinct names already keeps this linear. */
  private matcher?: NearMatcher;

  constructor(private readonly ids: readonly string[], private readonly budget = 100) {}

  /** Suggestions for `name`, or undefined when there are none (or the budget is spent). */
  suggest(name: string): string[] | undefined {
    let s = this.memo.get(name);
    if (s === undefined) {
      if (this.memo.size >= this.budget) return undefined;
      const near = (this.matcher ??= new NearMatcher(this.ids, Infinity, Infinity)).find(name, 5);
      s = this.ids.length <= SMALL ? [...near, ...this.ids.filter((id) => !near.includes(id))] : near;
      this.memo.set(name, s);
    }
    return s.length ? [...s] : undefined;
  }
}
