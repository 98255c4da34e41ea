// Writes test/corpus/generalisation/split.json: which diagrams of the generalisation corpus are held out.
// The rule was fixed before any inference was tuned on the corpus and never changes: a diagram is held out
// when the first byte of sha256("threatlens-generalisation-split-v1:" + its path relative to the corpus
// folder) is below 103 (about 40%). A hash rather than a shuffle, so a diagram's side does not depend on
// which other diagrams exist. `--check` fails when split.json does not match the rule (CI runs it).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = 'test/corpus/generalisation';
const SALT = 'threatlens-generalisation-split-v1:';
const THRESHOLD = 103;

export function isHeldOut(rel) {
  return createHash('sha256').update(SALT + rel).digest()[0] < THRESHOLD;
}

const diagrams = readdirSync(ROOT, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.labels.yaml'))
  .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name.replace(/\.labels\.yaml$/, ''))))
  .map((stem) => {
    const dir = path.join(ROOT, path.dirname(stem));
    const base = path.basename(stem);
    const file = readdirSync(dir).find((f) => f.startsWith(`${base}.`) && !f.endsWith('.labels.yaml'));
    return path.join(path.dirname(stem), file ?? base).split(path.sep).join('/');
  })
  .sort();
const heldOut = diagrams.filter(isHeldOut);
const split = { rule: `sha256("${SALT}" + path)[0] < ${THRESHOLD}`, diagrams: diagrams.length, heldOut };
const out = path.join(ROOT, 'split.json');
const text = `${JSON.stringify(split, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error(`${out} does not match the split rule: run node scripts/corpus-split.mjs`);
    process.exit(1);
  }
  console.log(`${out}: ${heldOut.length} of ${diagrams.length} diagrams held out, as the rule says`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${heldOut.length} of ${diagrams.length} diagrams held out`);
}
