/** Loads the built-in catalog from the data generated at build time, and resolves OWASP references. */
import { assembleCatalog } from './assemble';
import { CATALOG_DATA } from './generated';
import type { Catalog, LegacyOwaspEntry, OwaspEntry } from './types';

let memo: Catalog | undefined;

/**
 * The built-in catalog, assembled at first use from `generated.ts`: the catalog files as
 * scripts/gen-catalog.mjs parsed and validated them at build time (`parseCatalogFiles`), so no
 * YAML is parsed and no schema runs here. Throws `CatalogError` if the data do not fit together.
 */
export function loadBuiltinCatalog(): Catalog {
  memo ??= assembleCatalog(CATALOG_DATA);
  return memo;
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
