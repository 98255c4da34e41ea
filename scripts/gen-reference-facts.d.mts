/** Types for scripts/gen-reference-facts.mjs, imported by the catalog accuracy test. */
export function extractFacts(read: (name: string) => unknown): unknown;
