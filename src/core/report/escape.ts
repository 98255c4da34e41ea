/**
 * Escaping for text that comes from user files (paths, labels, ids, annotation text) before it is
 * printed or goes into Markdown or HTML-bearing fields.
 *
 * `printable` is the one place control characters are dealt with; every writer (text, Markdown,
 * PR comment, briefing, attack tree, SARIF messages, CLI errors) goes through it. A CI log runs a
 * line starting with `::` as a workflow command, a terminal runs escape sequences, and bidi
 * overrides make a label read differently from what it says, so none of them may reach the output.
 */

/**
 * C0, DEL, C1, the Unicode line and paragraph separators, and the bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The ones that end or space a line: a run of them reads as one space. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * One line, nothing a terminal or a CI runner acts on: line breaks and tabs become a space, every
 * other control or bidi character is shown as `\uXXXX`, so it is visible instead of silently gone.
 */
export function printable(s: string): string {
  return s.replace(LINE_BREAKS, ' ').replace(UNPRINTABLE, hex);
}

/**
 * A file path as printed where it may start a line (`path:line:col …`). Besides `printable`, a
 * path that would start the line with `::` (after the blanks a runner skips) gets `./` in front:
 * `./::error …` still names the same file, and is no workflow command.
 */
export function printablePath(path: string): string {
  const p = printable(path);
  return /^\s*:/.test(p) ? `./${p}` : p;
}

/**
 * JSON text (from `JSON.stringify`) with the characters JSON leaves raw that `printable` exists
 * for (DEL, C1, separators, bidi) written as `\uXXXX` escapes: the same value when parsed, and
 * nothing invisible in a log. JSON's structure is ASCII, so they can only be inside strings.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, hex);
}

/** Zero-width joiner: invisible, and no word character, so it breaks a mention or an autolink. */
const ZWJ = '\u200d';

/**
 * Text that GitHub would turn into a notification or a link even when every Markdown character is
 * escaped (mentions, issue references and autolinks work on the rendered text): `@user` and
 * `@org/team`, `#123`, e-mail addresses, `scheme://…` and `www.` get a zero-width joiner that
 * keeps them from matching.
 */
export function inert(s: string): string {
  return s
    .replace(/(?<=[\w.+-])@/g, `${ZWJ}@`)
    .replace(/@(?=[\w-])/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/\/\//g, `/${ZWJ}/`)
    .replace(/\b(www)\./gi, `$1${ZWJ}.`);
}

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"']/g;

/**
 * Inline Markdown text that renders as the literal text: no markup, link, HTML, mention or
 * autolink, one line.
 */
export function escapeMarkdown(s: string): string {
  return inert(printable(s)).replace(MD_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * Escapes text for the middle of a Markdown line. The briefing and the report are read as
 * Markdown source too (in an editor, in a pull request's diff), so only the characters that can
 * start markup inside a line are escaped: links and images need `[`/`]` or `<`, HTML needs `<`,
 * entities `&`, emphasis `*`/`_`, code spans a backtick, tables `|`, strikethrough `~`, a
 * heading's closing sequence `#`. Dots, dashes and parentheses stay readable; they make markup
 * only at the start of a line, where no file text is ever written.
 */
export function escapeProse(s: string): string {
  return inert(printable(s).replace(/\s+/g, ' ').trim()).replace(/[\\`*_[\]<>&|~!#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * For Markdown table cells: a cell is the middle of a line, so the prose escaping is enough; it
 * writes `|` as `\|`, which keeps the cell whole, and folds line breaks, which would end the row.
 */
export function escapeCell(s: string): string {
  return escapeProse(s);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Inline code span that cannot be broken out of, whatever backticks the text holds. */
export function codeSpan(s: string): string {
  const clean = printable(s);
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * A code span in a table cell. GFM splits the row at every `|` not written `\|`, inside code spans
 * too, and removes that backslash again. Renderers disagree on a `\` already before the pipe
 * (some count the backslashes), so text holding `\|` is written as escaped text instead.
 */
export function codeCell(s: string): string {
  const clean = printable(s);
  if (!clean.includes('|')) return codeSpan(clean);
  if (clean.includes('\\|')) return escapeCell(clean);
  return codeSpan(clean).replace(/\|/g, '\\|');
}
