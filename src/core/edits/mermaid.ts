/**
 * Edits for Mermaid diagrams (`.mmd` files and ```mermaid fences in Markdown): decisions are
 * `%% @…` comment lines written right after the component's declaration, with its indentation.
 */
import { kindFromName } from '../inference/infer';
import type { Component, ComponentKind, SystemModel } from '../model';
import type { Located } from './locate';
import { annotationTarget, eolOfLine, indentAt, lineEndAt, nextLineStart, type TextEdit } from './text';

/** Inserts `line` (an annotation without indentation) below the declaration of `at.component`. */
export function insertAnnotationLine(text: string, at: Located, line: string): TextEdit[] {
  const { component, model } = at;
  // A label may span lines (Markdown strings); the statement ends where the label does.
  const declEnd = Math.max(component.span.end, component.labelSpan?.end ?? 0);
  let end = isFlowchart(model) ? statementLineEnd(text, declarationStart(component, declEnd), declEnd, model.span.end) : lineEndAt(text, declEnd);
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

function isFlowchart(model: SystemModel): boolean {
  return model.format === 'mermaid' && (model.diagram === undefined || model.diagram === 'flowchart');
}

/**
 * Where the statement that declares the component (up to `declEnd`) starts to be read: the last
 * mention of its id at or before `declEnd`. An id is never inside a string or a `@{ … }` block, so
 * reading from there sees the statement's strings and blocks as the parser does.
 */
function declarationStart(component: Component, declEnd: number): number {
  let start = component.span.start;
  for (const r of component.references ?? []) if (r.start > start && r.start <= declEnd) start = r.start;
  return start;
}

const QUOTE = 34;
const BACKTICK = 96;

/**
 * The end of the line where the statement read from `from` ends, at or after `min`: a line break
 * inside a string (`"…"`, `` "`…`" ``) or a `@{ … }` block does not end it, as in the parser
 * (src/core/parsers/mermaid/labels.ts `readQuoted`, shapeData.ts `readShapeData`). A string or
 * block never closed before `limit` (the diagram's end) ends at its own line's end, as there. A
 * later statement on the same line (after `;`) is read the same way, so the new line never lands
 * inside another node's multi-line label either.
 */
function statementLineEnd(text: string, from: number, min: number, limit: number): number {
  const stop = Math.min(limit, text.length);
  let i = from;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (i >= min) return i;
      i++;
    } else if (c === QUOTE) {
      const markdown = text.charCodeAt(i + 1) === BACKTICK;
      const close = indexBefore(text, markdown ? '`"' : '"', markdown ? i + 2 : i + 1, stop);
      i = close === -1 ? lineEndAt(text, i) : close + (markdown ? 2 : 1);
    } else if (c === 64 /* @ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      const close = shapeDataClose(text, i, stop);
      i = close === -1 ? lineEndAt(text, i) : close + 1;
    } else {
      i++;
    }
  }
  return Math.max(lineEndAt(text, min), Math.min(i, text.length));
}

function indexBefore(text: string, needle: string, from: number, limit: number): number {
  const k = text.indexOf(needle, from);
  return k === -1 || k + needle.length > limit ? -1 : k;
}

/** Index of the `}` closing the `@{` at `i`, skipping double-quoted strings; -1 when unclosed. */
function shapeDataClose(text: string, i: number, limit: number): number {
  let p = i + 2;
  for (;;) {
    const brace = indexBefore(text, '}', p, limit);
    if (brace === -1) return -1;
    const quote = indexBefore(text, '"', p, limit);
    if (quote === -1 || brace < quote) return brace;
    const closeQuote = indexBefore(text, '"', quote + 1, limit);
    if (closeQuote === -1) return -1;
    p = closeQuote + 1;
  }
}
