/**
 * Which OWASP editions and lists a report shows, and how a finding's ids are spread over them.
 *
 * Rules cite one id per risk (`LLM06:2025`, `ASI02:2026`). A finding carries one group per cited
 * risk: the id in every enabled edition of its list, newest-configured first, found through the
 * crosswalk. Judgement calls (see catalogs/owasp-crosswalk.yaml):
 * - `exact` and `partial` counterparts are both listed. Every 2025 → 2026 partial link is a
 *   widening (System Prompt Leakage → Hidden Context Exposure), so a 2025 finding lies inside its
 *   2026 counterpart; the hover shows the crosswalk note beside a partial counterpart.
 * - `none` adds nothing, and neither do the superseded 2023 names: they are recognised in
 *   annotations but never written.
 * - A list that is switched off (LLM or Agentic) drops its ids; a rule citing only such ids is off.
 */
import type { Rule } from '../rules/schema';
import type { Catalog, CrosswalkLink, OwaspList } from './catalog';

export interface OwaspView {
  /** Current LLM editions shown, in display order (the first is the headline id). */
  editions: readonly number[];
  /** Lists whose ids are shown and whose rules run. */
  lists: readonly OwaspList[];
  /** The LLM edition an unqualified id (`LLM03`) in an annotation means. */
  defaultEdition: number;
}

/**
 * Both current editions, the newer first, so a reader sees where OWASP numbers the risk now and
 * the 2025 id beside it. A bare id in an existing annotation still means 2025 (`defaultEdition`):
 * every annotation written before the 2026 list meant that one (LLM03 was Supply Chain).
 */
export const DEFAULT_OWASP_VIEW: OwaspView = { editions: [2026, 2025], lists: ['llm', 'agentic'], defaultEdition: 2025 };

export const OWASP_LISTS: readonly OwaspList[] = ['llm', 'agentic'];

/** Current LLM editions in the catalog (2025, 2026). */
export function currentLlmEditions(catalog: Pick<Catalog, 'editions'>): number[] {
  return catalog.editions.filter((e) => e.list === 'llm' && e.current).map((e) => e.edition);
}

function listOf(qid: string): OwaspList {
  return qid.startsWith('ASI') ? 'agentic' : 'llm';
}

function editionOf(qid: string): number {
  return Number(qid.slice(qid.indexOf(':') + 1));
}

/** Links from `qid` to the same risk in the other current LLM editions (`exact` or `partial`). */
export function counterparts(catalog: Pick<Catalog, 'crosswalk' | 'owasp'>, qid: string): CrosswalkLink[] {
  return (catalog.crosswalk.byId.get(qid) ?? []).filter((l) => l.to !== undefined && l.match !== 'none' && catalog.owasp.has(l.to));
}

/** One group per cited id: the id and its counterparts, in the view's edition order; empty groups dropped. */
export function owaspGroups(catalog: Pick<Catalog, 'crosswalk' | 'owasp'>, cited: readonly string[], view: OwaspView): string[][] {
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const id of cited) {
    if (seen.has(id)) continue;
    const list = listOf(id);
    if (!view.lists.includes(list)) continue;
    const all = [id, ...counterparts(catalog, id).map((l) => l.to as string)];
    const shown = list === 'agentic'
      ? all
      : view.editions.flatMap((ed) => all.filter((q) => editionOf(q) === ed));
    const group = [...new Set(shown)].filter((q) => !seen.has(q));
    for (const q of all) seen.add(q);
    if (group.length) groups.push(group);
  }
  return groups;
}

/** Rules whose every OWASP id belongs to a list that is off. */
export function rulesOffForLists(rules: readonly Rule[], lists: readonly OwaspList[]): string[] {
  return rules.filter((r) => r.owasp.length > 0 && r.owasp.every((id) => !lists.includes(listOf(id)))).map((r) => r.id);
}

/** Reads `2026,2025` (CLI flag or setting values), keeping only current LLM editions, in order. */
export function parseEditions(values: readonly (string | number)[], known: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const n = Number(String(v).trim());
    if (known.includes(n) && !out.includes(n)) out.push(n);
  }
  return out;
}
