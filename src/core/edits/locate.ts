/** Finds the model and component an edit is about, and whether an equivalent decision exists. */
import type { ParsedFile } from '../document';
import type { Annotation, Component, SystemModel } from '../model';

export interface ThreatResolver {
  /** Every canonical id a written reference stands for, as `Engine.resolveThreat` gives. */
  resolveThreat(ref: string): readonly string[] | undefined;
  /** The OWASP and ATLAS ids rule `ruleId` cites, undefined for an unknown rule. */
  ruleThreats?(ruleId: string): readonly string[] | undefined;
}

export interface ComponentRef {
  componentId: string;
  /**
   * Any offset inside the component's declaration id (a finding's `span.start` will do). Needed
   * only when the id exists in several diagrams of one Markdown file.
   */
  anchor?: number;
}

export interface Located {
  model: SystemModel;
  component: Component;
}

export function locate(file: ParsedFile, ref: ComponentRef): Located | undefined {
  const candidates: Located[] = [];
  for (const model of file.models) {
    const component = model.components.find((c) => c.id === ref.componentId);
    if (component) candidates.push({ model, component });
  }
  if (ref.anchor === undefined) return candidates[0];
  const a = ref.anchor;
  return candidates.find((x) => x.component.span.start <= a && a <= x.component.span.end)
    ?? candidates.find((x) => x.model.span.start <= a && a <= x.model.span.end)
    ?? candidates[0];
}

/** `LLM01` → `LLM01:2025` (the resolver's first canonical OWASP id); other ids as written. */
export function qualifyThreat(ref: string, resolver?: ThreatResolver): string {
  const t = ref.trim();
  if (!/^(LLM|ASI)\d{2}$/i.test(t)) return t;
  const first = resolver?.resolveThreat(t)?.find((id) => /^(LLM|ASI)\d{2}:\d{4}$/.test(id));
  return first ?? t.toUpperCase();
}

/** Two written references name the same threat: equal, or resolving to a shared canonical id. */
export function sameThreat(a: string, b: string, resolver?: ThreatResolver): boolean {
  const x = a.trim().toUpperCase();
  const y = b.trim().toUpperCase();
  if (x === y) return true;
  const bare = (s: string) => s.replace(/:\d{4}$/, '');
  const ra = resolver?.resolveThreat(a);
  const rb = resolver?.resolveThreat(b);
  if (ra && rb) return ra.some((id) => rb.includes(id));
  // Without a catalog: `LLM01` and `LLM01:2025` are the same entry only when one has no edition.
  return (x === bare(x) || y === bare(y)) && bare(x) === bare(y);
}

/**
 * A decision written as `written` decides what a request naming `requested` decides: the same
 * threat, or `requested` is a rule whose findings `written` covers (an OWASP id the rule cites, as
 * the analysis matches them). So a rule-id decision and an older OWASP-id one for the same finding
 * are one decision to update or supersede, never two.
 */
export function decidesSame(written: string, requested: string, resolver?: ThreatResolver): boolean {
  if (sameThreat(written, requested, resolver)) return true;
  const cited = resolver?.ruleThreats?.(requested.trim());
  if (!cited) return false;
  const ids = resolver?.resolveThreat(written);
  return ids !== undefined && ids.some((id) => cited.includes(id));
}

/**
 * The mitigations, acceptances and not-applicable notes written for one component that decide
 * `threat`; those naming it exactly first, so an update prefers the decision made for it.
 */
export function decisionsAbout(model: SystemModel, componentId: string, threat: string, resolver?: ThreatResolver): Annotation[] {
  const about = model.annotations.filter((a) => a.type !== 'component' && a.target === componentId && decidesSame(a.threat, threat, resolver));
  const exact = (a: Annotation) => (a.type !== 'component' && sameThreat(a.threat, threat, resolver) ? 0 : 1);
  return about.sort((a, b) => exact(a) - exact(b));
}
