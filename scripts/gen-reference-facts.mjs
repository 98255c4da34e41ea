// Extracts the facts (ids, names, URLs, tactic links, version) from the official reference data
// in ../shared/reference into test/reference-facts.json, so the catalog accuracy test can run on
// machines without that folder. No descriptions are copied: facts only. A test checks that this
// snapshot still equals the official data wherever the official data is present.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const dir = process.env.THREATLENS_REFERENCE_DIR ?? path.resolve('..', 'shared', 'reference');
export function extractFacts(read) {
  const out = {};
  for (const name of ['owasp-llm-2023.yaml', 'owasp-llm-2025.yaml', 'owasp-llm-2026.yaml', 'owasp-agentic-2026.yaml']) {
    const d = read(name);
    out[name] = { ...(d.edition !== undefined ? { edition: d.edition } : {}), ...(d.source ? { source: d.source } : {}), entries: d.entries.map((e) => ({ id: e.id, name: e.name, ...(e.url ? { url: e.url } : {}) })) };
  }
  const atlas = read('ATLAS.yaml');
  const m = atlas.matrices[0];
  out['ATLAS.yaml'] = {
    version: atlas.version,
    matrices: [{
      tactics: m.tactics.map((t) => ({ id: t.id, name: t.name })),
      techniques: m.techniques.map((t) => ({ id: t.id, name: t.name, ...(t.tactics ? { tactics: t.tactics } : {}), ...(t['subtechnique-of'] ? { 'subtechnique-of': t['subtechnique-of'] } : {}) })),
      mitigations: m.mitigations.map((x) => ({ id: x.id, name: x.name })),
    }],
  };
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('scripts/gen-reference-facts.mjs')) {
  const facts = extractFacts((name) => parse(readFileSync(path.join(dir, name), 'utf8'), { maxAliasCount: -1 }));
  writeFileSync('test/reference-facts.json', `${JSON.stringify(facts, null, 1)}\n`);
  console.log(`wrote test/reference-facts.json from ${dir}`);
}
