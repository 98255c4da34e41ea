/**
 * Which parts of STRIDE for AI a step covers: the catalog says which letters and lenses apply to
 * each component kind (`appliesTo`) and which questions to ask about it. A letter or lens that a
 * finding of the component cites is shown too, even when the catalog does not list it for the kind,
 * so no finding refers to a category the step leaves out.
 */
import type { Finding } from '../analysis/finding';
import type { Catalog } from '../catalog/catalog';
import type { ComponentKind } from '../model';
import { LENSES, STRIDE_LETTERS } from '../rules/schema';
import type { CategoryView, LensView } from './types';

/** STRIDE letters listed for `kind` in the catalog, in S-T-R-I-D-E order. */
export function strideLettersFor(catalog: Catalog, kind: ComponentKind): string[] {
  return STRIDE_LETTERS.filter((l) => catalog.stride.get(l)?.appliesTo.includes(kind));
}

/** Lens ids listed for `kind` in the catalog. */
export function lensesFor(catalog: Catalog, kind: ComponentKind): string[] {
  return LENSES.filter((l) => catalog.lenses.get(l)?.appliesTo.includes(kind));
}

export function questionsFor(catalog: Catalog, kind: ComponentKind): string[] {
  return [...(catalog.questions.get(kind) ?? [])];
}

export function strideView(catalog: Catalog, kind: ComponentKind, findings: readonly Finding[]): CategoryView[] {
  const forKind = new Set(strideLettersFor(catalog, kind));
  const out: CategoryView[] = [];
  for (const letter of STRIDE_LETTERS) {
    const cited = findings.filter((f) => f.stride.includes(letter)).length;
    const c = catalog.stride.get(letter);
    if (!c || (!forKind.has(letter) && cited === 0)) continue;
    out.push({ letter, name: c.name, plain: c.plain, examples: [...c.examples], forKind: forKind.has(letter), findingCount: cited });
  }
  return out;
}

export function lensView(catalog: Catalog, kind: ComponentKind, findings: readonly Finding[]): LensView[] {
  const forKind = new Set(lensesFor(catalog, kind));
  const out: LensView[] = [];
  for (const id of LENSES) {
    const cited = findings.filter((f) => f.lenses.includes(id)).length;
    const l = catalog.lenses.get(id);
    if (!l || (!forKind.has(id) && cited === 0)) continue;
    out.push({ id, name: l.name, plain: l.plain, questions: [...l.questions], findingCount: cited });
  }
  return out;
}
