import { strict as assert } from 'node:assert';
import { IgnoreList, globToRegExp } from '../../src/core/glob';

describe('globs and ignore lists', () => {
  it('matches ** across folders and * within one', () => {
    const re = globToRegExp('docs/**/*.{md,mmd}');
    assert.ok(re.test('docs/a.md'));
    assert.ok(re.test('docs/x/y/b.mmd'));
    assert.ok(!re.test('docs/a.yaml'));
    assert.ok(!globToRegExp('*.md').test('a/b.md'));
  });

  it('applies .gitignore rules with negation, last match winning', () => {
    const ig = new IgnoreList().add('# c\nbuild/\n*.log\n!keep.log\n/root-only.md\n');
    assert.ok(ig.ignores('build', true));
    assert.ok(!ig.ignores('build', false));
    assert.ok(ig.ignores('a/b/x.log', false));
    assert.ok(!ig.ignores('a/keep.log', false));
    assert.ok(ig.ignores('root-only.md', false));
    assert.ok(!ig.ignores('sub/root-only.md', false));
  });

  it('stays linear on hostile patterns', () => {
    const re = globToRegExp('**/'.repeat(20) + '*a');
    const t0 = Date.now();
    re.test('b/'.repeat(2000) + 'b');
    assert.ok(Date.now() - t0 < 1000);
  });
});
