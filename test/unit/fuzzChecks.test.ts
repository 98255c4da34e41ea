import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { markdownErrors } from '../fuzz/markdown';
import { sarifShapeErrors } from '../fuzz/sarif';

// The fuzz campaign (test/fuzz/campaign.ts) passes when these checks find nothing: they must find what they look for.
describe('fuzz campaign checks', function () {
  const md = new MarkdownIt({ html: true });
  it('Markdown: raw HTML from a label, a mention, a row that splits its cells', function () {
    assert.deepEqual(markdownErrors(md, '# Report\n\n<details>\n<summary>All (2)</summary>\n\ntext\n</details>\n'), []);
    assert.match(markdownErrors(md, 'A label <img src=x onerror=alert(1)> here\n').join(), /raw HTML/);
    assert.match(markdownErrors(md, '<details>\n<summary><script>x</script></summary>\n</details>\n').join(), /raw HTML/);
    assert.deepEqual(markdownErrors(md, 'ping @octocat\n'), [], 'mentions only matter where asked');
    assert.match(markdownErrors(md, 'ping @octocat\n', { mentions: true }).join(), /mention/);
    assert.deepEqual(markdownErrors(md, 'ping `@octocat` and @\u200doctocat\n', { mentions: true }), []);
    assert.deepEqual(markdownErrors(md, '| a | b |\n|---|---|\n| 1 | x \\| y |\n'), []);
    assert.match(markdownErrors(md, '| a | b |\n|---|---|\n| 1 | `x | y` |\n').join(), /table row 3/);
  });
  it('SARIF: the envelope, the rule index and regions inside the file', function () {
    const log = (region: object, ruleIndex = 0) => ({
      $schema: 'x', version: '2.1.0',
      runs: [{ tool: { driver: { name: 't', rules: [{ id: 'TL001' }] } }, results: [{ ruleId: 'TL001', ruleIndex, level: 'warning', message: { text: 'm' }, locations: [{ physicalLocation: { region } }] }] }],
    });
    const text = 'ab\ncdef\n';
    assert.deepEqual(sarifShapeErrors(log({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 }), text), []);
    assert.match(sarifShapeErrors(log({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 6 }), text).join(), /outside/);
    assert.match(sarifShapeErrors(log({ startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }), text).join(), /outside/);
    assert.match(sarifShapeErrors(log({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, 3), text).join(), /ruleIndex/);
    assert.deepEqual(sarifShapeErrors({ version: '2.0.0' }, text), ['not a SARIF 2.1.0 log']);
  });
});
