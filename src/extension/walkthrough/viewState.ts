/** The state the webview draws, built from the latest analysis of the file and its saved progress. */
import { COMPONENT_KINDS } from '../../core/model';
import { buildWalkthrough, componentStepId, diagramViews, SCOPE_STEP_ID, type Walkthrough } from '../../core/walkthrough';
import { withAttackTrees } from '../../core/walkthrough/attackTrees';
import type { WalkthroughView } from '../../shared/walkthroughProtocol';
import { enginePath, type Analysis, type EngineHost } from '../engineHost';
import type { StoredProgress } from './progressStore';

export function buildView(host: EngineHost, a: Analysis, progress: StoredProgress, languageId?: string): WalkthroughView {
  const walkthrough = buildWalkthrough(a.result, host.catalog, host.engine.lookup, progress);
  return {
    documentUri: a.uri.toString(),
    fileName: enginePath(a.uri, languageId),
    walkthrough: withAttackTrees(walkthrough, a.result, host.engine.catalog, host.engine.lookup),
    diagrams: diagramViews(a.result.file),
    kinds: COMPONENT_KINDS.filter((k) => k !== 'unknown'),
    problems: a.result.problems
      .filter((p) => p.severity !== 'info')
      .slice(0, 20)
      .map((p) => ({ line: a.index.positionAt(p.span.start).line + 1, message: p.message })),
  };
}

/** The step to show: the first candidate that still exists, else the scope step. */
export function resolveStep(w: Walkthrough, ...candidates: (string | undefined)[]): string {
  for (const id of candidates) if (id && w.steps.some((s) => s.id === id)) return id;
  return SCOPE_STEP_ID;
}

/** The component step of `componentId`: the diagram around `offset` when given, else the first holding it. */
export function stepOfComponent(w: Walkthrough, componentId: string, offset?: number): string | undefined {
  const candidates = w.components.filter((c) => c.id === componentId);
  const c = (offset !== undefined ? candidates.find((x) => x.spans.some((s) => s.start <= offset && offset <= s.end)) : undefined) ?? candidates[0];
  return c ? componentStepId(c.key) : undefined;
}

/** The component written at `offset` (its declaration, label or a later mention), if any. */
export function componentAt(w: Walkthrough, offset: number): string | undefined {
  return w.components.find((c) => c.spans.some((s) => s.start <= offset && offset <= s.end && s.end > s.start))?.key;
}
