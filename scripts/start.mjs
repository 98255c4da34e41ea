// `npm start`: the main job. Installs whatever is missing (npm packages, Debian packages, the headless VS Code),
// builds, and starts a real VS Code (code-server) with Threatlens loaded as a development extension.
//   npm start                     a fresh copy of examples/ (trying quick fixes never edits the repository's examples)
//   npm start -- path/to/repo     your own folder, as it is (relative paths are from where you ran npm)
//   npm start -- --smoke          start, wait until Threatlens has published diagnostics on a diagram, print the URL, stop
//   --port N (or PORT=N)          the port (default 8080; with --smoke a free one)
// THREATLENS_VSCODE_CACHE chooses the folder code-server is installed into (see scripts/vscode/README.md).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
const userCwd = process.env.INIT_CWD ?? process.cwd();
process.chdir(root);

const usage = 'usage: npm start [-- [folder] [--smoke] [--port N]]';
function fail(msg) {
  console.error(`threatlens start: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = { folder: undefined, smoke: process.env.THREATLENS_SMOKE === '1', port: process.env.PORT ? Number(process.env.PORT) : undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') o.smoke = true;
    else if (a === '--port') o.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) o.port = Number(a.slice(7));
    else if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (a.startsWith('-')) fail(`unknown option ${a}\n${usage}`);
    else if (o.folder) fail(`one folder only (got ${o.folder} and ${a})\n${usage}`);
    else o.folder = a;
  }
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port > 0 && o.port < 65536)) fail(`not a port: ${o.port}`);
  return o;
}

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) fail(`"${cmd} ${args.join(' ')}" failed${r.error ? `: ${r.error.message}` : ''}`);
}

/** node_modules matches package-lock.json (npm records what it installed in node_modules/.package-lock.json). */
function dependenciesInstalled() {
  const installed = 'node_modules/.package-lock.json';
  if (!existsSync(installed) || !existsSync('node_modules/.bin/esbuild')) return false;
  return statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
}

/** The folder to open: the user's (must exist), or a fresh copy of examples/. */
function workspaceFolder(folder) {
  if (folder) {
    const abs = path.resolve(userCwd, folder);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) fail(`not a folder: ${abs}`);
    return { dir: abs, copy: false };
  }
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'threatlens-examples-')), 'examples');
  cpSync('examples', dir, { recursive: true });
  return { dir, copy: true };
}

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

if (!dependenciesInstalled()) run('npm', ['ci', '--no-audit', '--no-fund']);
run(process.execPath, ['scripts/vscode/setup.mjs']);
run(process.execPath, ['scripts/build.mjs']);

const { launchBrowser, startCodeServer } = await import('./vscode/server.mjs');
const workspace = workspaceFolder(opts.folder);
const where = workspace.copy ? `a copy of examples/ at ${workspace.dir}` : workspace.dir;

if (opts.smoke) {
  const resultFile = path.join(os.tmpdir(), `threatlens-smoke-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  const server = await startCodeServer({
    workspace: workspace.dir,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'scripts', 'vscode', 'smoke-host.cjs'),
    env: { THREATLENS_SMOKE_RESULT: resultFile },
    ...(opts.port ? { port: opts.port } : {}),
  });
  let result;
  let browser;
  try {
    console.log(`\nsmoke: VS Code (code-server) is up at ${server.url} on ${where}; opening it in chromium`);
    ({ browser } = await launchBrowser().then(async (b) => {
      await b.page.goto(server.payloadUrl, { waitUntil: 'domcontentloaded' });
      return b;
    }));
    const deadline = Date.now() + 5 * 60_000;
    while (!existsSync(resultFile) && Date.now() < deadline && !server.exited()) await new Promise((r) => setTimeout(r, 250));
    result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : { ok: false, error: server.exited() ? 'code-server exited' : 'no answer from the extension host in 5 minutes' };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    rmSync(resultFile, { force: true });
    if (workspace.copy) rmSync(path.dirname(workspace.dir), { recursive: true, force: true });
  }
  if (!result.ok) fail(`smoke: ${result.error}\n${server.logTail(30)}`);
  console.log(`smoke: VS Code ${result.vscodeVersion} published ${result.diagnostics} Threatlens diagnostics on ${result.file} ` +
    `(first, line ${result.first.line}: ${result.first.message})`);
  console.log(`smoke: ok, ${seconds()} from npm start; VS Code was at ${server.url}`);
  process.exit(0);
}

const server = await startCodeServer({ workspace: workspace.dir, extensionDevelopmentPath: root, port: opts.port ?? 8080 });
console.log(`\nThreatlens is running in VS Code (code-server) on ${where} (ready ${seconds()} after npm start):`);
console.log(`  ${server.payloadUrl}\n`);
console.log(`Open that URL in a browser. Files you add to ${workspace.dir} show up in it.`);
console.log(`Server log: ${server.logPath}. Ctrl+C stops it.`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
