/**
 * Detection quality on real public diagrams written by others (test/corpus/real, sources in
 * SOURCES.md). expected.yaml was labelled by hand, independently of the rules: the kind of each
 * component and the (component, OWASP 2025 id) pairs a reviewer would raise. We report recall and
 * precision and hold them above floors measured when the corpus was added, so regressions fail.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Engine } from '../../src/core/engine';

const dir = resolve(__dirname, '..', 'corpus', 'real');
interface Expected { components?: Record<string, string>; threats?: { component: string; owasp: string }[] }
const expected = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Record<string, Expected>;
const AI_KINDS = new Set(['llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser', 'vector-store', 'embedding-model', 'memory', 'prompt-template', 'guardrail', 'training-pipeline', 'dataset', 'model-registry']);

export interface CorpusScore { tp: number; fp: number; fn: number; kindHits: number; kindTotal: number; aiFound: number; aiTotal: number }

export function scoreCorpus(engine = new Engine()): CorpusScore & { perFile: Record<string, { fp: string[]; fn: string[] }> } {
  const s = { tp: 0, fp: 0, fn: 0, kindHits: 0, kindTotal: 0, aiFound: 0, aiTotal: 0, perFile: {} as Record<string, { fp: string[]; fn: string[] }> };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mmd')).sort()) {
    const key = file.replace(/\.mmd$/, '');
    const exp = expected[key] ?? expected[file];
    if (!exp) continue;
    const r = engine.analyze(file, readFileSync(join(dir, file), 'utf8'));
    assert.ok(r, file);
    const kinds = new Map(r.file.models.flatMap((m) => m.components).map((c) => [c.id, c.kind] as const));
    for (const [id, kind] of Object.entries(exp.components ?? {})) {
      s.kindTotal++;
      if (kinds.get(id) === kind) s.kindHits++;
      if (AI_KINDS.has(kind)) {
        s.aiTotal++;
        if (AI_KINDS.has(kinds.get(id) ?? '')) s.aiFound++;
      }
    }
    const want = new Set((exp.threats ?? []).map((t) => `${t.component} ${t.owasp.replace(/:2025$/, '')}`));
    const got = new Set(r.findings.flatMap((f) => f.owasp.filter((o) => o.endsWith(':2025') && o.startsWith('LLM')).map((o) => `${f.componentId} ${o.replace(/:2025$/, '')}`)));
    const fp = [...got].filter((x) => !want.has(x));
    const fn = [...want].filter((x) => !got.has(x));
    s.tp += [...got].filter((x) => want.has(x)).length;
    s.fp += fp.length;
    s.fn += fn.length;
    s.perFile[key] = { fp, fn };
  }
  return s;
}

describe('detection on real public diagrams', () => {
  const s = scoreCorpus();
  const recall = s.tp / (s.tp + s.fn);
  const precision = s.tp / (s.tp + s.fp);

  it('labels the corpus with at least 15 diagrams', () => {
    assert.ok(Object.keys(s.perFile).length >= 15);
  });

  it(`recognises AI components (${s.aiFound}/${s.aiTotal}) and their exact kinds (${s.kindHits}/${s.kindTotal})`, () => {
    if (process.env.THREATLENS_CORPUS_DETAILS) console.log(JSON.stringify(s.perFile, null, 1));
    assert.ok(s.aiFound / s.aiTotal >= 0.8, `AI component recall ${(s.aiFound / s.aiTotal).toFixed(2)}`);
    assert.ok(s.kindHits / s.kindTotal >= 0.7, `kind accuracy ${(s.kindHits / s.kindTotal).toFixed(2)}`);
  });

  it(`finds the reviewed (component, OWASP) pairs: recall ${recall.toFixed(2)}, precision ${precision.toFixed(2)}`, () => {
    assert.ok(recall >= 0.6, `recall ${recall.toFixed(2)}`);
    assert.ok(precision >= 0.4, `precision ${precision.toFixed(2)}`);
  });
});
