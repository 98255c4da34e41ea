// Runs the tests that need a real VS Code 1.139 (code-server + Debian chromium; see scripts/vscode/README.md):
//   1. extension-host suites: test/vscode/suite/**/*.test.ts (mocha tdd), bundled to out/test/vscode/;
//   2. browser UI tests: test/ui/*.ui.mjs, each `export default async ({ page, url, workspace, screenshot }) => {}`.
// Prerequisites: `node scripts/vscode/setup.mjs` once, and `npm run build` (dist/extension.js).
// Usage: node scripts/vscode/run-tests.mjs [--compile-only] [--only=host|ui] [--grep=<regexp>] [--keep]
// Output: one line per suite (`vscode-extension-host: N passed, N failed`, `vscode-ui: ...`),
// .test-output/vscode-results.json, .test-output/screenshots/*.png, .test-output/vscode-*.log. Exit 1 on failure.
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { codeServerPaths, isInstalled, launchBrowser, startCodeServer } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'out', 'test', 'vscode');
const outputDir = path.join(root, '.test-output');
const screenshotDir = path.join(outputDir, 'screenshots');
const RESULT_FILE_NAME = '.threatlens-test-result.json'; // same name as in test/vscode/index.ts

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
const compileOnly = args.includes('--compile-only');
const keep = args.includes('--keep');
const only = flag('only');
const grep = flag('grep');
const HOST_TIMEOUT_MS = Number(process.env.THREATLENS_VSCODE_TIMEOUT_MS ?? 10 * 60_000);
const UI_TEST_TIMEOUT_MS = Number(process.env.THREATLENS_UI_TIMEOUT_MS ?? 3 * 60_000);

const started = Date.now();
const say = (msg) => console.log(`[vscode-tests ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const errorText = (err) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

/** Things to stop on exit or Ctrl-C (servers, browsers). */
const cleanups = new Set();
async function cleanupAll() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await fn().catch(() => undefined);
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`[vscode-tests] ${sig}: stopping`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Bundle test/vscode/index.ts and each suite file (mocha and test code inlined, `vscode` external). */
async function compile() {
  const suites = listFiles(path.join(root, 'test', 'vscode', 'suite'), '.test.ts');
  await rm(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'vscode', 'index.ts'), ...suites],
    outbase: path.join(root, 'test', 'vscode'),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at runtime.
    logOverride: { 'require-resolve-not-external': 'silent', 'empty-import-meta': 'silent' },
  });
  say(`compiled ${suites.length} suite file(s) to ${path.relative(root, outDir)}`);
}

/** A fresh workspace: examples/ -> <ws>/examples, test/vscode/fixtures/ -> <ws>/fixtures. */
async function makeWorkspace(tag) {
  const base = await mkdtemp(path.join(os.tmpdir(), `threatlens-${tag}-`));
  const workspace = path.join(base, 'workspace');
  await mkdir(workspace, { recursive: true });
  for (const [from, to] of [
    ['examples', 'examples'],
    [path.join('test', 'vscode', 'fixtures'), 'fixtures'],
  ]) {
    if (existsSync(path.join(root, from))) await cp(path.join(root, from), path.join(workspace, to), { recursive: true });
  }
  if (!keep) cleanups.add(() => rm(base, { recursive: true, force: true }));
  return workspace;
}

async function saveLog(server, name) {
  await copyFile(server.logPath, path.join(outputDir, name)).catch(() => undefined);
}

async function runHostSuites() {
  const name = 'vscode-extension-host';
  const workspace = await makeWorkspace('host');
  const resultFile = path.join(path.dirname(workspace), 'result.json');
  const candidates = [resultFile, path.join(workspace, RESULT_FILE_NAME)];
  const env = { THREATLENS_TEST_RESULT: resultFile, ...(grep ? { THREATLENS_TEST_GREP: grep } : {}) };
  say(`starting code-server for the extension-host suites (workspace ${workspace})`);
  const server = await startCodeServer({
    workspace,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    env,
    keepTemp: keep,
  });
  const stopServer = () => server.stop();
  cleanups.add(stopServer);
  const consoleLines = [];
  let browser;
  try {
    say(`code-server up on port ${server.port}; opening the workbench with the test payload`);
    const launched = await launchBrowser();
    browser = launched.browser;
    launched.page.on('console', (msg) => consoleLines.push(`[${msg.type()}] ${msg.text()}`));
    launched.page.on('pageerror', (err) => consoleLines.push(`[pageerror] ${err.message}`));
    await launched.page.goto(server.payloadUrl, { waitUntil: 'domcontentloaded' });

    const deadline = Date.now() + HOST_TIMEOUT_MS;
    for (;;) {
      const found = candidates.find((f) => existsSync(f));
      if (found) {
        const result = JSON.parse(await readFile(found, 'utf8'));
        say(`extension host finished in VS Code ${result.vscodeVersion}`);
        if (result.passed + result.failed === 0) {
          return { name, passed: 0, failed: 1, failures: [{ title: 'extension host run', error: 'no tests ran' }] };
        }
        return { name, passed: result.passed, failed: result.failed, failures: result.failures };
      }
      if (server.exited()) throw new Error(`code-server exited before the tests reported.\n${server.logTail()}`);
      if (Date.now() > deadline) {
        throw new Error(
          `no result after ${HOST_TIMEOUT_MS / 1000}s (expected ${candidates.join(' or ')}); ` +
            'the extension host did not load or finish the tests.\n--- server log tail ---\n' +
            `${server.logTail()}\n--- browser console tail ---\n${consoleLines.slice(-30).join('\n')}`,
        );
      }
      await sleep(500);
    }
  } catch (err) {
    return { name, passed: 0, failed: 1, failures: [{ title: 'extension host run', error: errorText(err) }] };
  } finally {
    await writeFile(path.join(outputDir, 'vscode-extension-host-console.log'), `${consoleLines.join('\n')}\n`);
    await saveLog(server, 'vscode-extension-host-server.log');
    if (browser) await browser.close().catch(() => undefined);
    cleanups.delete(stopServer);
    await server.stop();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runUiTests() {
  const name = 'vscode-ui';
  const files = listFiles(path.join(root, 'test', 'ui'), '.ui.mjs').filter((f) => !grep || new RegExp(grep).test(f));
  const suite = { name, passed: 0, failed: 0, failures: [] };
  if (files.length === 0) return suite;
  const workspace = await makeWorkspace('ui');
  say(`starting code-server for ${files.length} UI test file(s) (workspace ${workspace})`);
  const server = await startCodeServer({ workspace, extensionDevelopmentPath: root, keepTemp: keep });
  const stopServer = () => server.stop();
  cleanups.add(stopServer);
  const consoleLines = [];
  try {
    for (const file of files) {
      const title = path.relative(root, file);
      const base = path.basename(file, '.ui.mjs');
      const { browser, page } = await launchBrowser();
      page.on('console', (msg) => consoleLines.push(`[${base}] [${msg.type()}] ${msg.text()}`));
      page.on('pageerror', (err) => consoleLines.push(`[${base}] [pageerror] ${err.message}`));
      const screenshot = async (shot) => {
        const target = path.join(screenshotDir, shot.endsWith('.png') ? shot : `${shot}.png`);
        await page.screenshot({ path: target });
        return target;
      };
      const t0 = Date.now();
      try {
        const mod = await import(pathToFileURL(file).href);
        const fn = typeof mod.default === 'function' ? mod.default : Object.values(mod).find((v) => typeof v === 'function');
        if (!fn) throw new Error(`${title} exports no function`);
        await withTimeout(fn({ page, url: server.payloadUrl, workspace, screenshot }), UI_TEST_TIMEOUT_MS, title);
        suite.passed++;
        say(`  ✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      } catch (err) {
        suite.failed++;
        suite.failures.push({ title, error: errorText(err) });
        say(`  ✘ ${title}: ${err instanceof Error ? err.message : String(err)}`);
        await screenshot(`${base}-failure`).catch(() => undefined);
      } finally {
        await browser.close().catch(() => undefined);
      }
    }
    if (server.exited()) say(`warning: code-server exited during the UI tests\n${server.logTail()}`);
  } catch (err) {
    suite.failed++;
    suite.failures.push({ title: 'UI test run', error: errorText(err) });
  } finally {
    await writeFile(path.join(outputDir, 'vscode-ui-console.log'), `${consoleLines.join('\n')}\n`);
    await saveLog(server, 'vscode-ui-server.log');
    cleanups.delete(stopServer);
    await server.stop();
  }
  return suite;
}

async function main() {
  await compile();
  if (compileOnly) return 0;
  if (!existsSync(path.join(root, 'dist', 'extension.js'))) {
    console.error('[vscode-tests] dist/extension.js is missing: run `npm run build` first.');
    return 1;
  }
  if (!isInstalled()) {
    console.error(`[vscode-tests] code-server is not installed in ${codeServerPaths().dir}: run \`node scripts/vscode/setup.mjs\`.`);
    return 1;
  }
  await mkdir(screenshotDir, { recursive: true });
  for (const f of listFiles(screenshotDir, '.png')) await rm(f, { force: true });

  const suites = [];
  if (only !== 'ui') suites.push(await runHostSuites());
  if (only !== 'host') suites.push(await runUiTests());

  await writeFile(path.join(outputDir, 'vscode-results.json'), `${JSON.stringify({ suites }, null, 2)}\n`);
  for (const s of suites) {
    for (const f of s.failures) console.log(`\n✘ ${s.name} › ${f.title}\n${f.error}`);
  }
  console.log('');
  for (const s of suites) console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed`);
  say(`done; summary in ${path.relative(root, path.join(outputDir, 'vscode-results.json'))}`);
  return suites.some((s) => s.failed > 0) ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`[vscode-tests] ${errorText(err)}`);
} finally {
  await cleanupAll();
}
process.exit(code);
