/** The catalog's data types: OWASP lists and editions, the crosswalk, ATLAS, STRIDE and lenses, mitigations, and `Catalog` itself. */
import type { ComponentKind } from '../model';
import type { Lens, Rule, StrideLetter } from '../rules/schema';
import type { MatchKind } from './schema';

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

export class CatalogError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The built-in Threatlens catalog is invalid (this is a Threatlens bug):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}
