/**
 * Edits for Mermaid diagrams (`.mmd` files and ```mermaid fences in Markdown): decisions are
 * `%% @…` comment lines written right after the component's declaration, with its indentation.
 */
import { kindFromName } from '../inference/infer';
import type { ComponentKind } from '../model';
import type { Located } from './locate';
import { annotationTarget, detectEol, indentAt, lineEndAt, nextLineStart, type TextEdit } from './text';

/** Inserts `line` (an annotation without indentation) below the declaration of `at.component`. */
export function insertAnnotationLine(text: string, at: Located, line: string): TextEdit[] {
  const { component, model } = at;
  // A label may span lines (Markdown strings); the statement ends where the label does.
  const declEnd = Math.max(component.span.end, component.labelSpan?.end ?? 0);
  let end = lineEndAt(text, declEnd);
  // Keep decisions about this component together: go past the annotation lines that follow.
  for (;;) {
    const next = nextLineStart(text, end);
    if (next === undefined || next >= model.span.end) break;
    const follows = model.annotations.some((a) => a.target === component.id && a.span.start >= next && a.span.start <= lineEndAt(text, next));
    if (!follows) break;
    end = lineEndAt(text, next);
  }
  const eol = eolOfLine(text, end);
  return [{ span: { start: end, end }, newText: `${eol}${indentAt(text, component.span.start)}${line}` }];
}

/**
 * `%% @component X kind=k`: nothing when already declared so, the value replaced in an existing
 * `kind=`, ` kind=k` appended to an existing `@component X` line, else a new line.
 */
export function declareKindMermaid(text: string, at: Located, kind: ComponentKind): TextEdit[] {
  const { component, model } = at;
  const declarations = model.annotations.filter((a) => a.type === 'component' && a.target === component.id);
  for (const a of declarations) {
    if (a.type !== 'component' || a.properties.kind === undefined) continue;
    if (kindFromName(a.properties.kind) === kind) return [];
    const span = a.propertySpans.kind;
    return span ? [{ span, newText: kind }] : [];
  }
  if (component.kindSource === 'declared' && component.kind === kind) return [];
  const line = declarations[0];
  if (line) return [{ span: { start: line.span.end, end: line.span.end }, newText: ` kind=${kind}` }];
  return insertAnnotationLine(text, at, `%% @component ${annotationTarget(component.id)} kind=${kind}`);
}

function eolOfLine(text: string, lineEnd: number): string {
  if (text.startsWith('\r\n', lineEnd)) return '\r\n';
  if (text[lineEnd] === '\n' || text[lineEnd] === '\r') return text[lineEnd];
  return detectEol(text);
}
