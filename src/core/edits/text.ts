/**
 * Offset-based text edits shared by every host (quick fixes, the walkthrough, tests). Nothing here
 * knows about an editor: edits are `{ span, newText }` on the file text, applied back to front.
 */
import type { Span } from '../model';

export interface TextEdit {
  /** Range of the original text to replace (empty for an insertion). */
  span: Span;
  newText: string;
  /**
   * Where in `newText` a placeholder stands (`TODO: explain why …`) that the user must replace:
   * an editor selects it after the edit (a snippet), so typing the reason replaces it.
   */
  placeholder?: Span;
}

/** Applies non-overlapping edits; edits at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.span.start < pos) throw new Error(`overlapping edits at offset ${e.span.start}`);
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** The file's line break: the first one it uses, `\n` when it has none. */
export function detectEol(text: string): string {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : text[i];
}

const isBreak = (c: number) => c === 10 || c === 13;

export function lineStartAt(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset of the line break (or end of text) ending the line that holds `offset`. */
export function lineEndAt(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Start of the line after the one ending at `lineEnd`, or undefined at the end of the text. */
export function nextLineStart(text: string, lineEnd: number): number | undefined {
  if (lineEnd >= text.length) return undefined;
  return text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1;
}

/** Leading blanks of the line that holds `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(start, i);
}

/** Text for a `"…"` string in an annotation comment: one line, `\` and `"` escaped. */
export function quoteAnnotationText(s: string): string {
  return `"${oneLine(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A YAML double-quoted scalar (JSON strings are valid YAML), on one line. */
export function quoteYaml(s: string): string {
  return JSON.stringify(oneLine(s));
}

export function oneLine(s: string): string {
  return s.replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim();
}

/**
 * Whether an annotation can name this id at all: an id holding a line break (a U+2028 inside a
 * sequence actor's name, say) cannot be written on the one line an annotation has, and writing it
 * with the break flattened would name another component.
 */
export function nameableInAnnotation(id: string): boolean {
  return !/[\r\n\u2028\u2029]/.test(id);
}

/** A node id as an annotation writes it: quoted when it holds spaces (sequence participants). */
export function annotationTarget(id: string): string {
  return /^[^\s"]+$/.test(id) ? id : quoteAnnotationText(id);
}

/** The one edit that turns `before` into `after`: their common start and end are left alone. */
export function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return [{ span: { start, end: before.length - tail }, newText: after.slice(start, after.length - tail) }];
}

/** The line break that ends the line ending at `lineEnd`; the file's own at the end of the text. */
export function eolOfLine(text: string, lineEnd: number): string {
  if (text.startsWith('\r\n', lineEnd)) return '\r\n';
  if (text[lineEnd] === '\n' || text[lineEnd] === '\r') return text[lineEnd];
  return detectEol(text);
}
