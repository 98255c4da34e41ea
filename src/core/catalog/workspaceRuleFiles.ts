/** Validation of workspace rule files against the built-in catalog (apart from ruleFiles.ts, which fromFiles.ts imports without the built-in catalog, so that generating the catalog needs no generated data). */
import { loadBuiltinCatalog } from './build';
import { mkError, validateRulesIn, type RuleFileResult } from './ruleFiles';
import type { Catalog } from './types';

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
