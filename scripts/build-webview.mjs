// Bundles the walkthrough webview (webview/src/main.ts, with Mermaid and @vscode-elements/elements) for the browser:
// dist/webview/walkthrough.js (one IIFE file: the webview's CSP allows exactly one nonce'd script) and
// dist/webview/walkthrough.css. Mermaid lives only here, never in dist/extension.js. Type-checking is separate:
// `tsc --noEmit -p webview/tsconfig.json`. Usage: node scripts/build-webview.mjs [--watch]
import * as esbuild from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** @type {import('esbuild').BuildOptions} */
export const webviewBuild = {
  entryPoints: ['webview/src/main.ts'],
  outfile: 'dist/webview/walkthrough.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome120'],
  // Always minified and without source maps: the bundle is mostly Mermaid (about 6 MB minified, twice that
  // without, and a 20 MB map nobody steps through). Licence comments stay, at the end of the file.
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': '"production"' },
};

export async function buildWebview({ watch = false } = {}) {
  await rm('dist/webview', { recursive: true, force: true });
  if (watch) {
    const ctx = await esbuild.context(webviewBuild);
    await ctx.watch();
    return;
  }
  await esbuild.build(webviewBuild);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWebview({ watch: process.argv.includes('--watch') });
