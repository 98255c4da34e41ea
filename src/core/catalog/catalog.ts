/**
 * The built-in knowledge: OWASP lists and their crosswalk, the ATLAS subset we cite, STRIDE for
 * AI with the three lenses, workshop questions, concrete controls and the built-in rules.
 *
 * The YAML texts come from `generated.ts` (written by scripts/gen-catalog.mjs), so this module
 * never touches the file system. They are parsed and validated once, at first use; invalid
 * built-in data throws a `CatalogError` (a bug of ours, caught by the unit tests).
 *
 * Workspace rule files go through `validateRuleFile`, which never throws and reports each
 * problem with the file name and the field path (`rules[3].likelihood: expected number`).
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { COMPONENT_KINDS, type ComponentKind, type Span } from '../model';
import {
  LENSES, STRIDE_LETTERS, matchSchema, ruleSchema,
  type Lens, type Rule, type StrideLetter,
} from '../rules/schema';
import { CATALOG_FILES } from './generated';
import { editDistance } from '../nearMatches';
import {
  atlasFileSchema, crosswalkFileSchema, mitigationsFileSchema, owaspFileSchema, questionsFileSchema,
  strideFileSchema, type MatchKind,
} from './schema';

// =============================================================================================
// Public types

export type OwaspList = 'llm' | 'agentic';

/** An entry of a current OWASP list (LLM 2025, LLM 2026, Agentic 2026). */
export interface OwaspEntry {
  /** Edition-qualified id, e.g. `LLM01:2025`, `ASI02:2026`. */
  qid: string;
  /** Short id, e.g. `LLM01`. */
  id: string;
  list: OwaspList;
  edition: number;
  /** Official name. */
  name: string;
  url: string;
  plain: string;
  security: string;
  stride: readonly StrideLetter[];
  /** Typical ATLAS technique ids. */
  atlas: readonly string[];
  /** Qualified ids of closely related entries in another list. */
  related: readonly string[];
}

/** An entry of a superseded edition (2023): recognised and mapped, never cited by rules. */
export interface LegacyOwaspEntry {
  qid: string;
  id: string;
  list: 'llm';
  edition: number;
  name: string;
}

export interface OwaspEdition {
  /** `llm:2025`, `llm:2026`, `agentic:2026`, `llm:2023`. */
  key: string;
  list: OwaspList;
  edition: number;
  title: string;
  /** Publication URL (current editions). */
  source?: string;
  /** False for superseded editions. */
  current: boolean;
  /** Qualified ids in list order. */
  ids: readonly string[];
}

/** A crosswalk link, oriented from the id it was looked up by. */
export interface CrosswalkLink {
  from: string;
  /** Counterpart qualified id; absent when `match` is `none`. */
  to?: string;
  toEdition: number;
  match: MatchKind;
  note?: string;
  /** True when composed from two links through a third edition (e.g. 2023 -> 2025 -> 2026). */
  derived: boolean;
}

export interface Crosswalk {
  /** The links as written in catalogs/owasp-crosswalk.yaml. */
  links: readonly CrosswalkLink[];
  /** For every known qualified id: its links to the other LLM editions, oriented from it. */
  byId: ReadonlyMap<string, readonly CrosswalkLink[]>;
}

export interface AtlasTactic {
  id: string;
  name: string;
  url: string;
  summary: string;
}

export interface AtlasTechnique {
  id: string;
  /** Official name; sub-techniques have short names (`Indirect`). */
  name: string;
  /** `LLM Prompt Injection: Indirect` for sub-techniques, else the name. */
  displayName: string;
  url: string;
  tactics: readonly string[];
  summary: string;
  /** Parent technique id for a sub-technique. */
  parent?: string;
}

export interface AtlasMitigation {
  id: string;
  name: string;
  url: string;
  summary: string;
}

export interface Atlas {
  version: string;
  tactics: ReadonlyMap<string, AtlasTactic>;
  techniques: ReadonlyMap<string, AtlasTechnique>;
  mitigations: ReadonlyMap<string, AtlasMitigation>;
}

export interface StrideCategory {
  letter: StrideLetter;
  name: string;
  plain: string;
  security: string;
  examples: readonly string[];
  appliesTo: readonly ComponentKind[];
}

export interface LensInfo {
  id: Lens;
  name: string;
  plain: string;
  security: string;
  appliesTo: readonly ComponentKind[];
  questions: readonly string[];
}

export interface Mitigation {
  id: string;
  name: string;
  /** Short text a quick fix writes as `with "<stub>"`. */
  stub: string;
  plain: string;
  security: string;
  /** Qualified OWASP ids. */
  threats: readonly string[];
  /** ATLAS mitigation ids. */
  atlas: readonly string[];
}

export interface Catalog {
  /** Current OWASP entries (LLM 2025, LLM 2026, Agentic 2026) by qualified id. */
  owasp: ReadonlyMap<string, OwaspEntry>;
  /** Superseded entries (LLM 2023) by qualified id. */
  legacyOwasp: ReadonlyMap<string, LegacyOwaspEntry>;
  /** All editions, current first. */
  editions: readonly OwaspEdition[];
  /** Agentic 2026 entries in list order (also in `owasp`). */
  agentic: readonly OwaspEntry[];
  crosswalk: Crosswalk;
  atlas: Atlas;
  stride: ReadonlyMap<StrideLetter, StrideCategory>;
  lenses: ReadonlyMap<Lens, LensInfo>;
  /** Workshop questions per component kind (every kind but `unknown`). */
  questions: ReadonlyMap<ComponentKind, readonly string[]>;
  mitigations: ReadonlyMap<string, Mitigation>;
  /** Built-in rules, in file order. */
  rules: readonly Rule[];
  ruleById: ReadonlyMap<string, Rule>;
  /** Catalog file (relative to `catalogs/`) that defines each built-in rule. */
  ruleSource: ReadonlyMap<string, string>;
}

export interface RuleFileError {
  file: string;
  /** Field path such as `rules[3].likelihood`; empty for whole-file problems. */
  path: string;
  /** What is wrong, without file and path. */
  detail: string;
  /** `file: path: detail`, ready to show. */
  message: string;
  /** Where in the text, when known. */
  span?: Span;
  /** Near matches for unknown ids. */
  suggestions?: string[];
}

export interface RuleFileResult {
  /** The rules that passed every check (a bad rule does not discard its good neighbours). */
  rules: Rule[];
  errors: RuleFileError[];
}

export class CatalogError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The built-in Threatlens catalog is invalid (this is a Threatlens bug):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

export const RULE_FILE_LIMITS = {
  /** Larger workspace rule files are refused unread. */
  maxBytes: 1_000_000,
  /** Deeper nesting is refused (rules never need more than a handful of levels). */
  maxDepth: 64,
  maxErrors: 200,
} as const;

// =============================================================================================
// Loading

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

// =============================================================================================
// Rule files

/**
 * Validates a workspace rule file (`.threatlens/rules/*.yaml`). Never throws: a malformed,
 * huge or deeply nested file yields errors. Unknown OWASP, ATLAS or mitigation ids are errors,
 * as are ids that clash with built-in rules.
 */
export function validateRuleFile(text: string, fileName: string, catalog: Catalog = loadBuiltinCatalog()): RuleFileResult {
  try {
    return validateRulesIn(text, fileName, catalog, new Set(catalog.ruleById.keys()));
  } catch (e) {
    // Defensive: nothing above should throw, but a rule file must never take the host down.
    const detail = `could not be validated: ${e instanceof Error ? e.message : String(e)}`;
    return { rules: [], errors: [mkError(fileName, '', detail)] };
  }
}

type CatalogRefs = Pick<Catalog, 'owasp' | 'legacyOwasp' | 'crosswalk' | 'editions' | 'atlas' | 'mitigations'>;

function validateRulesIn(text: string, file: string, catalog: CatalogRefs, reservedIds: ReadonlySet<string>): RuleFileResult {
  const errors: RuleFileError[] = [];
  const rules: Rule[] = [];
  if (typeof text !== 'string') return { rules, errors: [mkError(file, '', 'expected the file text')] };
  const bytes = utf8Length(text);
  if (bytes > RULE_FILE_LIMITS.maxBytes) {
    return { rules, errors: [mkError(file, '', `file is too large (${(bytes / 1e6).toFixed(1)} MB; the limit is ${RULE_FILE_LIMITS.maxBytes / 1e6} MB)`)] };
  }
  const flowDepth = maxFlowDepth(text);
  if (flowDepth > RULE_FILE_LIMITS.maxDepth) {
    return { rules, errors: [mkError(file, '', `nesting is too deep (more than ${RULE_FILE_LIMITS.maxDepth} levels)`)] };
  }

  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 20)) {
      const at = ` at ${lineCol(text, e.pos[0])}`;
      const detail = `not valid YAML${at}: ${firstLine(e.message)}`;
      errors.push(mkError(file, '', detail, { start: e.pos[0], end: e.pos[1] }));
    }
    return { rules, errors };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { rules, errors: [mkError(file, '', `could not be read: ${firstLine(e instanceof Error ? e.message : String(e))}`)] };
  }
  if (depthExceeds(value, RULE_FILE_LIMITS.maxDepth)) {
    return { rules, errors: [mkError(file, '', `nesting is too deep (more than ${RULE_FILE_LIMITS.maxDepth} levels)`)] };
  }
  const spanAt = (path: readonly PropertyKey[], key = false) => spanFor(doc, path, key);

  if (value === null || value === undefined) {
    return { rules, errors: [mkError(file, '', 'the file is empty; expected a mapping with a `rules:` list')] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { rules, errors: [mkError(file, '', 'expected a mapping with a `rules:` list', spanAt([]))] };
  }
  const top = value as Record<string, unknown>;
  for (const k of Object.keys(top)) {
    if (k !== 'rules') errors.push(mkError(file, k, 'unknown field (a rule file has only `rules:`)', spanAt([k], true)));
  }
  if (!('rules' in top)) return { rules, errors: [...errors, mkError(file, 'rules', 'missing; expected a list of rules', spanAt([]))] };
  const list = top.rules;
  if (!Array.isArray(list)) return { rules, errors: [...errors, mkError(file, 'rules', `expected a list, received ${typeName(list)}`, spanAt(['rules']))] };
  if (list.length > 500) return { rules, errors: [...errors, mkError(file, 'rules', `too many rules (${list.length}; at most 500 per file)`, spanAt(['rules']))] };

  const seen = new Map<string, number>();
  list.forEach((raw, i) => {
    if (errors.length >= RULE_FILE_LIMITS.maxErrors) return;
    const base: PropertyKey[] = ['rules', i];
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const p of describeIssue(issue, base, raw)) {
          errors.push(mkError(file, p.path, p.detail, spanAt(p.segments, p.key)));
        }
      }
      return;
    }
    const rule = parsed.data;
    const before = errors.length;
    const err = (segments: PropertyKey[], detail: string, suggestions?: string[]) => {
      errors.push(mkError(file, formatPath([...base, ...segments]), detail, spanAt([...base, ...segments]), suggestions));
    };
    if (seen.has(rule.id)) err(['id'], `duplicate rule id ${rule.id} (also rules[${seen.get(rule.id)}])`);
    else if (reservedIds.has(rule.id)) err(['id'], `rule id ${rule.id} is taken by a built-in rule; pick your own prefix`);
    seen.set(rule.id, i);
    rule.owasp.forEach((ref, j) => {
      const problem = checkOwaspRef(ref, catalog);
      if (problem) err(['owasp', j], problem.detail, problem.suggestions);
    });
    rule.atlas.forEach((t, j) => {
      if (!catalog.atlas.techniques.has(t)) {
        err(['atlas', j], `unknown ATLAS technique ${t} (not in the Threatlens ATLAS catalog)`, nearest(t, [...catalog.atlas.techniques.keys()]));
      }
    });
    rule.mitigations.forEach((m, j) => {
      if (!catalog.mitigations.has(m)) err(['mitigations', j], `unknown mitigation ${m}`, nearest(m, [...catalog.mitigations.keys()]));
    });
    if (errors.length === before) rules.push(rule);
  });
  if (errors.length > RULE_FILE_LIMITS.maxErrors) errors.length = RULE_FILE_LIMITS.maxErrors;
  return { rules, errors };
}

function checkOwaspRef(ref: string, catalog: CatalogRefs): { detail: string; suggestions?: string[] } | undefined {
  if (catalog.owasp.has(ref)) return undefined;
  const legacy = catalog.legacyOwasp.get(ref);
  if (legacy) {
    const successors = (catalog.crosswalk.byId.get(ref) ?? [])
      .filter((l) => l.to !== undefined && catalog.owasp.has(l.to) && l.toEdition === 2025)
      .map((l) => l.to as string);
    const names = successors.map((s) => `${s} (${catalog.owasp.get(s)?.name})`).join(' or ');
    return {
      detail: `${ref} (${legacy.name}) is from the superseded ${legacy.edition} edition${names ? `; use ${names}` : ''}`,
      suggestions: successors,
    };
  }
  const [short, edition] = ref.split(':');
  const list = short.startsWith('ASI') ? 'agentic' : 'llm';
  const known = catalog.editions.filter((e) => e.list === list && e.current);
  if (!known.some((e) => String(e.edition) === edition)) {
    return { detail: `unknown OWASP ${list === 'llm' ? 'LLM' : 'Agentic'} edition ${edition} in ${ref} (known: ${known.map((e) => e.edition).join(', ')})` };
  }
  return { detail: `unknown OWASP id ${ref}`, suggestions: known.flatMap((e) => e.ids).filter((q) => q.endsWith(`:${edition}`)).slice(0, 10) };
}

// --- error formatting ---------------------------------------------------------------------------

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: IssueLike[][];
}

interface DescribedIssue {
  segments: PropertyKey[];
  path: string;
  detail: string;
  /** Point at the key rather than the value. */
  key: boolean;
}

/** Turns a zod issue into field-level messages; unions are resolved to the branch the input meant. */
function describeIssue(issue: IssueLike, base: PropertyKey[], input?: unknown): DescribedIssue[] {
  const segments = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((k) => {
      const s = [...segments, k];
      return { segments: s, path: formatPath(s), detail: 'unknown field', key: true };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const at = valueAt(input, issue.path);
    let branch: IssueLike[] | undefined;
    if (isMatchPath(issue.path) && at && typeof at === 'object' && !Array.isArray(at)) {
      const options = matchSchema.options.length;
      if ('component' in at && options > 0) branch = issue.errors[0];
      else if ('path' in at && options > 1) branch = issue.errors[1];
      else {
        return [{ segments, path: formatPath(segments), detail: 'expected `component:` or `path:` (with an optional `anchor:`)', key: false }];
      }
    } else {
      branch = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    }
    if (branch?.length) return branch.flatMap((sub) => describeIssue(sub, segments, at));
  }
  return [{ segments, path: formatPath(segments), detail: cleanMessage(issue.message), key: false }];
}

function isMatchPath(path: PropertyKey[]): boolean {
  return path.length === 1 && path[0] === 'match';
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

function mkError(file: string, path: string, detail: string, span?: Span, suggestions?: string[]): RuleFileError {
  const e: RuleFileError = { file, path, detail, message: path ? `${file}: ${path}: ${detail}` : `${file}: ${detail}` };
  if (span) e.span = span;
  if (suggestions?.length) e.suggestions = suggestions;
  return e;
}

/** 1-based `line L, column C` of an offset. */
function lineCol(text: string, offset: number): string {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${o - lineStart + 1}`;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

// --- positions ----------------------------------------------------------------------------------

/** Range of the node at `path` (of its key when `key`), or of the deepest existing ancestor. */
function spanFor(doc: Document, path: readonly PropertyKey[], key = false): Span | undefined {
  let node: unknown = doc.contents;
  let best: Span | undefined = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) return best;
      if (last && key) return rangeOf(pair.key) ?? best;
      node = pair.value;
      best = rangeOf(node) ?? rangeOf(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return best;
      best = rangeOf(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeOf(node: unknown): Span | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

// --- limits -------------------------------------------------------------------------------------

function utf8Length(text: string): number {
  // Cheap upper bound first; exact count only near the limit.
  if (text.length * 3 <= RULE_FILE_LIMITS.maxBytes) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** Deepest nesting of flow brackets, skipping quoted strings and comments (a guard before parsing). */
function maxFlowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n' && quote === '#') quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) quote = '#';
    else if (c === '[' || c === '{') { depth++; if (depth > max) max = depth; } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

/** Iterative, so that the check itself cannot overflow the stack. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (d > limit) return true;
    if (v && typeof v === 'object') {
      for (const child of Object.values(v as Record<string, unknown>)) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

// --- suggestions --------------------------------------------------------------------------------

function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(w.slice(0, 64), c.toLowerCase().slice(0, 64)) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(c.length / 3)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, max)
    .map(({ c }) => c);
}

