/**
 * Builds the walkthrough of one analysed file: the scope step, one step per component ordered by
 * risk (highest open score first, then the order they are declared in), and the summary step.
 */
import type { Catalog } from '../catalog/catalog';
import type { Finding } from '../analysis/finding';
import type { CatalogLookup, FileResult } from '../report/types';
import { lensView, questionsFor, strideView } from './applicability';
import { fileParts } from './components';
import { byUrgency, findingView } from './findingView';
import { acceptedFindings, mitigationPlan, openItems } from './plan';
import type { ComponentStep, ComponentView, FindingView, Walkthrough, WalkthroughProgressState, WalkthroughStep } from './types';

export const SCOPE_STEP_ID = 'scope';
export const SUMMARY_STEP_ID = 'summary';

export function componentStepId(componentKey: string): string {
  return `component:${componentKey}`;
}

/**
 * Component steps come highest risk first, where risk is the top score of all its findings, open or
 * decided: recording a decision must not move the step the team is working on. Ties in declaration order.
 */
export function riskOrder(components: readonly ComponentView[], findingsOf: ReadonlyMap<string, readonly Finding[]> = new Map()): ComponentView[] {
  const risk = (c: ComponentView) => (findingsOf.get(c.key) ?? []).reduce((m, f) => Math.max(m, f.score), c.openScore);
  return components.map((c, i) => ({ c, i, r: risk(c) })).sort((a, b) => b.r - a.r || a.i - b.i).map((x) => x.c);
}

/** A component id drawn in several diagrams of one file gets the diagram in its step title. */
function stepTitle(c: ComponentView, shared: ReadonlySet<string>, diagramTitle: (i: number) => string): string {
  const base = c.label && c.label !== c.id ? `${c.label} (${c.id})` : c.id;
  return shared.has(c.id) ? `${base} · ${diagramTitle(c.modelIndex)}` : base;
}

export function buildWalkthrough(result: FileResult, catalog: Catalog, lookup: CatalogLookup, state: WalkthroughProgressState = { done: [] }): Walkthrough {
  const parts = fileParts(result.file, result.findings);
  const byKey = new Map(parts.components.map((c) => [c.key, c]));
  const declared = new Map(parts.components.map((c, i) => [c.key, i]));
  const allFindings: FindingView[] = [];
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const c of parts.components) (seen.has(c.id) ? shared : seen).add(c.id);
  const diagramTitle = (i: number) => result.file.models[i]?.name ?? `diagram ${i + 1}`;
  const componentSteps: ComponentStep[] = riskOrder(parts.components, parts.findingsOf).map((c) => {
    const raw = parts.findingsOf.get(c.key) ?? [];
    const findings = raw.map((f) => findingView(f, c.key, lookup)).sort(byUrgency);
    allFindings.push(...findings);
    return {
      type: 'component',
      id: componentStepId(c.key),
      title: stepTitle(c, shared, diagramTitle),
      componentKey: c.key,
      stride: strideView(catalog, c.kind, raw),
      lenses: lensView(catalog, c.kind, raw),
      questions: questionsFor(catalog, c.kind),
      findings,
    };
  });
  const steps: WalkthroughStep[] = [
    { type: 'scope', id: SCOPE_STEP_ID, title: 'Scope: what are we working on?' },
    ...componentSteps,
    { type: 'summary', id: SUMMARY_STEP_ID, title: 'Summary: what are we going to do about it?' },
  ];
  const ids = new Set(steps.map((s) => s.id));
  const done = [...new Set(state.done)].filter((id) => ids.has(id));
  const doneSet = new Set(done);
  const decided = allFindings.filter((f) => f.status !== 'open').length;
  const system = result.file.models.map((m) => m.name).find((n) => n !== undefined);
  return {
    ...(system ? { system } : {}),
    components: parts.components,
    boundaries: parts.boundaries,
    flows: parts.flows,
    steps,
    plan: mitigationPlan(allFindings, byKey, declared),
    accepted: acceptedFindings(allFindings),
    openItems: openItems(steps, byKey, doneSet),
    progress: { done, stepsDone: done.length, stepsTotal: steps.length, findingsDecided: decided, findingsTotal: allFindings.length },
  };
}
