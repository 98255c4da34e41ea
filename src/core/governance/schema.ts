/**
 * The schema of catalogs/governance.yaml and its cross-reference check. Like the other catalog
 * schemas it runs at build time (scripts/gen-catalog.mjs through `parseCatalogFiles`) and in the
 * tests, never at startup. That ids and titles match the official texts is checked against
 * catalogs/reference/governance.json by test/unit/governanceCatalog.test.ts: the core has no
 * file system to read it from.
 */
import { z } from 'zod';

export const APPLIES = ['ai-system', 'personal-data'] as const;
export type Applies = (typeof APPLIES)[number];

const oneLine = (min: number, max: number) => z.string().min(min).max(max).regex(/^[^\n\r]+$/, 'one line');

export const governanceFileSchema = z.strictObject({
  instruments: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.strictObject({
    /** The short name reports use (`EU AI Act`). */
    name: oneLine(2, 40),
    applies: z.enum(APPLIES),
  })),
  obligations: z.array(z.strictObject({
    id: z.string().regex(/^[A-Z][A-Z0-9-]*$/),
    instrument: z.string(),
    /** `Article 15`, or a NIST AI RMF function name. */
    ref: oneLine(2, 40),
    /** The official title, exactly. */
    title: oneLine(2, 120),
  })).min(1),
  links: z.array(z.strictObject({
    obligation: z.string(),
    rules: z.array(z.string().regex(/^[A-Z]+\d{3,}$/)).min(1),
    /** Why these rules' findings bear on the obligation, in one line of our own words. */
    why: oneLine(20, 240),
  })).min(1),
});
export type GovernanceFileData = z.infer<typeof governanceFileSchema>;

/** Ids that point nowhere, repeats, and rules no link names. */
export function checkGovernanceRefs(data: GovernanceFileData, ruleIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const obligations = new Set<string>();
  data.obligations.forEach((o, i) => {
    const where = `governance.yaml: obligations[${i}]`;
    if (!Object.prototype.hasOwnProperty.call(data.instruments, o.instrument)) problems.push(`${where}: unknown instrument ${o.instrument}`);
    if (obligations.has(o.id)) problems.push(`${where}: ${o.id} is listed twice`);
    obligations.add(o.id);
  });
  const linked = new Set<string>();
  data.links.forEach((l, i) => {
    const where = `governance.yaml: links[${i}]`;
    if (!obligations.has(l.obligation)) problems.push(`${where}: unknown obligation ${l.obligation}`);
    if (new Set(l.rules).size !== l.rules.length) problems.push(`${where}: lists a rule twice`);
    for (const r of l.rules) {
      if (!ruleIds.has(r)) problems.push(`${where}: unknown rule ${r}`);
      linked.add(r);
    }
  });
  for (const r of [...ruleIds].sort()) if (!linked.has(r)) problems.push(`governance.yaml: rule ${r} bears on no obligation`);
  for (const o of obligations) if (!data.links.some((l) => l.obligation === o)) problems.push(`governance.yaml: obligation ${o} has no link`);
  return problems;
}
