/**
 * The built-in knowledge: OWASP lists and their crosswalk, the ATLAS subset we cite, STRIDE for
 * AI with the three lenses, workshop questions, concrete controls and the built-in rules.
 *
 * The YAML texts come from `generated.ts` (written by scripts/gen-catalog.mjs), so these modules
 * never touch the file system. They are parsed and validated once, at first use; invalid
 * built-in data throws a `CatalogError` (a bug of ours, caught by the unit tests).
 *
 * Workspace rule files go through `validateRuleFile`, which never throws and reports each
 * problem with the file name and the field path (`rules[3].likelihood: expected number`).
 *
 * This module only re-exports the public API: the data types are in `types.ts`, building and
 * OWASP references in `build.ts`, rule-file checks in `ruleFiles.ts` (with `zodIssues.ts` and
 * `yamlSpans.ts`) and the workspace entry point in `workspaceRuleFiles.ts`.
 */
export type {
  Atlas, AtlasMitigation, AtlasTactic, AtlasTechnique, Catalog, Crosswalk, CrosswalkLink, LegacyOwaspEntry,
  LensInfo, Mitigation, OwaspEdition, OwaspEntry, OwaspList, StrideCategory,
} from './types';
export { CatalogError } from './types';
export { buildCatalog, loadBuiltinCatalog, resolveOwaspRef } from './build';
export { RULE_FILE_LIMITS, type RuleFileError, type RuleFileResult } from './ruleFiles';
export { validateRuleFile } from './workspaceRuleFiles';
