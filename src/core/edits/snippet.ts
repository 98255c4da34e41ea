/**
 * Edits as an editor applies them as a snippet, so the placeholder a quick fix writes is selected
 * and typing the reason replaces it. An editor that applies a snippet edit re-indents every line
 * after the first by the leading whitespace of the line it is inserted on, and it does so for
 * every edit to that file, not only the one holding the placeholder. These parts have that
 * whitespace taken out beforehand, so the file ends up byte for byte as `applyEdits` writes it.
 */
import type { TextEdit } from './text';

export interface SnippetPart {
  edit: TextEdit;
  /** `edit.newText` with the indentation the editor will add taken out of its later lines. */
  text: string;
}

/**
 * The parts, or undefined when no edit has a placeholder or some later line does not start with
 * the whitespace the editor would add (then the edits must go in as plain text).
 */
export function snippetParts(original: string, edits: readonly TextEdit[]): SnippetPart[] | undefined {
  if (!edits.some((e) => e.placeholder)) return undefined;
  const parts: SnippetPart[] = [];
  for (const e of edits) {
    const lineStart = Math.max(original.lastIndexOf('\n', e.span.start - 1), original.lastIndexOf('\r', e.span.start - 1)) + 1;
    const added = /^[ \t]*/.exec(original.slice(lineStart, e.span.start))?.[0] ?? '';
    const lines = e.newText.split(/(\r\n|\r|\n)/);
    // Odd indexes are the line breaks; every even index after the first is a line the editor re-indents.
    for (let i = 2; i < lines.length; i += 2) {
      if (!lines[i].startsWith(added)) return undefined;
      lines[i] = lines[i].slice(added.length);
    }
    const p = e.placeholder;
    // The placeholder moves left by what was taken out before it, so it still spans the same text.
    const shift = p ? (e.newText.slice(0, p.start).split(/\r\n|\r|\n/).length - 1) * added.length : 0;
    parts.push({ edit: p ? { ...e, placeholder: { start: p.start - shift, end: p.end - shift } } : e, text: lines.join('') });
  }
  return parts;
}
