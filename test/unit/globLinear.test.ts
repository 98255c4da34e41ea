/**
 * The glob matcher is linear: patterns from a checked-in .gitignore (or the include/exclude
 * settings) that made the former regular-expression compiler backtrack exponentially finish in
 * milliseconds, and on ordinary patterns the matcher agrees with that compiler (kept below, as it
 * was, as the reference).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { IgnoreList, MAX_IGNORE_CHARS, MAX_IGNORE_RULES, MAX_PATTERN_LENGTH, compileGlob } from '../../src/core/glob';
import { propertyRunner } from './support/property';

/** The compiler this matcher replaced, verbatim: the reference for the differential property. */
function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}
function referenceGlob(pattern: string): RegExp {
  let glob = pattern;
  while (glob.includes('**/**/')) glob = glob.replace('**/**/', '**/');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:[^/]*/)*'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, close).split(',').map((p) => [...p].map(escapeRe).join('')).join('|')})`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

const runner = propertyRunner(0x61ab, __filename);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Generous for a loaded 2-core machine (warm, each takes well under 10 ms); the former compiler took seconds to hours. */
const BUDGET_MS = 500;

describe('linear glob matching', () => {
  before(runner.announce);

  const hostile: [string, string, string][] = [
    ['the .gitignore pattern on 44 characters', '*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(44)],
    ['the .gitignore pattern on 4,400 characters', '*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(4400)],
    ['the pattern with a trailing star, so no literal end to test first', '*a*a*a*a*a*a*a*a*a*a*b*', 'a'.repeat(4400)],
    ['many stars', `${'*a'.repeat(500)}*b*`, 'a'.repeat(4000)],
    ['a **/ chain', `${'**/'.repeat(300)}*a*a*a*b`, `${'a/'.repeat(1500)}aaaa`],
    ['a ** chain without slashes', `${'**a'.repeat(300)}b**`, 'a'.repeat(4000)],
    ['repeated alternatives', `${'{a,aa,aaa}'.repeat(90)}b`, 'a'.repeat(4000)],
    ['alternatives and stars', `${'*{a,b}'.repeat(150)}c`, 'ab'.repeat(2000)],
    ['?-runs between stars', `${'*??'.repeat(300)}x`, 'a'.repeat(4000)],
  ];
  for (const [what, pattern, path] of hostile) {
    it(`${what}: milliseconds, in the matcher and in an ignore list`, () => {
      const g = compileGlob(pattern);
      const bare = timed(() => g.test(path));
      assert.equal(bare.value, false);
      assert.ok(bare.ms < BUDGET_MS, `${bare.ms.toFixed(1)} ms`);
      const list = timed(() => new IgnoreList().add(pattern).ignores(path, false));
      assert.equal(list.value, false);
      assert.ok(list.ms < BUDGET_MS, `${list.ms.toFixed(1)} ms in an ignore list`);
    });
  }

  it('still matches what those patterns should match', () => {
    assert.ok(compileGlob('*a*a*a*a*a*a*a*a*a*a*b').test(`${'a'.repeat(44)}b`));
    assert.ok(new IgnoreList().add('*a*a*a*a*a*a*a*a*a*a*b').ignores(`x/y/${'a'.repeat(44)}b`, false));
    assert.ok(compileGlob(`${'**/'.repeat(300)}*a`).test(`${'b/'.repeat(2000)}a`));
    assert.ok(compileGlob(`${'{a,aa,aaa}'.repeat(90)}b`).test(`${'a'.repeat(200)}b`));
    assert.ok(!compileGlob(`${'{a,aa,aaa}'.repeat(90)}b`).test(`${'a'.repeat(80)}b`));
  });

  it('caps pattern length and the number of rules', () => {
    assert.ok(!compileGlob(`${'*'.repeat(MAX_PATTERN_LENGTH)}x`).test('x'));
    assert.ok(compileGlob(`${'*'.repeat(MAX_PATTERN_LENGTH - 1)}x`).test('x'));
    const list = new IgnoreList().add(Array.from({ length: MAX_IGNORE_RULES + 5 }, (_, i) => `f${i}.log`).join('\n'));
    assert.equal(list.dropped, 5);
    assert.ok(list.ignores('f0.log', false));
    assert.ok(!list.ignores(`f${MAX_IGNORE_RULES + 1}.log`, false));
    const t = timed(() => { for (let i = 0; i < 20; i++) list.ignores(`deep/folder/name-${i}.txt`, false); });
    assert.ok(t.ms < 2000, `${t.ms.toFixed(0)} ms for 20 paths against ${MAX_IGNORE_RULES} rules`);
    const long = `${'x'.repeat(MAX_PATTERN_LENGTH - 1)}*`;
    const heavy = new IgnoreList().add(Array.from({ length: Math.ceil(MAX_IGNORE_CHARS / MAX_PATTERN_LENGTH) + 3 }, () => long).join('\n'));
    assert.ok(heavy.dropped >= 3);
  });

  it('agrees with the former compiler on ordinary patterns', () => {
    // Characters that mean something to globs or to regular expressions; no line terminators (see below).
    const patternChar = fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '{', '}', ',', '\\', '[', ']', '(', ')', '+', '$', '^', '|', 'é', '😀');
    const pathChar = fc.constantFrom('a', 'b', '.', '/', '*', '{', '}', ',', '\\', '[', '(', '+', '$', 'é', '😀', ' ');
    const pattern = fc.array(patternChar, { maxLength: 10 }).map((cs) => cs.join(''));
    const path = fc.array(pathChar, { maxLength: 14 }).map((cs) => cs.join(''));
    runner.check(fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 8 }), (p, paths) => {
      const ours = compileGlob(p);
      const ref = referenceGlob(p);
      for (const x of paths) assert.equal(ours.test(x), ref.test(x), `pattern ${JSON.stringify(p)} on ${JSON.stringify(x)}`);
    }), { ci: 3000, local: 1500 });
  });

  it('agrees with the former compiler on paths the pattern was built to match', () => {
    // Random patterns rarely match random paths; build paths from the pattern itself so both answers occur.
    const piece = fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '{a,b}', '{,x}', '{a/b,c}');
    runner.check(fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.constantFrom('', 'a', 'b', 'ab', 'a/', '/', 'x/y'), { maxLength: 8 }), (pieces, fills) => {
      const p = pieces.join('');
      const x = pieces.map((s, i) => (/[*?{]/.test(s) ? fills[i % Math.max(1, fills.length)] ?? '' : s)).join('');
      assert.equal(compileGlob(p).test(x), referenceGlob(p).test(x), `pattern ${JSON.stringify(p)} on ${JSON.stringify(x)}`);
    }), { ci: 3000, local: 1500 });
  });

  it('ignore lists agree with the former ones (negation, folders only, anchoring, last match)', () => {
    const reference = (text: string, path: string, isDir: boolean): boolean => {
      let ignored = false;
      for (const raw of text.split(/\r?\n/)) {
        let line = raw.trim();
        if (!line || line.startsWith('#')) continue;
        const negate = line.startsWith('!');
        if (negate) line = line.slice(1);
        const dirOnly = line.endsWith('/');
        if (dirOnly) line = line.slice(0, -1);
        const anchored = line.includes('/');
        if (line.startsWith('/')) line = line.slice(1);
        if (dirOnly && !isDir) continue;
        if (referenceGlob(anchored ? line : `**/${line}`).test(path)) ignored = !negate;
      }
      return ignored;
    };
    const line = fc.tuple(fc.constantFrom('', '!', '#', '/'), fc.array(fc.constantFrom('a', 'b', '*', '**/', '/', '?', '.md', '{a,b}'), { minLength: 1, maxLength: 5 }), fc.constantFrom('', '/'))
      .map(([lead, body, tail]) => `${lead}${body.join('')}${tail}`);
    const path = fc.array(fc.constantFrom('a', 'b', 'x.md', 'a.md'), { minLength: 1, maxLength: 4 }).map((segs) => segs.join('/'));
    runner.check(fc.property(fc.array(line, { maxLength: 6 }), path, fc.boolean(), (lines, p, isDir) => {
      const text = lines.join('\n');
      assert.equal(new IgnoreList().add(text).ignores(p, isDir), reference(text, p, isDir), `${JSON.stringify(text)} on ${p} (${isDir ? 'folder' : 'file'})`);
    }), { ci: 2000, local: 1000 });
  });

  it('lets ** cross a line break in a name, which the former `.*` did not', () => {
    // The one deliberate difference: `secret/**` now also excludes a file whose name holds a newline.
    assert.ok(compileGlob('secret/**').test('secret/a\nb.mmd'));
    assert.ok(!referenceGlob('secret/**').test('secret/a\nb.mmd'));
  });
});
