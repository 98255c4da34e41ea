/**
 * `npm run bench`: every figure is a ratio of two timings taken in the same run on the same
 * input, so machine speed cancels out. Prints a table and writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { Engine } from '../src/core/engine';
import { parseFile } from '../src/core/document';
import { mermaidFlowchart, yamlModel } from './generate';

function time(fn: () => void, minMs = 300, maxRuns = 50): number {
  fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 3 || (performance.now() - start < minMs && samples.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

interface Figure { name: string; ratio: number; target: string; pass: boolean; detail: string }

async function mermaidOracleTime(text: string): Promise<number | undefined> {
  try {
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    const mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 100000, maxTextSize: 10_000_000 });
    await mermaid.mermaidAPI.getDiagramFromText(text);
    const t0 = performance.now();
    const runs = 3;
    for (let i = 0; i < runs; i++) await mermaid.mermaidAPI.getDiagramFromText(text);
    return (performance.now() - t0) / runs;
  } catch (e) {
    console.error(`Mermaid's parser could not run: ${String(e)}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const engine = new Engine(undefined, { today: '2026-11-23' });
  const figures: Figure[] = [];
  const big = mermaidFlowchart(2000, 4000);

  const ours = time(() => parseFile('big.mmd', big));
  const theirs = await mermaidOracleTime(big);
  if (theirs !== undefined) {
    const ratio = theirs / ours;
    figures.push({ name: "Mermaid parse: Mermaid's parser / ours (2,000 nodes, 4,000 edges)", ratio, target: '>= 20', pass: ratio >= 20, detail: `${theirs.toFixed(1)} ms vs ${ours.toFixed(1)} ms` });
  }

  const parseOnly = time(() => parseFile('big.mmd', big));
  const full = time(() => engine.analyze('big.mmd', big));
  figures.push({ name: 'Analysis cost: parse+analyze / parse (same file)', ratio: full / parseOnly, target: '<= 3', pass: full / parseOnly <= 3, detail: `${full.toFixed(1)} ms vs ${parseOnly.toFixed(1)} ms` });

  const yaml = yamlModel(2000);
  const yamlOnly = time(() => parseDocument(yaml));
  const yamlFull = time(() => engine.analyze('big.threatlens.yaml', yaml));
  figures.push({ name: 'YAML: whole pipeline / yaml.parseDocument (2,000 components)', ratio: yamlFull / yamlOnly, target: '<= 3', pass: yamlFull / yamlOnly <= 3, detail: `${yamlFull.toFixed(1)} ms vs ${yamlOnly.toFixed(1)} ms` });

  const small = mermaidFlowchart(1000, 2000, 7);
  const large = mermaidFlowchart(10000, 20000, 7);
  const tSmall = time(() => engine.analyze('s.mmd', small));
  const tLarge = time(() => engine.analyze('l.mmd', large), 1000, 10);
  figures.push({ name: 'Scaling: 10,000 nodes / 1,000 nodes (parse+analyze)', ratio: tLarge / tSmall, target: '<= 12', pass: tLarge / tSmall <= 12, detail: `${tLarge.toFixed(1)} ms vs ${tSmall.toFixed(1)} ms` });

  console.log('\n| Figure | Ratio | Target | Result | Timings |\n|---|---:|---|---|---|');
  for (const f of figures) console.log(`| ${f.name} | ${f.ratio.toFixed(2)} | ${f.target} | ${f.pass ? 'pass' : 'FAIL'} | ${f.detail} |`);
  writeFileSync('bench/results.json', `${JSON.stringify({ node: process.version, figures }, null, 2)}\n`);
  console.log('\nWritten to bench/results.json');
}

void main();
