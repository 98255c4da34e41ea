/**
 * A new annotation line must be read as one. In a diagram the parser had to recover from (an
 * unclosed string, a stray quote), the line after a declaration can fall inside a string that runs
 * on, and the decision would silently vanish or change the components. So in a model with parse
 * errors, the edit is checked by parsing the edited text again; if the line is not read back, the
 * line just above the declaration is tried, and when neither reads back no edit is offered.
 */
import { parseFile, type ParsedFile } from '../document';
import type { Component, SystemModel } from '../model';
import type { Located } from './locate';
import { applyEdits, eolOfLine, indentAt, lineEndAt, lineStartAt, type TextEdit } from './text';

export function readBackSafe(file: ParsedFile, at: Located, line: string, edits: TextEdit[]): TextEdit[] {
  if (edits.length !== 1 || !errorNear(file, at, edits[0].span.start)) return edits;
  if (readsBack(file, at, edits[0])) return edits;
  const above = aboveDeclaration(file.text, at.component, line);
  return readsBack(file, at, above) ? [above] : [];
}

/**
 * A parse error between the start of the declaration's line and the end of the line after the
 * insertion point: only there can the parser have read the new line as part of a statement. Other
 * edits of a broken file (a "fix all" touches every component) skip the second parse.
 */
function errorNear(file: ParsedFile, at: Located, insertAt: number): boolean {
  const from = lineStartAt(file.text, at.component.span.start);
  const next = lineEndAt(file.text, insertAt) + 1;
  const to = next < file.text.length ? lineEndAt(file.text, next) : file.text.length;
  return file.problems.some((p) => p.severity === 'error' && at.model.span.start <= p.span.start && p.span.start <= at.model.span.end && from <= p.span.end && p.span.start <= to);
}

function aboveDeclaration(text: string, component: Component, line: string): TextEdit {
  const start = lineStartAt(text, component.span.start);
  return { span: { start, end: start }, newText: `${indentAt(text, component.span.start)}${line}${eolOfLine(text, lineEndAt(text, start))}` };
}

/** The edited file has the same components, and an annotation about the component inside the new text. */
function readsBack(file: ParsedFile, at: Located, edit: TextEdit): boolean {
  const after = parseFile(file.path, applyEdits(file.text, [edit]));
  if (!after || after.models.length !== file.models.length) return false;
  const ids = (m: SystemModel) => m.components.map((c) => c.id).join('\n');
  if (after.models.some((m, i) => ids(m) !== ids(file.models[i]))) return false;
  const from = edit.span.start;
  const to = from + edit.newText.length;
  return after.models.some((m) => m.annotations.some((a) => a.target === at.component.id && from <= a.span.start && a.span.end <= to));
}
