/**
 * The contents of the built-in catalog files once parsed and validated: plain JSON data, what each
 * file's schema outputs (defaults filled in). scripts/gen-catalog.mjs writes it into
 * `generated.ts` at build time, so that loading the catalog at startup parses no YAML and runs
 * no schema (`assemble.ts` only builds the maps).
 */
import type { Rule } from '../rules/schema';
import type { GovernanceFileData } from '../governance/schema';
import type { VerificationFileData } from '../verify/schema';
import type { AtlasFileData, CrosswalkFileData, MitigationsFileData, OwaspFileData, QuestionsFileData, StrideFileData } from './schema';

export interface CatalogData {
  /** The OWASP lists by file name (`owasp-llm-2025.yaml`, ...). */
  owasp: Record<string, OwaspFileData>;
  crosswalk: CrosswalkFileData;
  atlas: AtlasFileData;
  stride: StrideFileData;
  questions: QuestionsFileData;
  mitigations: MitigationsFileData;
  /** The built-in rules by file (`rules/prompt-injection.yaml`), each file's in file order. */
  rules: Record<string, Rule[]>;
  /** How to verify each control (catalogs/verification.yaml; read by src/core/verify/). */
  verification: VerificationFileData;
  /** Which obligations each rule bears on (catalogs/governance.yaml; read by src/core/governance/). */
  governance: GovernanceFileData;
}
