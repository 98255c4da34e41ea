/**
 * Differential test: every diagram in the corpus is parsed by Threatlens and by Mermaid itself
 * (under jsdom), and the node ids, edges and subgraph membership must agree.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { diffAgainstOracle, loadMermaid, mermaidOracle } from '../helpers/mermaidOracle';

const ROOT = path.resolve(__dirname, '..', '..');

interface AllowedMismatch {
  /** Case name as printed by the test (repository-relative path, plus `#n` for Markdown fences). */
  file: string;
  /** The exact mismatch line the comparison prints. */
  mismatch: string;
  /** Why this is Mermaid's bug rather than ours. */
  why: string;
}

/**
 * Differences that are bugs in Mermaid, not in Threatlens. Each entry must still occur (a stale
 * entry fails the test), so the list cannot silently hide a fixed or moved difference.
 */
const ALLOWED: readonly AllowedMismatch[] = [
  {
    file: 'test/corpus/syntax/07-comments.mmd',
    mismatch: 'node only in Mermaid: %%',
    // Mermaid's comment filter (`^\s*%%(?!{)[^\n]+\n?`) needs at least one character after `%%`,
    // so a bare `%%` line reaches the flowchart lexer and becomes a node called "%%". Every
    // Mermaid author means it as an (empty) comment, which is how Threatlens reads it.
    why: 'Mermaid turns a bare `%%` comment line into a node named "%%"',
  },
];

interface Case {
  name: string;
  text: string;
}

function walk(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith(ext)) out.push(full);
    }
  }
  return out.sort();
}

/** ```mermaid (or ~~~mermaid) fences in a Markdown file. */
function mermaidFences(markdown: string): string[] {
  const fences: string[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*mermaid\s*$/.exec(lines[i]);
    if (!open) continue;
    const marker = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].trim().startsWith(marker[0].repeat(marker.length)) && lines[j].trim().replaceAll(marker[0], '') === '')) {
      body.push(lines[j]);
      j++;
    }
    fences.push(body.join('\n'));
    i = j;
  }
  return fences;
}

function collectCases(): Case[] {
  const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');
  const cases: Case[] = [];
  for (const f of [...walk(path.join(ROOT, 'test', 'corpus'), '.mmd'), ...walk(path.join(ROOT, 'examples'), '.mmd')]) {
    cases.push({ name: rel(f), text: readFileSync(f, 'utf8') });
  }
  for (const f of walk(path.join(ROOT, 'examples'), '.md')) {
    mermaidFences(readFileSync(f, 'utf8')).forEach((text, n) => cases.push({ name: `${rel(f)}#${n + 1}`, text }));
  }
  return cases;
}

describe('Mermaid parser vs. Mermaid itself (differential)', function () {
  this.timeout(60_000);
  const cases = collectCases();
  const used = new Set<AllowedMismatch>();

  before(async function () {
    await loadMermaid();
  });

  it('finds the corpus', function () {
    assert.ok(cases.length >= 25, `expected at least 25 corpus diagrams, found ${cases.length}`);
  });

  for (const c of cases) {
    it(c.name, async function () {
      const ours = parseMermaid(c.text);
      // C4, architecture-beta and sequence diagrams: compared in diagramDifferential.test.ts.
      if (ours.model.diagram !== undefined) return;
      const oracle = await mermaidOracle(c.text);
      let mismatches: string[];
      if (oracle.kind === 'other') {
        assert.deepEqual(ours.problems.map((p) => p.code), ['mermaid/unsupported-diagram'],
          `Mermaid reads this as a ${oracle.type} diagram; Threatlens should report it as unsupported`);
        return;
      } else if (oracle.kind === 'error') {
        // Mermaid rejects the file: Threatlens must flag at least one error too.
        const flagged = ours.problems.some((p) => p.severity === 'error');
        mismatches = flagged ? [] : [`Mermaid rejects the diagram but Threatlens reports no error: ${oracle.message.split('\n')[0]}`];
      } else {
        mismatches = diffAgainstOracle(ours, oracle);
      }
      const remaining = mismatches.filter((mm) => {
        const allowed = ALLOWED.find((a) => a.file === c.name && a.mismatch === mm);
        if (allowed) used.add(allowed);
        return !allowed;
      });
      assert.deepEqual(remaining, [], `${c.name} differs from Mermaid:\n  ${remaining.join('\n  ')}`);
    });
  }

  it('has no stale allow-list entries', function () {
    const present = new Set(cases.map((c) => c.name));
    const stale = ALLOWED.filter((a) => present.has(a.file) && !used.has(a));
    assert.deepEqual(stale.map((a) => `${a.file}: ${a.mismatch}`), []);
  });
});
