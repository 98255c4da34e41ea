/**
 * The file's components, boundaries and flows as the walkthrough lists them, and which component
 * each finding belongs to. A finding's span is its component's declaration, which tells apart
 * components that share an id in two diagrams of one Markdown file.
 */
import type { Finding, Severity } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import type { ParsedFile } from '../document';
import { isUnrecognised } from '../inference/recognition';
import { kindForRules, type Component } from '../model';
import type { BoundaryView, ComponentView, FlowView } from './types';

export function componentKey(modelIndex: number, id: string): string {
  return `${modelIndex}:${id}`;
}

/** The key of the component a finding is about, or undefined when it is not in the file. */
export function findingComponentKey(file: ParsedFile, f: Finding): string | undefined {
  for (const [i, m] of file.models.entries()) {
    if (m.components.some((c) => c.id === f.componentId && c.span.start === f.span.start)) return componentKey(i, f.componentId);
  }
  for (const [i, m] of file.models.entries()) {
    if (f.span.start >= m.span.start && f.span.start <= m.span.end && m.components.some((c) => c.id === f.componentId)) return componentKey(i, f.componentId);
  }
  return undefined;
}

function highest(findings: readonly Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (!best || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[best]) best = f.severity;
  return best;
}

function componentView(modelIndex: number, c: Component, findings: readonly Finding[]): ComponentView {
  const open = findings.filter((f) => f.status === 'open');
  const sev = highest(open);
  return {
    key: componentKey(modelIndex, c.id),
    modelIndex,
    id: c.id,
    label: c.label,
    // The walkthrough shows what the rules check: a box with no evidence is not recognised,
    // whatever fallback kind inference gave it.
    kind: kindForRules(c),
    kindSource: c.kindSource,
    kindReason: c.kindReason,
    // A start marker or a decision diamond is unplaced too, but it is a step of the drawing, not a component.
    unrecognised: isUnrecognised(c),
    ...(c.boundary ? { boundary: c.boundary } : {}),
    properties: { ...c.properties },
    span: { ...c.span },
    spans: [c.span, ...(c.labelSpan ? [c.labelSpan] : []), ...(c.references ?? [])].map((s) => ({ ...s })),
    findingCount: findings.length,
    openCount: open.length,
    ...(sev ? { highestOpen: sev } : {}),
    openScore: open.reduce((m, f) => Math.max(m, f.score), 0),
  };
}

export interface FileParts {
  components: ComponentView[];
  boundaries: BoundaryView[];
  flows: FlowView[];
  /** Findings of each component key. */
  findingsOf: Map<string, Finding[]>;
}

export function fileParts(file: ParsedFile, findings: readonly Finding[]): FileParts {
  const findingsOf = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = findingComponentKey(file, f);
    if (key) findingsOf.set(key, [...(findingsOf.get(key) ?? []), f]);
  }
  const components: ComponentView[] = [];
  const boundaries: BoundaryView[] = [];
  const flows: FlowView[] = [];
  for (const [i, m] of file.models.entries()) {
    for (const c of m.components) components.push(componentView(i, c, findingsOf.get(componentKey(i, c.id)) ?? []));
    for (const b of m.boundaries) {
      const members = m.components.filter((c) => c.boundary === b.id).map((c) => componentKey(i, c.id));
      boundaries.push({ modelIndex: i, id: b.id, label: b.label, members, ...(b.parent ? { parent: b.parent } : {}) });
    }
    const boundaryOf = new Map(m.components.map((c) => [c.id, c.boundary]));
    for (const f of m.flows) {
      if (f.invisible) continue;
      flows.push({ modelIndex: i, from: componentKey(i, f.from), to: componentKey(i, f.to), ...(f.label ? { label: f.label } : {}), crossesBoundary: boundaryOf.get(f.from) !== boundaryOf.get(f.to) });
    }
  }
  sameColourAcrossDiagrams(components);
  return { components, boundaries, flows, findingsOf };
}

/**
 * A Markdown overview and its detail diagram often draw the same component: it is one thing to
 * the team, so every drawing of it shows the worst severity open on any of them.
 */
function sameColourAcrossDiagrams(components: ComponentView[]): void {
  const worst = new Map<string, Severity>();
  for (const c of components) {
    const w = worst.get(c.id);
    if (c.highestOpen && (!w || SEVERITY_ORDER[c.highestOpen] > SEVERITY_ORDER[w])) worst.set(c.id, c.highestOpen);
  }
  for (const c of components) {
    const w = worst.get(c.id);
    if (w) c.highestOpen = w;
  }
}
