// Desktop runner config for @vscode/test-cli (+ @vscode/test-electron), for a developer laptop or a public CI.
// It downloads VS Code, so it cannot run on the offline build machines: there, `node scripts/vscode/run-tests.mjs`
// runs the same suites inside code-server (scripts/vscode/README.md). Neither package is a dependency; to use it:
//   npm install --no-save @vscode/test-cli @vscode/test-electron
//   npm run build && node scripts/vscode/run-tests.mjs --compile-only && npx vscode-test
// test-cli runs mocha on the compiled suite files itself. With @vscode/test-electron's runTests() instead, pass
// extensionTestsPath: 'out/test/vscode/index.js' (the mocha entry that run-tests.mjs uses too).
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Same workspace layout as run-tests.mjs: a throw-away copy, so tests may edit files.
const workspace = path.join(mkdtempSync(path.join(os.tmpdir(), 'threatlens-desktop-')), 'workspace');
mkdirSync(workspace, { recursive: true });
for (const [from, to] of [
  ['examples', 'examples'],
  ['test/vscode/fixtures', 'fixtures'],
]) {
  if (existsSync(from)) cpSync(from, path.join(workspace, to), { recursive: true });
}

/** @type {import('@vscode/test-cli').TestConfiguration} */
export default {
  label: 'extension-host',
  files: 'out/test/vscode/suite/**/*.test.js',
  version: '1.139.1',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'tdd', timeout: 60_000 },
};
