/**
 * Line ends of the Mermaid notations (and of YAML, see src/core/parsers/yaml/lineBreaks.ts). Mermaid (which replaces /\r\n?/g with `\n` before it
 * parses) and VS Code end a line at `\r\n`, `\n` or a lone `\r` (classic Mac); the scanners built
 * on `Source` look for `\n` (and treat the `\r` of `\r\n` as a blank). A lone `\r` becomes `\n`,
 * one character for one, so every offset stays where it was.
 */
export function withLineFeeds(text: string): string {
  // Cheap when there is no `\r` at all (LF files) or none alone (CRLF files): nothing is copied.
  if (!text.includes('\r')) return text;
  return LONE_CR.test(text) ? text.replace(LONE_CR_ALL, '\n') : text;
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;
