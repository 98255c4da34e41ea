/**
 * Mermaid node labels from untrusted text (component labels, annotation reasons). Labels are
 * written as `["…"]` strings, and every character that could end the string, start an entity, a
 * Markdown string, a directive or HTML is written as a Mermaid entity (`#quot;`, `#35;`): both
 * Mermaid and our parser decode them back to the original text, and nothing the text holds
 * becomes markup.
 */
import { printable } from '../report/escape';

const ENTITY: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  '\\': '#92;',
  // Mermaid reads `%%{…}%%` directives (which can change its configuration) anywhere in the
  // text, quoted labels included, so no `%` is ever written as itself.
  '%': '#37;',
};

/** Text safe inside `["…"]`: one line, entities for specials, never empty. */
export function mermaidText(s: string): string {
  const clean = printable(s).replace(/\s+/g, ' ').trim();
  const body = clean.replace(/["#&<>`\\%]/g, (c) => ENTITY[c] ?? c);
  return body || ' ';
}

/** `id["text"]`. */
export function node(id: string, text: string): string {
  return `${id}["${mermaidText(text)}"]`;
}
