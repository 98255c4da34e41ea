/** Builds the catalog from the built-in YAML files (parsing, cross-reference checks, crosswalk orientation) and resolves OWASP references. */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { COMPONENT_KINDS, type ComponentKind } from '../model';
import { LENSES, STRIDE_LETTERS, type Lens, type Rule, type StrideLetter } from '../rules/schema';
import { CATALOG_FILES } from './generated';
import {
  atlasFileSchema, crosswalkFileSchema, mitigationsFileSchema, owaspFileSchema, questionsFileSchema,
  strideFileSchema, type MatchKind,
} from './schema';
import { validateRulesIn } from './ruleFiles';
import {
  CatalogError,
  type AtlasMitigation, type AtlasTactic, type AtlasTechnique, type Catalog, type Crosswalk, type CrosswalkLink,
  type LegacyOwaspEntry, type LensInfo, type Mitigation, type OwaspEdition, type OwaspEntry, type OwaspList,
  type StrideCategory,
} from './types';
import { describeIssue } from './zodIssues';

let memo: Catalog | undefined;

/** The built-in catalog, parsed and validated at first use. Throws `CatalogError` if invalid. */
export function loadBuiltinCatalog(): Catalog {
  memo ??= buildCatalog(CATALOG_FILES);
  return memo;
}

const OWASP_FILES: Record<string, { list: OwaspList; edition: number }> = {
  'owasp-llm-2025.yaml': { list: 'llm', edition: 2025 },
  'owasp-llm-2026.yaml': { list: 'llm', edition: 2026 },
  'owasp-agentic-2026.yaml': { list: 'agentic', edition: 2026 },
};
const OTHER_FILES = ['owasp-crosswalk.yaml', 'atlas.yaml', 'stride.yaml', 'questions.yaml', 'mitigations.yaml'];

/**
 * Builds a catalog from raw file texts keyed by path relative to `catalogs/` (the shape of
 * `CATALOG_FILES`). Exposed for tests; everything else uses `loadBuiltinCatalog`.
 */
export function buildCatalog(files: Readonly<Record<string, string>>): Catalog {
  const problems: string[] = [];
  const fail = (): never => { throw new CatalogError(problems); };

  for (const name of Object.keys(files)) {
    if (!(name in OWASP_FILES) && !OTHER_FILES.includes(name) && !/^rules\/[^/]+\.ya?ml$/.test(name)) {
      problems.push(`${name}: unexpected file in catalogs/`);
    }
  }
  for (const name of [...Object.keys(OWASP_FILES), ...OTHER_FILES]) {
    if (files[name] === undefined) problems.push(`${name}: missing`);
  }
  if (problems.length) fail();

  function load<T extends z.ZodType>(name: string, schema: T): z.output<T> | undefined {
    const doc = parseDocument(files[name], { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push(`${name}: YAML error: ${e.message}`);
      return undefined;
    }
    const parsed = schema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const p of describeIssue(issue, [])) problems.push(`${name}: ${p.path || '(top level)'}: ${p.detail}`);
      }
      return undefined;
    }
    return parsed.data;
  }

  const owaspData = Object.entries(OWASP_FILES).map(([name, want]) => ({ name, want, data: load(name, owaspFileSchema) }));
  const crosswalkData = load('owasp-crosswalk.yaml', crosswalkFileSchema);
  const atlasData = load('atlas.yaml', atlasFileSchema);
  const strideData = load('stride.yaml', strideFileSchema);
  const questionsData = load('questions.yaml', questionsFileSchema);
  const mitigationsData = load('mitigations.yaml', mitigationsFileSchema);
  const ruleFiles = Object.keys(files).filter((n) => n.startsWith('rules/')).sort();
  if (problems.length) fail();
  // All loaded (the checks above guarantee it); narrow the types.
  if (!crosswalkData || !atlasData || !strideData || !questionsData || !mitigationsData) return fail();

  // --- OWASP -----------------------------------------------------------------------------------
  const owasp = new Map<string, OwaspEntry>();
  const editions: OwaspEdition[] = [];
  for (const { name, want, data } of owaspData) {
    if (!data) return fail();
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

  if (problems.length) fail();

  const partial: Omit<Catalog, 'rules' | 'ruleById' | 'ruleSource'> = {
    owasp, legacyOwasp, editions, agentic: [...owasp.values()].filter((e) => e.list === 'agentic'),
    crosswalk, atlas: { version: atlasData.version, tactics, techniques, mitigations: atlasMitigations },
    stride, lenses, questions, mitigations,
  };

  // --- Rules -----------------------------------------------------------------------------------
  const rules: Rule[] = [];
  const ruleById = new Map<string, Rule>();
  const ruleSource = new Map<string, string>();
  for (const name of ruleFiles) {
    const result = validateRulesIn(files[name], name, partial, new Set());
    for (const e of result.errors) problems.push(e.message);
    for (const r of result.rules) {
      if (ruleById.has(r.id)) problems.push(`${name}: rule ${r.id} is also defined in ${ruleSource.get(r.id)}`);
      if (!/^TL\d{3}$/.test(r.id)) problems.push(`${name}: built-in rule id ${r.id} should look like TL001`);
      rules.push(r);
      ruleById.set(r.id, r);
      ruleSource.set(r.id, name);
    }
  }
  if (problems.length) fail();

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
      if (composed.size) result.push(...composed.values());
      else if (noneVia) result.push(link(id, undefined, ed, 'none', noneVia.note, true));
    }
    out.set(id, result);
  }
  return out;
}

/**
 * Resolves a threat reference as people write it: `LLM01` (the 2025 edition), `ASI03` (2026),
 * `LLM01:2026`, or a superseded `LLM02:2023`. Returns undefined for anything else.
 */
export function resolveOwaspRef(catalog: Catalog, ref: string): { qid: string; entry?: OwaspEntry; legacy?: LegacyOwaspEntry } | undefined {
  const m = /^(LLM|ASI)(\d{2})(?::(\d{4}))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const prefix = m[1].toUpperCase();
  const edition = m[3] ?? (prefix === 'LLM' ? '2025' : '2026');
  const qid = `${prefix}${m[2]}:${edition}`;
  const entry = catalog.owasp.get(qid);
  if (entry) return { qid, entry };
  const legacy = catalog.legacyOwasp.get(qid);
  if (legacy) return { qid, legacy };
  return undefined;
}
