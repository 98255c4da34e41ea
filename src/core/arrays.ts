/**
 * Array helpers safe at any length. `push(...xs)`, `Math.max(...xs)` and friends pass every
 * element as an argument, and past about 100k elements that overflows the stack: one file with
 * many problems would lose the whole run.
 */

/** Appends every item of `items` to `target`; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The largest of `xs`, or `empty` when there are none. */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let best = -Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x > best) best = x;
  }
  return any ? best : empty;
}

/** The smallest of `xs`, or `empty` when there are none. */
export function minOf(xs: Iterable<number>, empty = Infinity): number {
  let best = Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x < best) best = x;
  }
  return any ? best : empty;
}
