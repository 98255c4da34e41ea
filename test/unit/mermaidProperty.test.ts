/**
 * Property tests: the parser never throws, never hangs and only produces spans inside the diagram,
 * whatever it is given; and on generated valid flowcharts it agrees with Mermaid itself.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { runInThisContext } from 'node:vm';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { diffAgainstOracle, loadMermaid, mermaidOracle } from '../helpers/mermaidOracle';
import { checkedMermaidParse, mutate, mutationArb, propertyRunner, readCorpus } from './support/property';

// Reproducible in CI; elsewhere every run explores new inputs, and the seed is printed to replay one.
const prop = propertyRunner(20_260_123, __filename);


const TOKENS = [
  'flowchart LR\n', 'graph TD\n', 'flowchart', 'graph', ' ', '  ', '\n', '\r\n', '\t', ';', 'A', 'B', 'c1', 'node-2', 'x.y',
  'end', 'endpoint', 'subgraph ', 'subgraph S [T]\n', 'direction LR', '-->', '---', '-.->', '-.-', '==>', '===', '~~~',
  '--o', '--x', 'o--o', '<-->', '--', '==', '-.', '.-', '-', '.', '=', '|', '"', '`', '"`', '`"', '[', ']', '(', ')',
  '{', '}', '>', '<', '/', '\\', '&', ' & ', ':::', ':', ',', '@', '@{', '}', 'shape: cyl', 'label: "x"', 'e1@', '%%',
  '%% comment\n', '%% @mitigates A against LLM01 with "x" (planned)\n', '%% @accepts A LLM09 because "r" expires=2026-01-01\n',
  '%% @component A kind=llm data="a b"\n', '%% @', '%%{init: {}}%%', '%%{', '}%%', '---\n', 'title: x\n', '#quot;', '#9829;',
  '&amp;', '<br>', '<b>', 'class ', 'classDef ', 'style ', 'linkStyle 0 ', 'click ', 'callback', 'href', 'fill:#f9f',
  'accTitle: t', 'accDescr {', 'o', 'x', 'é', '日本', '🚀', '\u0000', '\uFEFF', '\uD800',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 150 }).map((t) => t.join(''));
const headedSoup = tokenSoup.map((s) => `flowchart LR\n${s}`);
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
  tokenSoup,
  headedSoup,
);

function corpusFiles(): string[] {
  return readCorpus(['test/corpus', 'examples'], /\.mmd$/).map((f) => f.text);
}

const mutation = mutationArb(TOKENS);

/** The parser as the extension ships it: one esbuild bundle, loaded into this process. */
function loadBundledParser(): typeof parseMermaid {
  const entry = path.resolve(__dirname, '..', '..', 'src', 'core', 'parsers', 'mermaid', 'index.ts');
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
  const mod = { exports: {} as { parseMermaid?: typeof parseMermaid } };
  const load = runInThisContext(`(function (module, exports) {${out.outputFiles[0].text}\n})`) as (m: typeof mod, e: typeof mod.exports) => void;
  load(mod, mod.exports);
  assert.ok(mod.exports.parseMermaid, 'the bundle exports parseMermaid');
  return mod.exports.parseMermaid;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

describe('Mermaid parser properties', function () {
  this.timeout(60_000);
  const runs = 300;

  before(prop.announce);

  it('never throws and keeps spans inside the text, for arbitrary text and offsets', function () {
    prop.check(fc.property(anyText, fc.integer({ min: 0, max: 1_000_000 }), (text, offset) => {
      checkedMermaidParse(text, offset);
    }), runs);
  });

  it('never throws and keeps spans inside the text, for mutated corpus files', function () {
    const corpus = corpusFiles();
    assert.ok(corpus.length > 0);
    prop.check(fc.property(
      fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 50_000 }),
      (index, mutations, offset) => {
        checkedMermaidParse(mutations.reduce(mutate, corpus[index]), offset);
      }), runs);
  });

  it('reads every corpus file with correct spans at a nonzero offset', function () {
    for (const text of corpusFiles()) checkedMermaidParse(text, 12_345);
  });

  describe('pathological inputs (each under a second)', function () {
    const cases: Array<[string, () => string]> = [
      ['a 50,000-character quoted label', () => `flowchart LR\n  A["${'x'.repeat(50_000)}"] --> B\n`],
      ['a 50,000-character unquoted label', () => `flowchart LR\n  A[${'word '.repeat(10_000)}] --> B\n`],
      ['a 50,000-character unclosed label', () => `flowchart LR\n  A[${'x'.repeat(50_000)}\n  B --> C\n`],
      ['a 50,000-character line of dashes', () => `flowchart LR\n${'-'.repeat(50_000)}\n`],
      ['a 50,000-character arrow', () => `flowchart LR\n  A ${'-'.repeat(50_000)}> B\n`],
      ['a 50,000-character edge label', () => `flowchart LR\n  A -- ${'y'.repeat(50_000)} --> B\n`],
      ['50,000 spaces in an edge label', () => `flowchart LR\n  A --${' '.repeat(50_000)}x --> B\n`],
      ['50,000 opening brackets', () => `flowchart LR\n  A${'['.repeat(50_000)}\n`],
      ['50,000 `<` in a label', () => `flowchart LR\n  A["${'<b'.repeat(25_000)}"]\n`],
      ['10,000 unterminated strings', () => `flowchart LR\n${'  A["x --> B\n'.repeat(10_000)}`],
      ['10,000 unterminated markdown strings', () => `flowchart LR\n${'  A["`x\n'.repeat(10_000)}`],
      ['10,000 unclosed @{', () => `flowchart LR\n${'  A@{ label: "x\n'.repeat(10_000)}`],
      ['10,000 unclosed directives', () => `flowchart LR\n${'%%{init\n'.repeat(10_000)}`],
      ['10,000 unclosed edge labels', () => `flowchart LR\n${'  A -- x\n'.repeat(10_000)}`],
      ['10,000 continuation lines', () => `flowchart LR\n  A\n${'  --> A\n'.repeat(10_000)}`],
      ['10,000 stray ends', () => `flowchart LR\n${'end\n'.repeat(10_000)}`],
      ['a 50,000-character compact chain', () => `flowchart LR\n  ${'A-->'.repeat(12_500)}B\n`],
      ['a 10,000 × 10,000 node group product', () => `flowchart LR\n  ${'a & '.repeat(10_000)}a --> ${'b & '.repeat(10_000)}b\n`],
      ['10,000 annotations', () => `flowchart LR\n  A\n${'%% @mitigates A against LLM01 with "x" (planned)\n'.repeat(10_000)}`],
    ];
    for (const [name, make] of cases) {
      it(name, function () {
        const text = make();
        const [, ms] = timed(() => checkedMermaidParse(text, 3));
        assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
      });
    }

    it('10,000 nested subgraphs', function () {
      const depth = 10_000;
      let text = 'flowchart LR\n';
      for (let k = 0; k < depth; k++) text += `subgraph s${k}\n`;
      text += 'A\n' + 'end\n'.repeat(depth);
      const [r, ms] = timed(() => checkedMermaidParse(text, 0));
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
      assert.deepEqual(r.problems, []);
      assert.equal(r.model.boundaries.length, depth);
      assert.equal(r.model.components[0].boundary, `s${depth - 1}`);
      const byId = new Map(r.model.boundaries.map((b) => [b.id, b]));
      assert.equal(byId.get('s1')?.parent, 's0');
      assert.equal(byId.get(`s${depth - 1}`)?.parent, `s${depth - 2}`);
    });

    it('10,000 nested subgraphs that are never closed', function () {
      const text = 'flowchart LR\n' + 'subgraph s\n'.repeat(10_000);
      const [r, ms] = timed(() => checkedMermaidParse(text, 0));
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
      assert.equal(r.problems.filter((p) => p.code === 'mermaid/missing-end').length, 10_000);
    });
  });

  describe('speed on a 2,000-node, 4,000-edge flowchart', function () {
    const lines = ['flowchart LR'];
    for (let k = 0; k < 2000; k++) lines.push(`  n${k}["Service ${k}"]`);
    for (let k = 0; k < 4000; k++) lines.push(`  n${k % 2000} -->|call ${k}| n${(k * 7 + 1) % 2000}`);
    const text = lines.join('\n');

    /** The best of several runs after a warm-up, so a GC pause or a busy machine does not decide. */
    function bestOf(parse: typeof parseMermaid): number {
      for (let k = 0; k < 5; k++) parse(text);
      return Math.min(...Array.from({ length: 10 }, () => timed(() => parse(text))[1]));
    }

    it('reads every node and edge', function () {
      const r = parseMermaid(text);
      assert.equal(r.model.components.length, 2000);
      assert.equal(r.model.flows.length, 4000);
      assert.deepEqual(r.problems, []);
    });

    it('takes well under 50 ms as shipped (bundled with esbuild, like the extension)', function () {
      const best = bestOf(loadBundledParser());
      assert.ok(best < 50, `best of 10 runs took ${best.toFixed(1)} ms`);
    });

    it('stays fast when run unbundled under tsx, as in these tests', function () {
      // Unbundled, every cross-module call goes through a CommonJS export getter, which costs a
      // constant factor; this bound only guards against an algorithmic regression.
      const best = bestOf(parseMermaid);
      assert.ok(best < 250, `best of 10 runs took ${best.toFixed(1)} ms`);
    });
  });

  describe('agrees with Mermaid on generated flowcharts', function () {
    before(async function () {
      await loadMermaid();
    });

    const NODE_IDS = ['A', 'B', 'api', 'db-1', 'user.svc', 'end_x', 'n2', 'Café', 'llm_gw', 'tools', 'vpc'];
    const WORDS = ['user', 'LLM', 'vector store', 'GPT-4o', 'a, b', 'x: y', 'R&amp;D', '#quot;q#quot;', 'one<br>two', '♥', "Bob's", '<b>bold</b>', 'end', 'x;y'];
    const label = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const CLOSE: Record<string, string> = { '[': ']', '(': ')', '([': '])', '[[': ']]', '[(': ')]', '((': '))', '(((': ')))', '{': '}', '{{': '}}', '>': ']', '[/': '/]', '[\\': '\\]', '[/ ': '\\]' };
    const shaped = fc.oneof(
      fc.constant(''),
      fc.tuple(fc.constantFrom(...Object.keys(CLOSE)), label, fc.constantFrom('plain', 'quoted', 'markdown')).map(([open, text, style]) => {
        const mustQuote = /[,:'&#<;]/.test(text);
        const body = style === 'markdown' ? `"\`${text.replace(/[<&#]/g, '')}\`"` : style === 'quoted' || mustQuote ? `"${text}"` : text;
        return `${open.trim()}${body}${CLOSE[open]}`;
      }),
      label.map((t) => `@{ shape: cyl, label: "${t}" }`),
      label.map((t) => `@{\n      shape: docs\n      label: "${t}"\n    }`),
      fc.constant(':::hot'),
      fc.constant('[x]:::hot'),
    );
    const node = fc.tuple(fc.constantFrom(...NODE_IDS), shaped).map(([id, s]) => id + s);
    const group = fc.array(node, { minLength: 1, maxLength: 2 }).map((ns) => ns.join(' & '));
    const edgeWords = fc.array(fc.constantFrom('calls', 'reads', 'prompt', 'sends data', 'R&amp;D', '#quot;x#quot;'), { minLength: 1, maxLength: 2 }).map((w) => w.join(' '));
    const link = fc.oneof(
      fc.constantFrom('-->', '---', '-.->', '==>', '<-->', '--o', '--x', 'o--o', 'x--x', '~~~', '---->', '-.-', '===', '<==>', '<-.->', '-..->', '====>'),
      edgeWords.map((w) => `-->|${w}|`),
      edgeWords.map((w) => `---|${w}|`),
      edgeWords.map((w) => `-- ${w} -->`),
      edgeWords.map((w) => `== ${w} ==>`),
      edgeWords.map((w) => `-. ${w} .->`),
      edgeWords.map((w) => `<-- ${w} -->`),
      edgeWords.map((w) => `-->|"${w} (x)"|`),
      edgeWords.map((w) => `-- "${w} [y]" -->`),
      fc.constantFrom('\n    -->', '\n    %% between\n    -->', '-->\n   ', 'e9@-->'),
    );
    const chain = fc.tuple(group, fc.array(fc.tuple(link, group), { maxLength: 3 }), fc.boolean())
      .map(([first, rest, tight]) => first + rest.map(([l, g]) => (tight && !l.includes('\n') && !l.includes('@') ? `${l}${g}` : ` ${l} ${g}`)).join(''));
    const other = fc.constantFrom('%% a comment', '%% @component A kind=llm', 'classDef hot fill:#f00', 'class A,B hot', 'style api fill:#fff',
      'click A callback "tip"', '', 'direction TB', 'linkStyle default stroke:#999', 'A;B --> api', 'accTitle: t');
    const subgraphHeader = fc.constantFrom('subgraph vpc [Private VPC]', 'subgraph "Trusted zone"', 'subgraph tools', 'subgraph data["Data tier"]',
      'subgraph two words', 'subgraph "`**md** title`"', 'subgraph x1 ["a; b"]');
    type Item = { kind: 'line'; text: string } | { kind: 'open'; text: string } | { kind: 'close' };
    const item: fc.Arbitrary<Item> = fc.oneof(
      { weight: 5, arbitrary: chain.map((text) => ({ kind: 'line' as const, text })) },
      { weight: 1, arbitrary: other.map((text) => ({ kind: 'line' as const, text })) },
      { weight: 1, arbitrary: subgraphHeader.map((text) => ({ kind: 'open' as const, text })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
    );
    const flowchart = fc.array(item, { minLength: 1, maxLength: 14 }).map((items) => {
      const out = ['flowchart LR'];
      const open: string[] = [];
      for (const [k, it] of items.entries()) {
        if (it.kind === 'close') {
          if (open.pop() !== undefined) out.push(`${'  '.repeat(open.length + 1)}end`);
          continue;
        }
        let text = it.text;
        if (it.kind === 'open') {
          // A block nested in a namesake makes Mermaid's own data cyclic (a unit test covers
          // that), which is not what this comparison is about; rename such blocks.
          const id = /^subgraph (\w+)/.exec(text)?.[1] ?? `#${k}`;
          if (open.includes(id)) text = text.replace(id, `${id}_${k}`);
          out.push(`${'  '.repeat(open.length + 1)}${text}`);
          open.push(id);
        } else {
          out.push(`${'  '.repeat(open.length + 1)}${text}`);
        }
      }
      while (open.pop() !== undefined) out.push(`${'  '.repeat(open.length + 1)}end`);
      return out.join('\n') + '\n';
    });

    it('on nodes, edges and subgraph membership', async function () {
      await prop.checkAsync(fc.asyncProperty(flowchart, async (text) => {
        const oracle = await mermaidOracle(text);
        assert.equal(oracle.kind, 'flowchart', `Mermaid rejected a generated diagram:\n${text}\n${oracle.kind === 'error' ? oracle.message : ''}`);
        if (oracle.kind !== 'flowchart') return;
        const ours = parseMermaid(text);
        const cyclic = ours.problems.some((p) => p.code === 'mermaid/subgraph-cycle');
        // Mentioning an enclosing block's id inside a nested block makes each block the other's
        // child in Mermaid's data (a cycle Mermaid does not detect); Threatlens keeps the textual
        // nesting and warns, so the one cut link is expected to differ.
        const mismatches = diffAgainstOracle(ours, oracle).filter((m) => !(cyclic && m.startsWith('child subgraph of ') && m.includes(' only in Mermaid: ')));
        assert.deepEqual(mismatches, [], `for:\n${text}`);
      }), 150);
    });
  });
});
