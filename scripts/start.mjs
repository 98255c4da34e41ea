// `npm start`: the main job. Installs whatever is missing (npm packages, Debian packages, the
// headless VS Code), builds, and starts a real VS Code (code-server) with Threatlens loaded as a
// development extension on a copy of examples/. Prints the URL to open; Ctrl+C stops it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`threatlens start: "${cmd} ${args.join(' ')}" failed`);
    process.exit(1);
  }
}

if (!existsSync('node_modules/.bin/esbuild')) run('npm', ['install', '--no-audit', '--no-fund']);
run(process.execPath, ['scripts/vscode/setup.mjs']);
run(process.execPath, ['scripts/build.mjs']);

const { startCodeServer } = await import('./vscode/server.mjs');
// A copy, so trying quick fixes never edits the repository's examples.
const workspace = path.join(mkdtempSync(path.join(os.tmpdir(), 'threatlens-examples-')), 'examples');
cpSync('examples', workspace, { recursive: true });
const port = process.env.PORT ? Number(process.env.PORT) : 8080;
const server = await startCodeServer({ workspace, extensionDevelopmentPath: root, port });
console.log('\nThreatlens is running in VS Code (code-server) on a copy of examples/:');
console.log(`  ${server.payloadUrl}\n`);
console.log(`Open that URL in a browser (the folder: ${workspace}). Server log: ${server.logPath}. Ctrl+C stops it.`);
const stop = async () => { await server.stop(); process.exit(0); };
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
