// Writes catalogs/reference/art-attacks.json: the attack classes the Adversarial Robustness
// Toolbox exports from art/attacks/{evasion,poisoning,extraction,inference} (names only, taken
// from the packages' __init__.py imports, which are what a user can import).
// Usage: node scripts/gen-art-reference.mjs <path to an ART git checkout or bare repository> [commit]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [repo, commit = 'HEAD'] = process.argv.slice(2);
if (!repo) throw new Error('usage: node scripts/gen-art-reference.mjs <ART repo> [commit]');
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const sha = git('rev-parse', commit).trim();
const inits = git('ls-tree', '-r', '--name-only', sha, 'art/attacks/')
  .split('\n')
  .filter((f) => /^art\/attacks\/(evasion|poisoning|extraction|inference)(\/[a-z_]+)*\/__init__\.py$/.test(f));
const attacks = new Set();
for (const f of inits) {
  // `inference.membership_inference`: the package a user imports the class from.
  const pkg = f.slice('art/attacks/'.length, -'/__init__.py'.length).replace(/\//g, '.');
  for (const m of git('show', `${sha}:${f}`).matchAll(/^\s*from art\.attacks\.[\w.]+ import (?:\(([^)]*)\)|([A-Za-z_][\w, ]*)$)/gm)) {
    for (const name of (m[1] ?? m[2]).split(',').map((s) => s.trim())) {
      // Lower-case imports are sub-packages (`from art.attacks.inference import model_inversion`).
      if (/^[A-Z]/.test(name)) attacks.add(`${pkg}.${name}`);
    }
  }
}
const out = {
  source: 'https://github.com/Trusted-AI/adversarial-robustness-toolbox',
  commit: sha,
  licence: 'MIT',
  note: 'Attack classes (package.Class, under art.attacks) exported by the evasion, poisoning, extraction and inference packages at this commit.',
  attacks: [...attacks].sort(),
};
writeFileSync('catalogs/reference/art-attacks.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`${attacks.size} attacks from ${inits.length} packages at ${sha}`);
