/**
 * The built-in knowledge: OWASP lists and their crosswalk, the ATLAS subset we cite, STRIDE for
 * AI with the three lenses, workshop questions, concrete controls and the built-in rules.
 *
 * scripts/gen-catalog.mjs parses and validates the catalog files at build time (`fromFiles.ts`:
 * YAML, schemas, cross-references; an invalid catalog fails the build) and writes the result into
 * `generated.ts` as plain data, so these modules never touch the file system and startup parses
 * no YAML: `loadBuiltinCatalog` only assembles the maps (`assemble.ts`), once, at first use.
 * Data that do not fit together throw a `CatalogError` (a bug of ours, caught by the unit tests).
 *
 * Workspace rule files go through `validateRuleFile`, which never throws and reports each
 * problem with the file name and the field path (`rules[3].likelihood: expected number`).
 *
 * This module only re-exports the public API: the data types are in `types.ts`, loading and
 * OWASP references in `build.ts`, rule-file checks in `ruleFiles.ts` (with `zodIssues.ts` and
 * `yamlSpans.ts`) and the workspace entry point in `workspaceRuleFiles.ts`. Building a catalog
 * from file texts (`buildCatalog`, `parseCatalogFiles`) is in `fromFiles.ts`, imported only by
 * the build and the tests, so that its schemas stay out of the extension's bundle.
 */
export type {
  Atlas, AtlasMitigation, AtlasTactic, AtlasTechnique, Catalog, Crosswalk, CrosswalkLink, LegacyOwaspEntry,
  LensInfo, Mitigation, OwaspEdition, OwaspEntry, OwaspList, StrideCategory,
} from './types';
export { CatalogError } from './types';
export { loadBuiltinCatalog, resolveOwaspRef } from './build';
export { RULE_FILE_LIMITS, type RuleFileError, type RuleFileResult } from './ruleFiles';
export { validateRuleFile } from './workspaceRuleFiles';
