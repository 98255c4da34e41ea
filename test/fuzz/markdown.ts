/** Markdown checks of the fuzz campaign: what a pull-request page or a Markdown viewer would show. */
import type MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** The only HTML the writers emit themselves: collapsible sections and the comment's marker. */
const OWN_HTML = /<\/?(details|summary)( open)?>|<!--[^]*?-->/g;

/** Pipes that GFM reads as cell separators (a `\|` is text). */
const cells = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

/**
 * Rendered with markdown-it (HTML on, as GitHub's sanitiser sees it before it strips): no HTML the
 * writers did not write themselves, every table row with its header's cells, and with `mentions`
 * no `@name` in text, which GitHub turns into a notification.
 */
export function markdownErrors(md: MarkdownIt, text: string, o: { mentions?: boolean } = {}): string[] {
  const errors: string[] = [];
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if ((t.type === 'html_block' || t.type === 'html_inline') && /<[a-zA-Z!/]/.test(t.content.replace(OWN_HTML, ''))) {
        errors.push(`raw HTML: ${JSON.stringify(t.content.slice(0, 80))}`);
      }
      if (o.mentions && t.type === 'text' && /(^|[^\w`])@[A-Za-z0-9][\w-]*/.test(t.content)) errors.push(`a mention: ${JSON.stringify(t.content.slice(0, 80))}`);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(text, {}));
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(lines[i]) || !lines[i].includes('|')) continue;
    const want = cells(lines[i - 1]);
    for (let j = i + 1; j < lines.length && lines[j].trim().startsWith('|'); j++) {
      if (cells(lines[j]) !== want) errors.push(`table row ${j + 1} has ${cells(lines[j])} separators, its header ${want}: ${JSON.stringify(lines[j].slice(0, 120))}`);
    }
  }
  return errors.slice(0, 5);
}
