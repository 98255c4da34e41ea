import { visit, type Document } from 'yaml';
import type { Problem } from '../../model';

/**
 * The yaml package resolves each alias by scanning the anchors and aliases before it, so a file
 * of n aliases costs n² (100,000 of them took minutes). Real models use a handful; past this
 * many the file is refused before any alias is resolved.
 */
export const MAX_ALIAS_NODES = 2000;

/** A problem when `doc` holds more than MAX_ALIAS_NODES aliases (counted in one pass, stopping early). */
export function aliasCountProblem(doc: Document, text: string): Problem | undefined {
  // Every alias is written with a `*`: with few of them in the text, the tree walk is not needed.
  if (countUpTo(text, '*', MAX_ALIAS_NODES + 1) <= MAX_ALIAS_NODES) return undefined;
  let count = 0;
  visit(doc, {
    Alias: () => (++count > MAX_ALIAS_NODES ? visit.BREAK : undefined),
  });
  if (count <= MAX_ALIAS_NODES) return undefined;
  return {
    code: 'yaml/aliases',
    severity: 'error',
    span: { start: 0, end: Math.min(1, text.length) },
    message: `This file uses more than ${MAX_ALIAS_NODES} YAML aliases (*name); Threatlens reads files with fewer, so that resolving them stays fast.`,
  };
}

/** How often `ch` occurs in `text`, counting no further than `limit`. */
function countUpTo(text: string, ch: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf(ch); i >= 0 && count < limit; i = text.indexOf(ch, i + 1)) count++;
  return count;
}
