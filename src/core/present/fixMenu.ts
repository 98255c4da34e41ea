/**
 * The quick-fix menu of one line, assembled the way ESLint's is: one entry per label, the riskiest
 * finding's fixes first, and never more than a screenful. On a component with a dozen findings
 * every finding offers a few controls, an acceptance and a "not applicable": listed in full that is
 * a menu of twenty items running off the window. The rest stays one click away behind a last entry.
 */

export interface FixEntry<T> {
  label: string;
  /** The score of the riskiest finding the fix resolves (0-10); fixes of parse problems rank above. */
  risk: number;
  /**
   * Which of its finding's fixes this is (0 = the preferred one). The first fix of every finding
   * ranks above the second fix of any, so a long menu still offers something for each risk.
   */
  order: number;
  item: T;
}

export interface FixMenu<T> {
  /** The entries shown, best first, with the items of entries of the same label merged. */
  shown: { label: string; items: T[] }[];
  /** How many entries the "show all" entry stands for (0: no such entry). */
  hidden: number;
  /** Every entry, deduplicated and ordered, for the "show all" list. */
  all: { label: string; items: T[] }[];
}

export const MAX_MENU_ITEMS = 8;

/** Problem fixes (replacements of misspelt ids) rank above every finding. */
export const PROBLEM_RISK = 100;

/**
 * Deduplicates by label (keeping every item that label stands for, so one action can resolve
 * several diagnostics), orders by first-fix-of-each-finding, then risk, then the input order, and
 * caps the menu at `max` entries, the last of which is "show all" when anything is left out.
 */
export function buildFixMenu<T>(entries: readonly FixEntry<T>[], max = MAX_MENU_ITEMS): FixMenu<T> {
  const byLabel = new Map<string, { label: string; items: T[]; risk: number; order: number; at: number }>();
  entries.forEach((e, at) => {
    const kept = byLabel.get(e.label);
    if (!kept) {
      byLabel.set(e.label, { label: e.label, items: [e.item], risk: e.risk, order: e.order, at });
      return;
    }
    kept.items.push(e.item);
    kept.risk = Math.max(kept.risk, e.risk);
    kept.order = Math.min(kept.order, e.order);
  });
  const sorted = [...byLabel.values()].sort((a, b) => Number(a.order > 0) - Number(b.order > 0) || b.risk - a.risk || a.order - b.order || a.at - b.at);
  const all = sorted.map(({ label, items }) => ({ label, items }));
  if (all.length <= max) return { shown: all, hidden: 0, all };
  const room = Math.max(0, max - 1);
  return { shown: all.slice(0, room), hidden: all.length - room, all };
}

export function showAllLabel(hidden: number): string {
  return `Show all fixes… (${hidden} more)`;
}
