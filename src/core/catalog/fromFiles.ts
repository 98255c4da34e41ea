/**
 * Reads the catalog files' texts: YAML parsing, schema validation (zod) and every cross-reference
 * check, with the file and field of each problem. Runs at build time (scripts/gen-catalog.mjs
 * writes its result into `generated.ts`, so an invalid catalog fails the build) and in the unit
 * tests; the extension and the CLI only assemble the generated data (`loadBuiltinCatalog`).
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Rule } from '../rules/schema';
import { assembleCatalog, assembleReferences, OTHER_FILES, OWASP_FILES, withRules } from './assemble';
import type { CatalogData } from './data';
import { validateRulesIn } from './ruleFiles';
import {
  atlasFileSchema, crosswalkFileSchema, mitigationsFileSchema, owaspFileSchema, questionsFileSchema,
  strideFileSchema, type OwaspFileData,
} from './schema';
import { CatalogError, type Catalog } from './types';
import { describeIssue } from './zodIssues';
import { checkVerificationRefs, verificationFileSchema } from '../verify/schema';
import { checkGovernanceRefs, governanceFileSchema } from '../governance/schema';

/**
 * Parses and validates raw file texts keyed by path relative to `catalogs/` (`atlas.yaml`,
 * `rules/monitoring.yaml`). Throws `CatalogError` listing every problem.
 */
export function parseCatalogFiles(files: Readonly<Record<string, string>>): CatalogData {
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

  const owasp: Record<string, OwaspFileData> = {};
  for (const name of Object.keys(OWASP_FILES)) {
    const data = load(name, owaspFileSchema);
    if (data) owasp[name] = data;
  }
  const crosswalk = load('owasp-crosswalk.yaml', crosswalkFileSchema);
  const atlas = load('atlas.yaml', atlasFileSchema);
  const stride = load('stride.yaml', strideFileSchema);
  const questions = load('questions.yaml', questionsFileSchema);
  const mitigations = load('mitigations.yaml', mitigationsFileSchema);
  const verification = load('verification.yaml', verificationFileSchema);
  const governance = load('governance.yaml', governanceFileSchema);
  if (problems.length) fail();
  // All loaded (the checks above guarantee it); narrow the types.
  if (!crosswalk || !atlas || !stride || !questions || !mitigations || !verification || !governance) return fail();

  const references = { owasp, crosswalk, atlas, stride, questions, mitigations };
  const partial = assembleReferences(references, problems);
  if (problems.length) fail();

  const rules: Record<string, Rule[]> = {};
  for (const name of Object.keys(files).filter((n) => n.startsWith('rules/')).sort()) {
    const result = validateRulesIn(files[name], name, partial, new Set());
    for (const e of result.errors) problems.push(e.message);
    rules[name] = result.rules;
  }
  withRules(partial, rules, problems);
  problems.push(...checkVerificationRefs(verification, new Set(partial.mitigations.keys())));
  problems.push(...checkGovernanceRefs(governance, new Set(Object.values(rules).flat().map((r) => r.id))));
  if (problems.length) fail();
  return { ...references, rules, verification, governance };
}

/** The catalog from raw file texts, fully validated (see `parseCatalogFiles`). For tests and tools. */
export function buildCatalog(files: Readonly<Record<string, string>>): Catalog {
  return assembleCatalog(parseCatalogFiles(files));
}
