// The packaged extension, tested as a user gets it: `vsce package` (production bundle, .vscodeignore allow-list),
// the .vsix contents and manifest checked, then `code-server --install-extension` into a throw-away extensions folder
// and a real VS Code 1.139 started on the examples WITHOUT extensionDevelopmentPath: the installed copy must activate,
// put diagnostics on an example and answer its commands. Restores the development build at the end.
// Usage: node scripts/vscode/vsix-test.mjs [--keep]. Prints `vsix: N passed, N failed` and the .vsix size; writes
// .test-output/vsix-results.json ({ suites: [{ name, passed, failed, failures }] , vsixBytes }) and a screenshot.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';
import { codeServerPaths, isInstalled, launchBrowser, startCodeServer, waitForWorkbench } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outputDir = path.join(root, '.test-output');
const keep = process.argv.includes('--keep');
const TIMEOUT = 60_000;
const started = Date.now();
const say = (msg) => console.log(`[vsix ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Entries of a zip file (central directory), with a reader for each; enough for a .vsix. */
function readZip(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Environment for code-server's CLI: never a CLI of the VS Code this may run in (see server.mjs). */
function cliEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VSCODE_') && !k.startsWith('ELECTRON_') && !k.startsWith('npm_') && k !== 'NODE_OPTIONS') env[k] = v;
  return env;
}

const results = { name: 'vsix', passed: 0, failed: 0, failures: [] };
async function check(title, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.passed++;
    say(`  ✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (err) {
    results.failed++;
    results.failures.push({ title, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    say(`  ✘ ${title}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const temp = await mkdtemp(path.join(os.tmpdir(), 'threatlens-vsix-'));
const vsix = path.join(temp, `${pkg.name}-${pkg.version}.vsix`);
let vsixBytes = 0;
let entries = new Map();
let server;
let browser;
try {
  await check('vsce package builds the .vsix (production bundle)', () => {
    // vsce runs the `vscode:prepublish` script (node scripts/build.mjs --production) first.
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root, encoding: 'utf8', env: cliEnv() });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    vsixBytes = statSync(vsix).size;
    entries = readZip(vsix);
    say(`packaged ${path.basename(vsix)}: ${vsixBytes} bytes (${(vsixBytes / 1024 / 1024).toFixed(2)} MiB), ${entries.size} entries`);
  });

  await check('the .vsix holds the bundle, manifest, README, CHANGELOG, LICENSE and icon, and nothing else', () => {
    const names = [...entries.keys()];
    // vsce stores the README and CHANGELOG as readme.md and changelog.md, the licence as LICENSE.txt.
    for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/readme.md', 'extension/changelog.md', 'extension/media/icon.png',
      'extension/syntaxes/mermaid.tmLanguage.json', 'extension/language-configuration.json', 'extension/schemas/threatlens.schema.json', 'extension/examples/rag-support-bot.mmd',
      'extension/dist/webview/walkthrough.js', 'extension.vsixmanifest']) {
      assert.ok(names.includes(f), `missing ${f}`);
    }
    assert.ok(names.some((n) => /^extension\/LICENSE(\.txt)?$/.test(n)), 'missing LICENSE');
    const forbidden = names.filter((n) => /(^|\/)node_modules\/|^extension\/(src|test|scripts|webview|out|catalogs|bench|\.ci|\.test-output)\/|\.map$|\.ts$|\.tsbuildinfo$|^extension\/(tsconfig|eslint\.config|\.vscode-test)|\.vsix$/.test(n));
    assert.deepEqual(forbidden, []);
    const js = entries.get('extension/dist/extension.js')().toString('utf8');
    assert.ok(!js.includes('sourceMappingURL'), 'no source map reference');
    // Minified: esbuild puts the prologue and helpers on one long first line (the embedded catalog texts keep their newlines).
    assert.ok(js.split('\n')[0].length > 1000, 'the bundle is minified');
  });

  await check('the packaged manifest is complete', () => {
    const m = JSON.parse(entries.get('extension/package.json')().toString('utf8'));
    assert.equal(m.icon, 'media/icon.png');
    assert.ok(m.galleryBanner?.color && m.galleryBanner?.theme);
    assert.equal(m.repository?.type, 'git');
    assert.match(m.repository?.url ?? '', /^https:\/\//);
    assert.equal(m.license, 'MIT');
    assert.ok(m.categories?.length && m.keywords?.length);
    assert.ok(m.homepage && m.bugs?.url);
    assert.deepEqual(m.dependencies ?? {}, {}, 'everything is bundled');
    const png = entries.get('extension/media/icon.png')();
    assert.equal(png.readUInt32BE(16), 128, 'icon width');
    assert.equal(png.readUInt32BE(20), 128, 'icon height');
  });

  assert.ok(isInstalled(), `code-server is not installed in ${codeServerPaths().dir}: run node scripts/vscode/setup.mjs`);
  const extensionsDir = path.join(temp, 'extensions');
  await check('code-server --install-extension installs it', () => {
    const p = codeServerPaths();
    const r = spawnSync(p.node, [p.entry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(temp, 'cli-user-data'), '--install-extension', vsix],
      { encoding: 'utf8', env: { ...cliEnv(), XDG_CONFIG_HOME: path.join(temp, 'xdg-config'), XDG_DATA_HOME: path.join(temp, 'xdg-data'), PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH ?? ''}` }, timeout: 120_000 });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const installed = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    assert.ok(existsSync(path.join(installed, 'dist', 'extension.js')), `${r.stdout}\nnot installed in ${installed}`);
    assert.ok(!existsSync(path.join(installed, 'src')) && !existsSync(path.join(installed, 'node_modules')));
  });

  await check('the installed extension activates in VS Code and puts diagnostics on an example', async () => {
    const workspace = path.join(temp, 'workspace');
    await mkdir(workspace, { recursive: true });
    await cp(path.join(root, 'examples'), path.join(workspace, 'examples'), { recursive: true });
    server = await startCodeServer({ workspace, extensionsDir, keepTemp: keep });
    const launched = await launchBrowser();
    browser = launched.browser;
    const page = launched.page;
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
    // Open the example through Quick Open.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill('rag-support-bot.mmd');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'rag-support-bot.mmd' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: TIMEOUT });
    // The extension's status bar item, and the Problems count in the status bar.
    await page.locator('.statusbar-item', { hasText: /\d+ (critical|high|medium|low)/ }).first().waitFor({ timeout: TIMEOUT });
    const problems = page.locator('.statusbar-item[id="status.problems"]').first();
    const label = (await problems.getAttribute('aria-label')) ?? (await problems.innerText());
    assert.match(label, /[1-9]\d* Warnings?|Warnings?: [1-9]/i, `problems status: ${label}`);
    // A command the installed extension contributes runs: the Threats view lists the examples.
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill('>Threatlens: Show Threats View');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Threatlens: Show Threats View' }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    const view = page.locator('[id="workbench.view.extension.threatlens"]');
    await view.locator('.monaco-list-row', { hasText: 'rag-support-bot.mmd' }).first().waitFor({ timeout: TIMEOUT });
    await mkdir(path.join(outputDir, 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(outputDir, 'screenshots', 'vsix-installed.png') });
  });
} catch (err) {
  results.failed++;
  results.failures.push({ title: 'vsix run', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
} finally {
  if (browser) await browser.close().catch(() => undefined);
  if (server) await server.stop().catch(() => undefined);
  if (!keep) await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  // Put the development build (source maps, readable stack traces) back for the other suites.
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  } catch {
    console.error('[vsix] could not restore the development build: run `npm run build`');
  }
}

await mkdir(outputDir, { recursive: true });
await writeFile(path.join(outputDir, 'vsix-results.json'), `${JSON.stringify({ suites: [results], vsixBytes }, null, 2)}\n`);
for (const f of results.failures) console.log(`\n✘ vsix › ${f.title}\n${f.error}`);
console.log(`\n.vsix size: ${vsixBytes} bytes (${(vsixBytes / 1024 / 1024).toFixed(2)} MiB)`);
console.log(`vsix: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
