// Bundles the benchmark with esbuild (so the core runs as it ships, not through a TS loader) and runs it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/gen-catalog.mjs'], { stdio: 'inherit' });
await esbuild.build({
  entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.cjs', bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  external: ['mermaid', 'jsdom'], logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['out/bench/run.cjs'], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
