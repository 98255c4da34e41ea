/** A finding as the walkthrough shows it: every reference resolved to a name and a link. */
import type { Finding } from '../analysis/finding';
import type { CatalogLookup, RefInfo } from '../report/types';
import type { FindingView, RefView } from './types';

function ref(r: RefInfo | undefined, id: string): RefView {
  return r ? { id: r.id, name: r.name, ...(r.url ? { url: r.url } : {}) } : { id, name: '' };
}

/**
 * The id a decision about `f` names: its rule, so the decision covers this one finding and not
 * every finding on the component that cites the same OWASP entry.
 */
export function decisionThreat(f: Finding): string {
  return f.ruleId;
}

export function findingView(f: Finding, componentKey: string, lookup: CatalogLookup): FindingView {
  return {
    key: f.fingerprint,
    ruleId: f.ruleId,
    title: f.title,
    componentKey,
    componentId: f.componentId,
    anchor: f.span.start,
    threat: decisionThreat(f),
    owasp: f.owasp.map((id) => ref(lookup.owasp(id), id)),
    atlas: f.atlas.map((id) => ref(lookup.atlas(id), id)),
    stride: f.stride.map((id) => ref(lookup.stride(id), id)),
    lenses: f.lenses.map((id) => ref(lookup.lens(id), id)),
    score: f.score,
    severity: f.severity,
    status: f.status,
    plain: f.plain,
    security: f.security,
    ...(f.business ? { business: f.business } : {}),
    mitigations: f.mitigations.map((m) => ({ id: m.id, name: m.name, stub: m.stub })),
    decisions: f.decisions.map((d) => ({
      type: d.type, threat: d.threat, text: d.text, covers: [...d.covers], ...(d.incomplete ? { incomplete: true } : {}),
      ...(d.status ? { status: d.status } : {}), ...(d.owner ? { owner: d.owner } : {}),
      ...(d.expires ? { expires: d.expires } : {}), ...(d.expired ? { expired: true } : {}),
    })),
  };
}

/** Most urgent first: open findings, then by score, then by rule id for a stable order. */
export function byUrgency(a: { status: string; score: number; ruleId: string }, b: { status: string; score: number; ruleId: string }): number {
  return Number(b.status === 'open') - Number(a.status === 'open') || b.score - a.score || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
