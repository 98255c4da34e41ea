/**
 * Escaping for text that comes from user files (labels, ids, annotation text) before it goes
 * into Markdown or HTML-bearing fields. Labels can contain `<script>`, `[x](command:...)` or
 * `javascript:` links; after escaping they render as literal text.
 */
const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"']/g;

export function escapeMarkdown(s: string): string {
  return s.replace(/\r?\n|\r/g, ' ').replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** For Markdown table cells: also keeps pipes from splitting the cell. */
export function escapeCell(s: string): string {
  return escapeMarkdown(s);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Inline code span that cannot be broken out of, whatever backticks the text holds. */
export function codeSpan(s: string): string {
  const clean = s.replace(/\r?\n|\r/g, ' ');
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
