/**
 * Compares a Threatlens parse of a C4, architecture-beta or sequence diagram with what Mermaid's
 * own db holds (diagramOracle.ts), one line per disagreement.
 *
 * Where the two models differ on purpose, the comparison maps Mermaid's data first:
 * - architecture: junctions are routed through (src/core/parsers/architecture/flows.ts), so
 *   Mermaid's edges go through the same routing before they are compared with our flows.
 * - C4: Mermaid keeps one relationship per (from, to) pair, the last one written; ours keeps every
 *   `Rel`, so the comparison is by pair, with the last label.
 * - sequence: a `box` whose text starts with a colour keeps the rest as its title in a browser,
 *   but under jsdom only lower-case colour words are recognised; either title is accepted.
 * - labels of elements declared twice with different labels are skipped: Mermaid draws the last,
 *   Threatlens keeps the first and warns.
 */
import type { ParseResult } from '../../src/core/model';
import { DiagramBuilder } from '../../src/core/parsers/common/diagramBuilder';
import { addFlows } from '../../src/core/parsers/architecture/flows';
import type { ArchState, Edge } from '../../src/core/parsers/architecture/statements';
import { Problems } from '../../src/core/parsers/mermaid/problems';
import { Source } from '../../src/core/parsers/mermaid/source';
import type { DiagramOracleResult, OracleEdge } from './diagramOracle';

type Parsed = Extract<DiagramOracleResult, { elements: unknown }>;

function diffSets(what: string, ours: Set<string>, theirs: Set<string>, out: string[]): void {
  for (const x of theirs) if (!ours.has(x)) out.push(`${what} only in Mermaid: ${x}`);
  for (const x of ours) if (!theirs.has(x)) out.push(`${what} only in Threatlens: ${x}`);
}

function counts(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

const key = (from: string, to: string, label: string | undefined) => `${from} -> ${to}${label ? ` [${label}]` : ''}`;

/** Mermaid's architecture edges, routed through junctions exactly as the parser routes ours. */
function routedArchitectureEdges(o: Parsed): OracleEdge[] {
  const range = (text: string) => ({ text, start: 0, end: 0 });
  const ids = new Map<string, 'group' | 'service' | 'junction'>();
  for (const id of o.elements.keys()) ids.set(id, 'service');
  for (const id of o.junctions) ids.set(id, 'junction');
  const edges: Edge[] = o.edges.map((e) => ({
    lhs: range(e.from), rhs: range(e.to), lhsInto: e.lhsInto === true, rhsInto: e.rhsInto === true, start: 0, end: 0,
    ...(e.label ? { title: range(e.label) } : {}),
  }));
  const state: ArchState = { headerSeen: true, ids, edges };
  const src = new Source('', 0);
  const builder = new DiagramBuilder(src, new Problems(src), 'x');
  addFlows(builder, state);
  return builder.flows.map((f) => ({ from: f.from, to: f.to, label: f.label ?? '' }));
}

function boxTitleMatches(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const space = theirs.indexOf(' ');
  return space !== -1 && theirs.slice(space + 1).trim() === ours;
}

/**
 * Mermaid returns labels after its HTML sanitiser (`models/<model_id>/index` comes back as
 * `models/ /index`), while Threatlens keeps the text as written, which is what inference reads:
 * the same label once tag-like runs and spaces are dropped.
 */
function sameLabelText(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const bare = (s: string) => s.replace(/<[^<>]*>/g, '').replace(/\s+/g, '');
  return ours.includes('<') && bare(ours) === bare(theirs);
}

export function diffDiagram(ours: ParseResult, o: Parsed): string[] {
  const out: string[] = [];
  const m = ours.model;
  diffSets('element', new Set(m.components.map((c) => c.id)), new Set(o.elements.keys()), out);
  const relabelled = new Set(ours.problems.filter((p) => p.code.endsWith('/relabelled-participant') || p.code.endsWith('/relabelled-element') || p.code.endsWith('/relabelled-service'))
    .map((p) => p.message.slice(1, p.message.indexOf('`', 1))));
  for (const c of m.components) {
    const theirs = o.elements.get(c.id);
    if (theirs !== undefined && !sameLabelText(c.label, theirs) && !relabelled.has(c.id)) out.push(`label of ${c.id}: Threatlens "${c.label}", Mermaid "${theirs}"`);
  }

  if (o.kind === 'c4') {
    const last = (list: { from: string; to: string; label?: string }[]) => {
      const map = new Map<string, string>();
      for (const e of list) map.set(`${e.from} -> ${e.to}`, e.label ?? '');
      return map;
    };
    const a = last(m.flows);
    const b = last(o.edges);
    diffSets('relationship', new Set(a.keys()), new Set(b.keys()), out);
    for (const [k, label] of b) if (a.has(k) && a.get(k) !== label) out.push(`label of ${k}: Threatlens "${a.get(k)}", Mermaid "${label}"`);
  } else {
    const theirEdges = o.kind === 'architecture' ? routedArchitectureEdges(o) : o.edges;
    const ourCounts = counts(m.flows.map((f) => key(f.from, f.to, f.label)));
    const theirCounts = counts(theirEdges.map((e) => key(e.from, e.to, e.label)));
    for (const [k, n] of theirCounts) if ((ourCounts.get(k) ?? 0) !== n) out.push(`flow ${k}: Mermaid ×${n}, Threatlens ×${ourCounts.get(k) ?? 0}`);
    for (const [k, n] of ourCounts) if (!theirCounts.has(k)) out.push(`flow ${k}: Mermaid ×0, Threatlens ×${n}`);
  }

  diffSets('group', new Set(m.boundaries.map((b) => b.id)), new Set(o.groups.map((g) => g.id)), out);
  for (const g of o.groups) {
    const b = m.boundaries.find((x) => x.id === g.id);
    if (!b) continue;
    const sameLabel = o.kind === 'sequence' ? boxTitleMatches(b.label, g.label) || (g.label === '' && b.label === b.id) : b.label === g.label;
    if (!sameLabel) out.push(`label of group ${g.id}: Threatlens "${b.label}", Mermaid "${g.label}"`);
    diffSets(`member of ${g.id}`, new Set(b.members), g.members, out);
    if ((b.parent ?? '') !== (g.parent ?? '')) out.push(`parent of ${g.id}: Threatlens "${b.parent ?? ''}", Mermaid "${g.parent ?? ''}"`);
  }
  return out;
}
