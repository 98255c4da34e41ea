/**
 * Pathological inputs through the whole engine (parsers, kind inference, analysis, reports) and
 * the CLI: 50,000-character labels, edges, keys and annotation texts (no regular expression may
 * backtrack catastrophically), 10,000-deep nesting (no stack overflow), files near and over the
 * size limit (a clear message, not a frozen editor), YAML alias bombs and huge models.
 * The parser-level cases of the Mermaid family live in mermaidProperty and diagramProperty.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { DEFAULT_MAX_FILE_SIZE, parseFile } from '../../src/core/document';
import { Engine } from '../../src/core/engine';
import { MAX_PROBLEMS_PER_FILE } from '../../src/core/fileGuard';
import { parseThreagile } from '../../src/core/parsers/threagile';
import { parseThreatlensYaml } from '../../src/core/parsers/yaml';
import { toJsonReport } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { toSarif } from '../../src/core/report/sarif';
import { toText } from '../../src/core/report/text';
import type { FileResult } from '../../src/core/report/types';
import { assertFileSpans, withinTime } from './support/property';

const engine = new Engine(undefined, { today: '2026-11-23' });
/**
 * Generous for a busy 2-core CI machine (inputs here take tens to hundreds of milliseconds on an
 * idle one); the failures these guard against take many seconds to minutes.
 */
const BOUND_MS = 3000;

/**
 * Analyses within the bound, checks every range, and writes every report format from it (the
 * Markdown report only when `markdown`: see the skipped test on its quadratic time).
 */
function analyzeBounded(path: string, text: string, ms = BOUND_MS, e = engine, markdown = true): FileResult {
  const { value: r } = withinTime(ms, `analysing ${path} (${text.length} characters)`, () => e.analyze(path, text));
  assert.ok(r, `${path} is not recognised`);
  assertFileSpans(r);
  assert.deepEqual(r.problems.filter((p) => /internal/.test(p.code)), [], 'no internal error');
  withinTime(Math.max(ms, BOUND_MS), 'writing the reports', () => {
    JSON.stringify(toJsonReport([r], '0.0.0'));
    toText([r], e.lookup);
    JSON.stringify(toSarif([r], e.rules, e.lookup, '0.0.0'));
    if (markdown) toMarkdown([r], e.lookup);
  });
  return r;
}

const N = 50_000;

/** Label texts that stress regular expressions: long runs, near-misses of words the inference looks for, separators. */
const LONG_TEXTS: [string, string][] = [
  ['one letter', 'a'.repeat(N)],
  ['a model name repeated', 'GPT '.repeat(N / 4)],
  ['dashes', '-'.repeat(N)],
  ['spaces then a letter', `${' '.repeat(N)}x`],
  ['llm- repeated', 'llm-'.repeat(N / 4)],
  ['separators', 'a-b_c.d/e '.repeat(N / 10)],
  ['digits and letters', '4o'.repeat(N / 2)],
  ['a kind phrase repeated', 'vector store '.repeat(Math.floor(N / 13))],
  ['Markdown emphasis', '**x** '.repeat(Math.floor(N / 6))],
  ['entity codes', '#quot;'.repeat(Math.floor(N / 6))],
  ['dots then a bang', `${'a.'.repeat(N / 2)}!`],
  ['almost an OWASP id', 'LLM0'.repeat(N / 4)],
  ['almost an annotation', '@mitigates '.repeat(Math.floor(N / 11))],
  ['HTML', '<b>'.repeat(Math.floor(N / 3))],
];

describe('hardening: pathological inputs through the whole engine', function () {
  this.timeout(60_000);

  describe('50,000-character texts', function () {
    for (const [name, long] of LONG_TEXTS) {
      const quoted = long.replace(/"/g, '#quot;');
      it(`${name}: as a node label, an edge label, an annotation's text and a YAML label`, function () {
        analyzeBounded('a.mmd', `flowchart LR\n  u[User] --> llm["${quoted}"]\n  llm --> kb[(Pinecone)]\n`);
        analyzeBounded('a.mmd', `flowchart LR\n  u[User] -->|"${quoted}"| llm[GPT-4o]\n`);
        analyzeBounded('a.mmd', `flowchart LR\n  u[User] --> llm[GPT-4o]\n  %% @mitigates llm against LLM01:2025 with "${long.replace(/["\\]/g, '')}" (planned)\n  %% @component llm owner="${long.replace(/["\\]/g, '')}"\n`);
        analyzeBounded('a.threatlens.yaml', `threatlens: 1\ncomponents:\n  bot: { label: ${JSON.stringify(long)} }\n  web: { kind: client, exposure: public }\nflows:\n  - web -> bot: ${JSON.stringify(long)}\n`);
      });
    }

    it('as an unquoted label, a long id, a sequence message, a C4 description and a Threagile description', function () {
      analyzeBounded('a.mmd', `flowchart LR\n  u[User] --> llm[${'word '.repeat(N / 5)}]\n`);
      analyzeBounded('a.mmd', `flowchart LR\n  ${'n'.repeat(N)} --> llm[GPT-4o]\n`);
      analyzeBounded('a.mmd', `sequenceDiagram\nparticipant U as User\nparticipant L as GPT-4o\nU->>L: ${'x '.repeat(N / 2)}\n`);
      analyzeBounded('a.mmd', `C4Context\nPerson(u, "User")\nSystem(llm, "${'GPT '.repeat(N / 4)}", "${'d'.repeat(N)}")\nRel(u, llm, "${'x'.repeat(N)}")\n`);
      analyzeBounded('a.yaml', `threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: a\n    technology: llm\n    description: "${'GPT '.repeat(N / 4)}"\n`);
    });

    it('as a YAML key (YAML allows implicit keys of 1024 characters: a clear syntax error)', function () {
      const r = analyzeBounded('a.threatlens.yaml', `threatlens: 1\ncomponents:\n  ${'k'.repeat(N)}: { kind: llm }\n`);
      assert.ok(r.problems.some((p) => p.code === 'yaml/syntax'), JSON.stringify(r.problems.map((p) => p.code)));
    });

    it('as YAML flow strings with many arrows', function () {
      analyzeBounded('a.threatlens.yaml', `threatlens: 1\ncomponents:\n  a: { kind: llm }\nflows:\n  - ${'a->b '.repeat(N / 5)}\n  - "${'-'.repeat(N)}>"\n  - ${'a -'.repeat(N / 3)}\n`);
    });
  });

  describe('10,000-deep nesting', function () {
    it('subgraphs in a .mmd file and in a Markdown fence, with findings inside', function () {
      let text = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
      for (let k = 0; k < 10_000; k++) text += `subgraph s${k}\n`;
      text += 'kb[(Pinecone)] --> llm\n' + 'end\n'.repeat(10_000);
      for (const [path, t] of [['deep.mmd', text], ['deep.md', `# Deep\n\n\`\`\`mermaid\n${text}\`\`\`\n`]]) {
        const r = analyzeBounded(path, t);
        assert.equal(r.file.models[0].boundaries.length, 10_000);
        assert.equal(r.file.models[0].components.find((c) => c.id === 'kb')?.boundary, 's9999');
        assert.ok(r.findings.some((f) => f.componentId === 'llm'));
      }
    });

    it('C4 boundaries', function () {
      let text = 'C4Context\n';
      for (let k = 0; k < 10_000; k++) text += `Boundary(b${k}, "B") {\n`;
      text += 'Person(u, "User")\nSystem(llm, "GPT-4o")\nRel(u, llm, "asks")\n' + '}\n'.repeat(10_000);
      const r = analyzeBounded('c4.mmd', text);
      assert.ok(r.findings.some((f) => f.componentId === 'llm'));
    });

    it('YAML flow collections and maps, in a Threatlens and a Threagile model', function () {
      for (const depth of [10_000, 100_000]) {
        analyzeBounded('a.threatlens.yaml', `threatlens: 1\ncomponents: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 6000);
        analyzeBounded('a.yaml', `threagile_version: 1.0.0\ntechnical_assets: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 6000);
      }
      analyzeBounded('a.threatlens.yaml', `threatlens: 1\ncomponents:\n  a: ${'{ b: '.repeat(10_000)}c${' }'.repeat(10_000)}\n`);
      analyzeBounded('a.yaml', `threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: a\n    technology: llm\n    tags: ${'{ b: '.repeat(10_000)}c${' }'.repeat(10_000)}\n`);
    });

    it('YAML block nesting 1,000 levels deep', function () {
      let text = 'threatlens: 1\ncomponents:\n';
      for (let k = 0; k < 1000; k++) text += `${' '.repeat(k + 2)}a${k}:\n`;
      analyzeBounded('a.threatlens.yaml', text);
    });

    it('Threagile trust boundaries nested 10,000 deep, and nested in a cycle', function () {
      const chain = ['threagile_version: 1.0.0', 'technical_assets:', '  A:', '    id: a', '    technology: llm', 'trust_boundaries:'];
      for (let k = 0; k < 10_000; k++) chain.push(`  B${k}:`, `    id: b${k}`, `    trust_boundaries_nested: [b${k + 1}]`, ...(k === 9_999 ? ['    technical_assets_inside: [a]'] : []));
      analyzeBounded('a.yaml', chain.join('\n'), 6000);
      const cycle = ['threagile_version: 1.0.0', 'technical_assets:', '  A:', '    id: a', '    technology: llm', 'trust_boundaries:'];
      for (let k = 0; k < 1000; k++) cycle.push(`  B${k}:`, `    id: b${k}`, `    trust_boundaries_nested: [b${(k + 1) % 1000}]`, '    technical_assets_inside: [a]');
      analyzeBounded('a.yaml', cycle.join('\n'));
    });
  });

  describe('size limits', function () {
    const md = ('Some prose with `code` and words.\n'.repeat(200) + '```mermaid\nflowchart LR\n  u[User] --> llm[GPT-4o]\n```\n').repeat(1500);

    it('a 10 MB Markdown file is refused at once, with a message naming the limit and the setting', function () {
      assert.ok(md.length > 10_000_000);
      const r = analyzeBounded('big.md', md, 500);
      assert.deepEqual(r.findings, []);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0].code, 'file/too-large');
      assert.equal(r.problems[0].severity, 'warning');
      assert.match(r.problems[0].message, new RegExp(`${md.length} characters is over the ${DEFAULT_MAX_FILE_SIZE}-character limit \\(setting threatlens\\.maxFileSize\\)`));
      assert.deepEqual(r.problems[0].span, { start: 0, end: 0 });
    });

    it('the limit is configurable, and a file of exactly the limit is read', function () {
      const text = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
      assert.equal(parseFile('a.mmd', text, { maxFileSize: text.length })?.problems.length, 0);
      assert.equal(parseFile('a.mmd', text, { maxFileSize: text.length - 1 })?.problems[0].code, 'file/too-large');
      // Raised above 10 MB, the same Markdown file is read, fence by fence, without freezing.
      const r = analyzeBounded('big.md', md, 15_000, new Engine(undefined, { today: '2026-11-23', maxFileSize: 20_000_000 }), false);
      assert.equal(r.file.models.length, 1500);
    });

    // Regression: src/core/report/markdown.ts (`toMarkdown`) built a new LineIndex of the whole file text
    // for every finding of the prioritized table and every problem, and filtered all findings again
    // for every component: time grew with findings × file size (10 MB, 7,800 findings: 373 s; 200
    // fences, 1,200 findings: 7 s). Now one LineIndex per file and findings grouped by component once.
    it('the Markdown report of a large file is written in linear time', function () {
      const e = new Engine(undefined, { today: '2026-11-23', maxFileSize: 20_000_000 });
      const r = e.analyze('big.md', md.slice(0, md.length / 7.5));
      assert.ok(r && r.findings.length >= 1000);
      withinTime(1000, 'toMarkdown', () => toMarkdown([r], e.lookup));
    });

    it('the CLI says so for a 10 MB file and goes on with the others', function () {
      const dir = mkdtempSync(join(tmpdir(), 'threatlens-big-'));
      try {
        writeFileSync(join(dir, 'big.md'), md);
        writeFileSync(join(dir, 'small.mmd'), 'flowchart LR\n  u[User] --> llm[GPT-4o]\n');
        let out = '';
        let err = '';
        const { ms } = withinTime(8000, 'the CLI', () => run(['check', '.', '--fail-on', 'none', '--today', '2026-11-23'], dir, { out: (s) => { out += s; }, err: (s) => { err += s; } }));
        assert.ok(ms < 8000);
        assert.equal(err, '');
        assert.match(out, /^big\.md:1:1 warning file\/too-large Threatlens skipped this file: \d+ characters is over the 2097152-character limit/m);
        assert.match(out, /^small\.mmd:\d+:\d+ \w+ TL\d+ /m);
        let out2 = '';
        run(['check', 'big.md', '--max-file-size', '20000000', '--fail-on', 'none', '--today', '2026-11-23'], dir, { out: (s) => { out2 += s; }, err: () => undefined });
        assert.doesNotMatch(out2, /too-large/);
        assert.match(out2, /^big\.md:\d+:\d+ \w+ TL\d+ /m);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('YAML alias bombs', function () {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const bomb = levels.join('\n');

    const cases: [string, string][] = [
      ['a Threatlens model, as the components', `threatlens: 1\n${bomb}\ncomponents: *i\n`],
      ['a Threatlens model, beside the components', `threatlens: 1\n${bomb}\ncomponents:\n  bot: { kind: llm, properties: { x: *i } }\n`],
      ['a Threagile model, as the assets', `threagile_version: 1.0.0\n${bomb}\ntechnical_assets: *i\n`],
      ['a Threagile model, inside an asset', `threagile_version: 1.0.0\n${bomb}\ntechnical_assets:\n  A:\n    id: a\n    technology: llm\n    tags: *i\n`],
      ['a Threagile model, as merge keys', `threagile_version: 1.0.0\n${bomb}\ntechnical_assets:\n  A:\n    <<: { id: a }\n    technology: llm\n    x: [*i, *i]\n`],
    ];
    for (const [name, text] of cases) {
      it(`stop quickly with a yaml/aliases problem: ${name}`, function () {
        const path = text.startsWith('threagile') ? 'bomb.yaml' : 'bomb.threatlens.yaml';
        const r = analyzeBounded(path, text, 1000);
        const p = r.problems.find((x) => x.code === 'yaml/aliases');
        assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
        assert.equal(p.severity, 'error');
        assert.match(p.message, /too many YAML aliases/);
      });
    }

    it('the parsers stop them on their own, too', function () {
      withinTime(1000, 'parseThreatlensYaml', () => assert.ok(parseThreatlensYaml(cases[0][1]).problems.some((p) => p.code === 'yaml/aliases')));
      withinTime(1000, 'parseThreagile', () => assert.ok(parseThreagile(cases[2][1]).problems.some((p) => p.code === 'yaml/aliases')));
    });
  });

  describe('huge models (just under the size limit) stay linear', function () {
    it('a Threatlens model with 25,000 components and flows', function () {
      const lines = ['threatlens: 1', 'components:'];
      for (let k = 0; k < 25_000; k++) lines.push(`  c${k}: { kind: service }`);
      lines.push('flows:');
      for (let k = 0; k < 25_000; k++) lines.push(`  - c${k} -> c${(k + 1) % 25_000}`);
      const text = lines.join('\n');
      assert.ok(text.length < DEFAULT_MAX_FILE_SIZE);
      // Duplicate keys were once found by comparing each key with every other: over 10 s here.
      withinTime(8000, 'parseThreatlensYaml', () => parseThreatlensYaml(text));
    });

    it('duplicate keys are still reported, on the repeated key', function () {
      const text = 'threatlens: 1\ncomponents:\n  a: { kind: llm, kind: tool }\n  b: {}\n  a: {}\n';
      const r = parseThreatlensYaml(text);
      const dups = r.problems.filter((p) => /Map keys must be unique/.test(p.message));
      assert.deepEqual(dups.map((p) => text.slice(p.span.start, p.span.end)), ['kind', 'a']);
      assert.ok(dups.every((p) => p.severity === 'error' && p.code === 'yaml/syntax'));
    });

    it('thousands of references to unknown components do not attach every id to every problem', function () {
      const lines = ['threatlens: 1', 'components:'];
      for (let k = 0; k < 5000; k++) lines.push(`  c${k}: { kind: service, boundary: zone${k} }`);
      lines.push('flows:');
      for (let k = 0; k < 5000; k++) lines.push(`  - c${k} -> x${k}`);
      const text = lines.join('\n');
      const isUnknown = (p: { code: string }): boolean => p.code === 'yaml/unknown-component' || p.code === 'yaml/unknown-boundary';
      const parsed = parseThreatlensYaml(text).problems.filter(isUnknown);
      assert.equal(parsed.length, 10_000);
      assert.ok(parsed.every((p) => (p.suggestions?.length ?? 0) <= 10));
      // The engine lists the first MAX_PROBLEMS_PER_FILE of them and one summary of the rest.
      const r = analyzeBounded('many.threatlens.yaml', text, 8000, engine, false);
      assert.equal(r.problems.filter(isUnknown).length, MAX_PROBLEMS_PER_FILE);
      assert.equal(r.problems.filter((p) => p.code === 'file/too-many-problems').length, 1);
      // Once all 5,000 ids each: a 200 MB JSON report (at 10,000, past what a string can hold).
      assert.ok(JSON.stringify(toJsonReport([r], '0.0.0')).length < 10_000_000);
      const threagile = ['threagile_version: 1.0.0', 'technical_assets:'];
      for (let k = 0; k < 5000; k++) threagile.push(`  A${k}:`, `    id: a${k}`, '    communication_links:', '      L:', `        target: x${k}`);
      const t = analyzeBounded('many.yaml', threagile.join('\n'), 8000, engine, false);
      assert.ok(t.problems.every((p) => (p.suggestions?.length ?? 0) <= 10));
    });

    it('near matches are still suggested, and small models list all their ids', function () {
      const r = parseThreatlensYaml('threatlens: 1\nboundaries:\n  internet: {}\n  vpc: {}\ncomponents:\n  llm: { boundary: interent }\n  web: {}\nflows:\n  - web -> lmm\n');
      assert.deepEqual(r.problems.find((p) => p.code === 'yaml/unknown-boundary')?.suggestions, ['internet', 'vpc']);
      assert.deepEqual(r.problems.find((p) => p.code === 'yaml/unknown-component')?.suggestions, ['llm', 'web']);
      const big = ['threatlens: 1', 'components:', ...Array.from({ length: 50 }, (_, k) => `  svc${k}: {}`), '  retriever: {}', 'flows:', '  - svc1 -> retreiver'].join('\n');
      assert.deepEqual(parseThreatlensYaml(big).problems.find((p) => p.code === 'yaml/unknown-component')?.suggestions, ['retriever']);
    });
  });
});
