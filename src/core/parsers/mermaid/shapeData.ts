import { CH } from './chars';
import { decodeLabel, type LabelText } from './labels';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

/**
 * Shape names Mermaid accepts in `@{ shape: … }` (short names and aliases). Only used to warn:
 * Mermaid adds shapes over time, so an unknown name is not necessarily wrong.
 */
const KNOWN_SHAPES: ReadonlySet<string> = new Set([
  'rect', 'proc', 'process', 'rectangle', 'rounded', 'event', 'stadium', 'terminal', 'pill',
  'fr-rect', 'subprocess', 'subproc', 'framed-rectangle', 'subroutine', 'cyl', 'db', 'database',
  'cylinder', 'circle', 'circ', 'odd', 'diam', 'decision', 'diamond', 'question', 'hex', 'hexagon',
  'prepare', 'lean-r', 'lean-right', 'in-out', 'lean-l', 'lean-left', 'out-in', 'trap-b', 'priority',
  'trapezoid-bottom', 'trapezoid', 'trap-t', 'manual', 'trapezoid-top', 'inv-trapezoid', 'dbl-circ',
  'double-circle', 'text', 'notch-rect', 'card', 'notched-rectangle', 'lin-rect', 'lined-rectangle',
  'lined-process', 'lin-proc', 'shaded-process', 'sm-circ', 'start', 'small-circle', 'fr-circ',
  'stop', 'framed-circle', 'fork', 'join', 'hourglass', 'collate', 'brace', 'comment', 'brace-l',
  'brace-r', 'braces', 'bolt', 'com-link', 'lightning-bolt', 'doc', 'document', 'delay',
  'half-rounded-rectangle', 'h-cyl', 'das', 'horizontal-cylinder', 'lin-cyl', 'disk',
  'lined-cylinder', 'curv-trap', 'curved-trapezoid', 'display', 'div-rect', 'div-proc',
  'divided-rectangle', 'divided-process', 'tri', 'extract', 'triangle', 'win-pane',
  'internal-storage', 'window-pane', 'f-circ', 'junction', 'filled-circle', 'lin-doc',
  'lined-document', 'notch-pent', 'loop-limit', 'notched-pentagon', 'flip-tri', 'manual-file',
  'flipped-triangle', 'sl-rect', 'manual-input', 'sloped-rectangle', 'docs', 'documents', 'st-doc',
  'stacked-document', 'st-rect', 'procs', 'processes', 'stacked-rectangle', 'flag', 'paper-tape',
  'bow-rect', 'stored-data', 'bow-tie-rectangle', 'cross-circ', 'summary', 'crossed-circle',
  'tag-doc', 'tagged-document', 'tag-rect', 'tagged-rectangle', 'tag-proc', 'tagged-process',
  'bang', 'cloud', 'datastore', 'data-store', 'folder', 'directory', 'person', 'browser', 'console',
  'bucket', 'icon', 'image', 'anchor', 'choice', 'note',
]);

export interface ShapeValue {
  value: string;
  start: number;
  end: number;
}

export interface ShapeData {
  end: number;
  ok: boolean;
  values: Map<string, ShapeValue>;
  shape?: ShapeValue;
  label?: LabelText;
}

/** Index of the `}` closing the `@{` at `i`, skipping double-quoted strings; -1 when unclosed. */
function findClose(src: Source, i: number): number {
  let p = i + 2;
  for (;;) {
    const brace = src.nextIndexOf(CH.RBRACE, p);
    if (brace === -1) return -1;
    const quote = src.nextIndexOf(CH.QUOTE, p);
    if (quote === -1 || brace < quote) return brace;
    const closeQuote = src.nextIndexOf(CH.QUOTE, quote + 1);
    if (closeQuote === -1) return -1;
    p = closeQuote + 1;
  }
}

/** Reads `@{ key: value, … }` (one line or a YAML-ish block) starting at the `@` at `i`. */
export function readShapeData(src: Source, i: number, problems: Problems): ShapeData {
  const close = findClose(src, i);
  const values = new Map<string, ShapeValue>();
  if (close === -1) {
    problems.error(CODES.unclosedShapeData, '`@{` is never closed with `}`.', i, i + 2);
    return { end: src.lineContentEnd(i), ok: false, values };
  }
  let entryStart = i + 2;
  let inQuote = -1;
  for (let j = entryStart; j <= close; j++) {
    const c = j < close ? src.code(j) : CH.COMMA;
    if (inQuote !== -1) {
      if (c === inQuote) inQuote = -1;
      continue;
    }
    // Only double quotes group text, as in Mermaid's lexer: an apostrophe is ordinary text (`Bob's`).
    if (c === CH.QUOTE) {
      inQuote = c;
    } else if (c === CH.COMMA || c === CH.NL) {
      readEntry(src, entryStart, j, values);
      entryStart = j + 1;
    }
  }
  const data: ShapeData = { end: close + 1, ok: true, values };
  const shape = values.get('shape');
  if (shape) {
    data.shape = shape;
    checkShapeName(shape, problems);
  }
  const label = values.get('label');
  if (label) data.label = { label: decodeLabel(label.value), start: label.start, end: label.end };
  return data;
}

function readEntry(src: Source, start: number, end: number, into: Map<string, ShapeValue>): void {
  let colon = start;
  while (colon < end && src.code(colon) !== CH.COLON) colon++;
  if (colon >= end) return;
  const [ks, ke] = src.trim(start, colon);
  let [vs, ve] = src.trim(colon + 1, end);
  if (ke <= ks) return;
  const q = src.code(vs);
  if (ve - vs >= 2 && (q === CH.QUOTE || q === CH.APOS) && src.code(ve - 1) === q) {
    vs++;
    ve--;
  }
  into.set(src.text.slice(ks, ke), { value: src.text.slice(vs, ve), start: vs, end: ve });
}

function checkShapeName(shape: ShapeValue, problems: Problems): void {
  const name = shape.value;
  if (name !== name.toLowerCase() || name.includes('_')) {
    problems.error(CODES.unknownShape,
      `Mermaid rejects the shape \`${name}\`: shape names are lowercase and use \`-\`, e.g. \`lean-r\`.`,
      shape.start, shape.end);
  } else if (!KNOWN_SHAPES.has(name)) {
    problems.warning(CODES.unknownShape, `\`${name}\` is not a shape this version of Mermaid is known to draw.`,
      shape.start, shape.end);
  }
}
