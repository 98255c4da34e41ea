// Writes catalogs/reference/garak-probes.json: the probe modules and probe classes of a garak
// checkout (names are facts taken from the project's repository; nothing else of it is copied).
// Usage: node scripts/gen-garak-reference.mjs <path to a garak git checkout or bare repository> [commit]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [repo, commit = 'HEAD'] = process.argv.slice(2);
if (!repo) throw new Error('usage: node scripts/gen-garak-reference.mjs <garak repo> [commit]');
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const sha = git('rev-parse', commit).trim();
const files = git('ls-tree', '--name-only', sha, 'garak/probes/').split('\n').filter((f) => /\/[a-z][\w]*\.py$/.test(f) && !/\/(base|_tier|test)\.py$/.test(f));
const modules = files.map((f) => f.slice('garak/probes/'.length, -3)).sort();
const probes = [];
for (const f of files) {
  const module = f.slice('garak/probes/'.length, -3);
  for (const m of git('show', `${sha}:${f}`).matchAll(/^class ([A-Za-z][A-Za-z0-9_]*)\(([^)]*)\)/gm)) {
    // Mixins, metaclasses and helpers are not probes a run can include.
    if (/(Mixin|Meta|Base|State)$/.test(m[1]) || /\bABC\b|Enum/.test(m[2])) continue;
    probes.push(`${module}.${m[1]}`);
  }
}
const out = {
  source: 'https://github.com/NVIDIA/garak',
  commit: sha,
  licence: 'Apache-2.0',
  note: 'Probe modules and probe classes (module.Class) of garak/probes at this commit. Classes a module builds at import time (promptinject, donotanswer) are only listed as modules.',
  modules,
  probes: probes.sort(),
};
writeFileSync('catalogs/reference/garak-probes.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`${probes.length} probes from ${modules.length} modules at ${sha}`);
