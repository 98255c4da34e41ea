// Bundles the extension host entry and the CLI with esbuild. Type-checking is separate (`tsc --noEmit`).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

execFileSync(process.execPath, ['scripts/gen-catalog.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  define: { __THREATLENS_VERSION__: JSON.stringify(pkg.version) },
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

// The walkthrough webview: a browser bundle (Mermaid, @vscode-elements/elements) in dist/webview/; see scripts/build-webview.mjs.
const { buildWebview } = await import('./build-webview.mjs');
await buildWebview({ watch });
