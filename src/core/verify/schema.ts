/**
 * The schema of catalogs/verification.yaml and its cross-reference check. Like the other catalog
 * schemas it runs at build time (scripts/gen-catalog.mjs through `parseCatalogFiles`) and in the
 * tests, never at startup. Which tool names exist is checked against catalogs/reference/ by
 * test/unit/verificationCatalog.test.ts: the core has no file system to read them from.
 */
import { z } from 'zod';

/** garak selectors: a probe module (`promptinject`) or one class (`encoding.InjectBase64`). */
const garakName = z.string().regex(/^[a-z][a-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)?$/, 'expected a garak probe module or module.Class');
/** An ART attack as package.Class under `art.attacks` (`evasion.FastGradientMethod`). */
const artName = z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*\.[A-Z][A-Za-z0-9]*$/, 'expected an ART package.Class under art.attacks');

export const verificationFileSchema = z.strictObject({
  controls: z.array(z.strictObject({
    /** An id of catalogs/mitigations.yaml. */
    mitigation: z.string().min(2),
    /** How to see that the control works, in one line of our own words. */
    test: z.string().min(20).max(300).regex(/^[^\n\r]+$/, 'a test idea is one line'),
    garak: z.array(garakName).max(12).default([]),
    art: z.array(artName).max(6).default([]),
  })).min(1),
});
export type VerificationFileData = z.infer<typeof verificationFileSchema>;

/** Problems with ids that point nowhere, repeated entries and repeated names. */
export function checkVerificationRefs(data: VerificationFileData, mitigationIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  data.controls.forEach((c, i) => {
    const where = `verification.yaml: controls[${i}]`;
    if (!mitigationIds.has(c.mitigation)) problems.push(`${where}: unknown mitigation ${c.mitigation}`);
    if (seen.has(c.mitigation)) problems.push(`${where}: ${c.mitigation} is mapped twice`);
    seen.add(c.mitigation);
    for (const [tool, names] of [['garak', c.garak], ['art', c.art]] as const) {
      if (new Set(names).size !== names.length) problems.push(`${where}: ${tool} lists a name twice`);
    }
  });
  return problems;
}
