// `npm test`: type-check, lint, build, then every suite (unit, CLI, real VS Code), and one total
// line `N passed, N failed` for CI. Each suite writes its counts to .test-output/<suite>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
rmSync(`${OUT}/counts`, { recursive: true, force: true });
mkdirSync(`${OUT}/counts`, { recursive: true });

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let ok = true;
const suites = [];

ok = step('catalog', process.execPath, ['scripts/gen-catalog.mjs']) && ok;
ok = step('schema', npx, ['tsx', 'scripts/gen-schema.ts']) && ok;
if (want('static')) {
  ok = step('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']) && ok;
  ok = step('typecheck webview', npx, ['tsc', '--noEmit', '-p', 'webview/tsconfig.json']) && ok;
  ok = step('lint', npx, ['eslint', 'src', 'test', 'scripts', 'webview', 'bench']) && ok;
}
ok = step('build', process.execPath, ['scripts/build.mjs']) && ok;

if (want('unit')) {
  const counts = `${OUT}/counts/unit.json`;
  step('unit tests', npx, ['mocha', '--reporter', './scripts/count-reporter.cjs', '--reporter-option', `output=${counts}`]);
  suites.push({ name: 'unit', file: counts });
}
if (want('fuzz')) {
  // Seeded and bounded (test/fuzz/campaign.ts): at least 10,000 mutated real diagrams through every writer.
  rmSync(`${OUT}/fuzz-results.json`, { force: true });
  step('fuzz campaign', npx, ['tsx', 'test/fuzz/campaign.ts']);
  suites.push({ name: 'fuzz', file: `${OUT}/fuzz-results.json` });
}
if (want('vscode')) {
  step('real VS Code', process.execPath, ['scripts/vscode/setup.mjs']);
  step('real VS Code tests', process.execPath, ['scripts/vscode/run-tests.mjs']);
  suites.push({ name: 'vscode', file: `${OUT}/vscode-results.json` });
}

if (want('package')) {
  step('packaged extension (.vsix in real VS Code)', process.execPath, ['scripts/vscode/vsix-test.mjs']);
  suites.push({ name: 'vsix', file: `${OUT}/vsix-results.json` });
}

let passed = 0;
let failed = 0;
console.log('\n=== Summary');
for (const s of suites) {
  if (!existsSync(s.file)) {
    console.log(`${s.name}: no results (the suite did not run to the end)`);
    failed += 1;
    continue;
  }
  const data = JSON.parse(readFileSync(s.file, 'utf8'));
  const parts = data.suites ?? [data];
  for (const p of parts) {
    console.log(`${p.name ?? s.name}: ${p.passed} passed, ${p.failed} failed`);
    passed += p.passed;
    failed += p.failed;
    for (const f of p.failures ?? []) console.log(`  ✗ ${f.title}: ${f.error}`);
  }
}
if (!ok) console.log('A build, type-check or lint step failed (see above).');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = ok && failed === 0 ? 0 : 1;
