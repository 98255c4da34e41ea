/**
 * Builds the catalog's maps from the validated contents of the catalog files (`CatalogData`):
 * cross-reference checks, sub-technique names, the crosswalk oriented from both ends. No YAML and
 * no schemas here: `fromFiles.ts` parses and validates the files (at build time and in the unit
 * tests), and `loadBuiltinCatalog` assembles the data generated from them at startup.
 */
import { COMPONENT_KINDS, type ComponentKind } from '../model';
import { LENSES, STRIDE_LETTERS, type Lens, type Rule, type StrideLetter } from '../rules/schema';
import type { CatalogData } from './data';
import type { MatchKind } from './schema';
import {
  CatalogError,
  type AtlasMitigation, type AtlasTactic, type AtlasTechnique, type Catalog, type Crosswalk, type CrosswalkLink,
  type LegacyOwaspEntry, type LensInfo, type Mitigation, type OwaspEdition, type OwaspEntry, type OwaspList,
  type StrideCategory,
} from './types';
import { appendAll } from '../arrays';

/** The OWASP list files, and the list and edition each must declare. */
export const OWASP_FILES: Readonly<Record<string, { list: OwaspList; edition: number }>> = {
  'owasp-llm-2025.yaml': { list: 'llm', edition: 2025 },
  'owasp-llm-2026.yaml': { list: 'llm', edition: 2026 },
  'owasp-agentic-2026.yaml': { list: 'agentic', edition: 2026 },
};
export const OTHER_FILES: readonly string[] = ['owasp-crosswalk.yaml', 'atlas.yaml', 'stride.yaml', 'questions.yaml', 'mitigations.yaml', 'verification.yaml', 'governance.yaml'];

/** The catalog without its rules: what rule files are checked against. */
export type ReferenceCatalog = Omit<Catalog, 'rules' | 'ruleById' | 'ruleSource'>;

/** Builds the catalog from validated data. Throws `CatalogError` if the files do not fit together. */
export function assembleCatalog(data: CatalogData): Catalog {
  const problems: string[] = [];
  const partial = assembleReferences(data, problems);
  if (problems.length) throw new CatalogError(problems);
  const catalog = withRules(partial, data.rules, problems);
  if (problems.length) throw new CatalogError(problems);
  return catalog;
}

/** Everything but the rules; problems (ids that point nowhere, duplicates) go to `problems`. */
export function assembleReferences(data: Omit<CatalogData, 'rules' | 'verification' | 'governance'>, problems: string[]): ReferenceCatalog {
  const { owasp: owaspData, crosswalk: crosswalkData, atlas: atlasData, stride: strideData, questions: questionsData, mitigations: mitigationsData } = data;

  // --- OWASP -----------------------------------------------------------------------------------
  const owasp = new Map<string, OwaspEntry>();
  const editions: OwaspEdition[] = [];
  for (const [name, want] of Object.entries(OWASP_FILES)) {
    const data = owaspData[name];
    if (!data) {
      problems.push(`${name}: missing`);
      continue;
    }
    if (data.list !== want.list || data.edition !== want.edition) {
      problems.push(`${name}: declares list ${data.list} edition ${data.edition}, expected ${want.list} ${want.edition}`);
    }
    const prefix = want.list === 'llm' ? 'LLM' : 'ASI';
    data.entries.forEach((e, i) => {
      const expected = `${prefix}${String(i + 1).padStart(2, '0')}`;
      if (e.id !== expected) problems.push(`${name}: entries[${i}].id: expected ${expected}, found ${e.id}`);
      const qid = `${e.id}:${data.edition}`;
      owasp.set(qid, { ...e, qid, list: data.list, edition: data.edition });
    });
    editions.push({
      key: `${data.list}:${data.edition}`, list: data.list, edition: data.edition, title: data.title,
      source: data.source, current: true, ids: data.entries.map((e) => `${e.id}:${data.edition}`),
    });
  }
  const legacyOwasp = new Map<string, LegacyOwaspEntry>();
  for (const [i, ed] of crosswalkData.legacy.entries()) {
    if (editions.some((e) => e.list === 'llm' && e.edition === ed.edition)) {
      problems.push(`owasp-crosswalk.yaml: legacy[${i}]: edition ${ed.edition} is a current edition`);
    }
    for (const e of ed.entries) {
      const qid = `${e.id}:${ed.edition}`;
      legacyOwasp.set(qid, { qid, id: e.id, list: 'llm', edition: ed.edition, name: e.name });
    }
    editions.push({
      key: `llm:${ed.edition}`, list: 'llm', edition: ed.edition, title: ed.title, current: false,
      ids: ed.entries.map((e) => `${e.id}:${ed.edition}`),
    });
  }
  for (const e of owasp.values()) {
    for (const r of e.related) if (!owasp.has(r)) problems.push(`${e.qid}: related id ${r} is not a current OWASP entry`);
  }

  // --- Crosswalk -------------------------------------------------------------------------------
  const knownLlm = (qid: string) => (owasp.has(qid) && qid.startsWith('LLM')) || legacyOwasp.has(qid);
  const links: CrosswalkLink[] = [];
  crosswalkData.links.forEach((l, i) => {
    const where = `owasp-crosswalk.yaml: links[${i}]`;
    if (!knownLlm(l.from)) problems.push(`${where}.from: unknown OWASP LLM id ${l.from}`);
    if (l.to !== undefined && !knownLlm(l.to)) problems.push(`${where}.to: unknown OWASP LLM id ${l.to}`);
    const toEdition = l.to !== undefined ? editionOf(l.to) : (l.toEdition ?? 0);
    if (l.to !== undefined && l.toEdition !== undefined && l.toEdition !== toEdition) {
      problems.push(`${where}.toEdition: ${l.toEdition} contradicts ${l.to}`);
    }
    if (toEdition === editionOf(l.from)) problems.push(`${where}: links an edition to itself`);
    if (!editions.some((e) => e.list === 'llm' && e.edition === toEdition)) problems.push(`${where}: unknown edition ${toEdition}`);
    links.push(link(l.from, l.to, toEdition, l.match, l.note, false));
  });
  const crosswalk: Crosswalk = { links, byId: orientCrosswalk(links, [...owasp.keys()].filter((q) => q.startsWith('LLM')).concat([...legacyOwasp.keys()]), editions) };

  // --- ATLAS -----------------------------------------------------------------------------------
  const tactics = new Map<string, AtlasTactic>();
  for (const t of atlasData.tactics) {
    if (tactics.has(t.id)) problems.push(`atlas.yaml: duplicate tactic ${t.id}`);
    if (t.url !== `https://atlas.mitre.org/tactics/${t.id}`) problems.push(`atlas.yaml: tactic ${t.id}: url should be https://atlas.mitre.org/tactics/${t.id}`);
    tactics.set(t.id, t);
  }
  const rawTechniques = new Map(atlasData.techniques.map((t) => [t.id, t]));
  const techniques = new Map<string, AtlasTechnique>();
  for (const t of atlasData.techniques) {
    if (techniques.has(t.id)) problems.push(`atlas.yaml: duplicate technique ${t.id}`);
    if (t.url !== `https://atlas.mitre.org/techniques/${t.id}`) problems.push(`atlas.yaml: technique ${t.id}: url should be https://atlas.mitre.org/techniques/${t.id}`);
    for (const ta of t.tactics) if (!tactics.has(ta)) problems.push(`atlas.yaml: technique ${t.id}: unknown tactic ${ta}`);
    const parentId = /^AML\.T\d{4}\.\d{3}$/.test(t.id) ? t.id.slice(0, 9) : undefined;
    const parent = parentId !== undefined ? rawTechniques.get(parentId) : undefined;
    if (parentId !== undefined && !parent) problems.push(`atlas.yaml: sub-technique ${t.id} needs its parent ${parentId} in the catalog`);
    techniques.set(t.id, {
      ...t,
      displayName: parent ? `${parent.name}: ${t.name}` : t.name,
      ...(parentId !== undefined ? { parent: parentId } : {}),
    });
  }
  const atlasMitigations = new Map<string, AtlasMitigation>();
  for (const m of atlasData.mitigations) {
    if (atlasMitigations.has(m.id)) problems.push(`atlas.yaml: duplicate mitigation ${m.id}`);
    if (m.url !== `https://atlas.mitre.org/mitigations/${m.id}`) problems.push(`atlas.yaml: mitigation ${m.id}: url should be https://atlas.mitre.org/mitigations/${m.id}`);
    atlasMitigations.set(m.id, m);
  }
  for (const e of owasp.values()) {
    for (const t of e.atlas) if (!techniques.has(t)) problems.push(`${e.qid}: ATLAS technique ${t} is not in atlas.yaml`);
  }

  // --- STRIDE, lenses, questions ---------------------------------------------------------------
  const stride = new Map<StrideLetter, StrideCategory>();
  for (const s of strideData.letters) {
    if (stride.has(s.letter)) problems.push(`stride.yaml: duplicate letter ${s.letter}`);
    stride.set(s.letter, s);
  }
  for (const l of STRIDE_LETTERS) if (!stride.has(l)) problems.push(`stride.yaml: missing letter ${l}`);
  const lenses = new Map<Lens, LensInfo>();
  for (const l of strideData.lenses) {
    if (lenses.has(l.id)) problems.push(`stride.yaml: duplicate lens ${l.id}`);
    lenses.set(l.id, l);
  }
  for (const l of LENSES) if (!lenses.has(l)) problems.push(`stride.yaml: missing lens ${l}`);
  const questions = new Map<ComponentKind, readonly string[]>();
  for (const k of COMPONENT_KINDS) {
    const qs = questionsData.kinds[k];
    if (qs) questions.set(k, qs);
    else if (k !== 'unknown') problems.push(`questions.yaml: no questions for kind ${k}`);
  }

  // --- Mitigations -----------------------------------------------------------------------------
  const mitigations = new Map<string, Mitigation>();
  mitigationsData.mitigations.forEach((m, i) => {
    if (mitigations.has(m.id)) problems.push(`mitigations.yaml: mitigations[${i}]: duplicate id ${m.id}`);
    for (const t of m.threats) if (!owasp.has(t)) problems.push(`mitigations.yaml: ${m.id}: unknown threat ${t}`);
    for (const a of m.atlas) if (!atlasMitigations.has(a)) problems.push(`mitigations.yaml: ${m.id}: ATLAS mitigation ${a} is not in atlas.yaml`);
    mitigations.set(m.id, m);
  });

  return {
    owasp, legacyOwasp, editions, agentic: [...owasp.values()].filter((e) => e.list === 'agentic'),
    crosswalk, atlas: { version: atlasData.version, tactics, techniques, mitigations: atlasMitigations },
    stride, lenses, questions, mitigations,
  };
}

/**
 * Adds the built-in rules (by file, each file's in order; files in name order). Rules read from
 * YAML have been checked by `validateRulesIn` already; the ids they cite are checked again here
 * (cheaply), so generated data that went stale cannot slip through.
 */
export function withRules(partial: ReferenceCatalog, byFile: Readonly<Record<string, readonly Rule[]>>, problems: string[]): Catalog {
  const rules: Rule[] = [];
  const ruleById = new Map<string, Rule>();
  const ruleSource = new Map<string, string>();
  for (const name of Object.keys(byFile).sort()) {
    for (const r of byFile[name]) {
      if (ruleById.has(r.id)) problems.push(`${name}: rule ${r.id} is also defined in ${ruleSource.get(r.id)}`);
      if (!/^TL\d{3}$/.test(r.id)) problems.push(`${name}: built-in rule id ${r.id} should look like TL001`);
      for (const id of r.owasp) if (!partial.owasp.has(id)) problems.push(`${name}: rule ${r.id}: unknown OWASP id ${id}`);
      for (const t of r.atlas) if (!partial.atlas.techniques.has(t)) problems.push(`${name}: rule ${r.id}: unknown ATLAS technique ${t}`);
      for (const m of r.mitigations) if (!partial.mitigations.has(m)) problems.push(`${name}: rule ${r.id}: unknown mitigation ${m}`);
      // The executive briefing states every built-in rule's cost in business terms.
      if (!r.business) problems.push(`${name}: rule ${r.id}: no business impact (business: impacts, text)`);
      rules.push(r);
      ruleById.set(r.id, r);
      ruleSource.set(r.id, name);
    }
  }
  return { ...partial, rules, ruleById, ruleSource };
}

function editionOf(qid: string): number {
  return Number(qid.slice(qid.indexOf(':') + 1));
}

const MATCH_STRENGTH: Record<MatchKind, number> = { exact: 2, partial: 1, none: 0 };

function link(from: string, to: string | undefined, toEdition: number, match: MatchKind, note: string | undefined, derived: boolean): CrosswalkLink {
  return { from, ...(to !== undefined ? { to } : {}), toEdition, match, ...(note !== undefined ? { note } : {}), derived };
}

/**
 * Orients every link from each of its ends, then composes two-step links (e.g. 2023 -> 2025 ->
 * 2026) for editions an id has no direct link into.
 */
function orientCrosswalk(links: readonly CrosswalkLink[], ids: readonly string[], editions: readonly OwaspEdition[]): Map<string, CrosswalkLink[]> {
  const direct = new Map<string, CrosswalkLink[]>(ids.map((id) => [id, []]));
  for (const l of links) {
    direct.get(l.from)?.push(l);
    if (l.to !== undefined) {
      direct.get(l.to)?.push(link(l.to, l.from, editionOf(l.from), l.match, l.note, false));
    }
  }
  const llmEditions = editions.filter((e) => e.list === 'llm').map((e) => e.edition);
  const out = new Map<string, CrosswalkLink[]>();
  for (const [id, own] of direct) {
    const result = [...own];
    for (const ed of llmEditions) {
      if (ed === editionOf(id) || own.some((l) => l.toEdition === ed)) continue;
      const composed = new Map<string, CrosswalkLink>();
      let noneVia: CrosswalkLink | undefined;
      for (const first of own) {
        if (first.to === undefined) continue;
        for (const second of direct.get(first.to) ?? []) {
          if (second.toEdition !== ed) continue;
          if (second.to === undefined) { noneVia ??= second; continue; }
          const match: MatchKind = Math.min(MATCH_STRENGTH[first.match], MATCH_STRENGTH[second.match]) === 2 ? 'exact' : 'partial';
          const prev = composed.get(second.to);
          if (!prev || MATCH_STRENGTH[match] > MATCH_STRENGTH[prev.match]) {
            const notes = [first.note, second.note].filter((n) => n !== undefined);
            const note = match === 'exact' ? undefined : `via ${first.to}${notes.length ? `: ${notes.join('; ')}` : ''}`;
            composed.set(second.to, link(id, second.to, ed, match, note, true));
          }
        }
      }
      if (composed.size) appendAll(result, composed.values());
      else if (noneVia) result.push(link(id, undefined, ed, 'none', noneVia.note, true));
    }
    out.set(id, result);
  }
  return out;
}
