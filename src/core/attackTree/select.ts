/**
 * Which component and which threats an attack tree shows: the named component (or the one with
 * the riskiest finding), its top threats (open first, highest score), optionally only those
 * matching a threat reference (`LLM01`, `LLM01:2025`, `AML.T0051`, a rule id).
 */
import type { Finding } from '../analysis/finding';
import { resolveOwaspRef, type Catalog } from '../catalog/catalog';
import type { Component } from '../model';
import { nearMatches } from '../nearMatches';
import type { FileResult } from '../report/types';

export class AttackTreeError extends Error {
  constructor(message: string, readonly suggestions: string[] = []) {
    super(message);
    this.name = 'AttackTreeError';
  }
}

const riskier = (a: Finding, b: Finding) => Number(b.status === 'open') - Number(a.status === 'open') || b.score - a.score || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** A predicate for findings matching `threat`, or an error for an unknown reference. */
export function threatMatcher(threat: string, catalog: Catalog, results: FileResult): (f: Finding) => boolean {
  const ref = threat.trim();
  const owasp = resolveOwaspRef(catalog, ref);
  if (owasp) {
    // A superseded 2023 id matches through its exact successors in the crosswalk.
    const ids = new Set([owasp.qid, ...(catalog.crosswalk.byId.get(owasp.qid) ?? []).filter((l) => l.to && l.match === 'exact').map((l) => l.to as string)]);
    return (f) => f.owasp.some((o) => ids.has(o));
  }
  if (catalog.atlas.techniques.has(ref)) return (f) => f.atlas.some((a) => a === ref || a.startsWith(`${ref}.`));
  if (results.findings.some((f) => f.ruleId === ref) || catalog.ruleById.has(ref)) return (f) => f.ruleId === ref;
  throw new AttackTreeError(`unknown threat "${threat}" (expected an OWASP id such as LLM01:2025, an ATLAS technique or a rule id)`,
    nearMatches(ref, [...catalog.owasp.keys(), ...catalog.atlas.techniques.keys()]));
}

export function componentFindings(result: FileResult, c: Component): Finding[] {
  return result.findings.filter((f) => f.componentId === c.id && f.span.start === c.span.start);
}

export function selectComponent(result: FileResult, componentId: string | undefined, matches: (f: Finding) => boolean): Component | undefined {
  const components = result.file.models.flatMap((m) => m.components);
  if (componentId !== undefined) {
    const named = components.filter((c) => c.id === componentId);
    if (named.length === 0) throw new AttackTreeError(`no component "${componentId}" in ${result.file.path}`, nearMatches(componentId, components.map((c) => c.id)));
    // The same id in two diagrams of one Markdown file: the one with the riskiest finding.
    return named.sort((a, b) => best(result, b, matches) - best(result, a, matches))[0];
  }
  const ranked = components.filter((c) => componentFindings(result, c).some(matches));
  ranked.sort((a, b) => {
    const fa = componentFindings(result, a).filter(matches).sort(riskier)[0];
    const fb = componentFindings(result, b).filter(matches).sort(riskier)[0];
    return riskier(fa, fb) || a.span.start - b.span.start;
  });
  return ranked[0];
}

function best(result: FileResult, c: Component, matches: (f: Finding) => boolean): number {
  const fs = componentFindings(result, c).filter(matches).sort(riskier);
  return fs.length ? fs[0].score + (fs[0].status === 'open' ? 100 : 0) : -1;
}

/** Highest score first, whatever the status: a mitigated branch shows what already cuts it. */
const byScore = (a: Finding, b: Finding) => b.score - a.score || riskier(a, b);

export function topThreats(findings: readonly Finding[], matches: (f: Finding) => boolean, explicit: boolean, max: number): Finding[] {
  // Ruled-out threats are not attack paths, unless the reader asked for that threat by name.
  return findings.filter((f) => matches(f) && (explicit || f.status !== 'not-applicable')).sort(byScore).slice(0, max);
}
