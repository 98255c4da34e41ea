import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { findFences } from '../../src/core/parsers/markdown/fences';

describe('Markdown mermaid fences', () => {
  const md = [
    '# Title', '', '```mermaid', 'graph TD', 'A-->B', '```', '', '- item', '  ```mermaid', '  graph LR', '  X-->Y', '  ```',
    '~~~python', 'print(1)', '~~~', '````mermaid', 'flowchart', '```', 'still inside', '````', '```Mermaid title', 'graph', 'Q', '```', '```mermaid', 'open',
  ].join('\n');

  it('finds every mermaid fence with exact content ranges', () => {
    const fences = findFences(md);
    const contents = fences.map((f) => md.slice(f.content.start, f.content.end));
    assert.deepEqual(contents, ['graph TD\nA-->B\n', '  graph LR\n  X-->Y\n', 'flowchart\n```\nstill inside\n', 'graph\nQ\n', 'open']);
    assert.deepEqual(fences.map((f) => f.closed), [true, true, true, true, false]);
  });

  it('agrees with markdown-it on which fences are mermaid and what they hold', () => {
    const tokens = new MarkdownIt().parse(md, {}).filter((t) => t.type === 'fence' && t.info.trim().split(/\s/)[0].toLowerCase() === 'mermaid');
    const ours = findFences(md).map((f) => md.slice(f.content.start, f.content.end).replace(/^ {2}/gm, ''));
    assert.deepEqual(ours, tokens.map((t) => t.content));
  });

  it('handles CRLF line ends', () => {
    const crlf = '```mermaid\r\ngraph TD\r\nA-->B\r\n```\r\n';
    const [f] = findFences(crlf);
    assert.equal(crlf.slice(f.content.start, f.content.end), 'graph TD\r\nA-->B\r\n');
  });
});
