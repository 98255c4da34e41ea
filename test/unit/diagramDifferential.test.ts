/**
 * Differential test for the C4, architecture-beta and sequence parsers: every such diagram in the
 * corpus (real public diagrams in test/corpus/real-*, hand-written syntax cases, examples) is
 * parsed by Threatlens and by Mermaid itself under jsdom, and the elements, labels,
 * relationships and groups must agree (see test/helpers/diagramDiff.ts for the mapping).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { diagramOracle } from '../helpers/diagramOracle';
import { diffDiagram } from '../helpers/diagramDiff';
import { loadMermaid } from '../helpers/mermaidOracle';

const ROOT = path.resolve(__dirname, '..', '..');
const HEADER = /^\s*(C4Context|C4Container|C4Component|C4Dynamic|C4Deployment|architecture-beta|sequenceDiagram)\b/m;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.name.endsWith('.mmd')) out.push(full);
  }
  return out.sort();
}

function cases(): { name: string; text: string }[] {
  return [...walk(path.join(ROOT, 'test', 'corpus')), ...walk(path.join(ROOT, 'examples'))]
    .map((f) => ({ name: path.relative(ROOT, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }))
    .filter((c) => HEADER.test(c.text));
}

describe('C4, architecture and sequence parsers vs. Mermaid itself (differential)', function () {
  this.timeout(60_000);
  const all = cases();

  before(async function () {
    await loadMermaid();
  });

  for (const [dir, min] of [['real-c4', 16], ['real-architecture', 6], ['real-sequence', 40]] as const) {
    it(`has at least ${min} real public diagrams in test/corpus/${dir}`, function () {
      assert.ok(all.filter((c) => c.name.includes(`/${dir}/`)).length >= min);
    });
  }

  for (const c of all) {
    it(c.name, async function () {
      const oracle = await diagramOracle(c.text);
      const ours = parseMermaid(c.text);
      if (oracle.kind === 'error') {
        assert.ok(ours.problems.some((p) => p.severity === 'error'), `Mermaid rejects the diagram but Threatlens reports no error: ${oracle.message.split('\n')[0]}`);
        return;
      }
      assert.notEqual(oracle.kind, 'other', `Mermaid reads ${c.name} as another diagram type`);
      if (oracle.kind === 'other') return;
      assert.equal(ours.model.diagram, oracle.kind);
      const errors = ours.problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
      assert.deepEqual(errors, [], 'Mermaid accepts the diagram, so Threatlens should report no error');
      const mismatches = diffDiagram(ours, oracle);
      assert.deepEqual(mismatches, [], `${c.name} differs from Mermaid:\n  ${mismatches.join('\n  ')}`);
    });
  }
});
