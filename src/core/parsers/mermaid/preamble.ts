import { CH, isAsciiLetter, isBlank, isDigit } from './chars';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

/** Header words that select Mermaid's flowchart parser. */
export const FLOWCHART_HEADERS: ReadonlySet<string> = new Set(['graph', 'flowchart', 'flowchart-elk', 'swimlane-beta']);

/**
 * Prefixes Mermaid's detectors use for the other diagram types (they test prefixes, so
 * `stateDiagram-v2` and `sankey-beta` are covered).
 */
const OTHER_DIAGRAMS = [
  'sequenceDiagram', 'classDiagram', 'stateDiagram', 'erDiagram', 'journey', 'gantt', 'pie',
  'quadrantChart', 'requirement', 'gitGraph', 'C4Context', 'C4Container', 'C4Component', 'C4Dynamic',
  'C4Deployment', 'mindmap', 'timeline', 'zenuml', 'sankey', 'xychart', 'block', 'packet',
  'architecture', 'kanban', 'radar', 'treemap', 'treeView', 'info', 'venn', 'ishikawa', 'railroad',
  'usecase', 'eventmodeling', 'agentflow', 'cynefin',
];

export type DiagramKind = 'flowchart' | 'other' | 'unknown';

export interface Preamble {
  /** Index where diagram statements (including comments before the header) begin. */
  bodyStart: number;
  title?: string;
  kind: DiagramKind;
  /** The first word of the diagram, e.g. `flowchart` or `sequenceDiagram`. */
  word: string;
  wordStart: number;
}

/** Reads front matter and finds the header word, without consuming anything after front matter. */
export function readPreamble(src: Source, problems: Problems): Preamble {
  let bodyStart = 0;
  let title: string | undefined;
  if (src.code(0) === 0xfeff) bodyStart = 1;
  if (isFenceLine(src, bodyStart)) {
    const fm = readFrontMatter(src, bodyStart, problems);
    bodyStart = fm.end;
    title = fm.title;
  }
  let wordStart = firstSignificant(src, bodyStart);
  if (bodyStart === 0 && isFenceLine(src, wordStart)) {
    problems.error(CODES.misplacedFrontMatter,
      'Front matter (`---` … `---`) must start on the very first line of the diagram; Mermaid rejects it anywhere else.',
      wordStart, wordStart + 3);
    // Read it anyway, so the title is kept and its lines are not reported as statements.
    const fm = readFrontMatter(src, wordStart, problems);
    bodyStart = fm.end;
    title = fm.title;
    wordStart = firstSignificant(src, bodyStart);
  }
  let wordEnd = wordStart;
  while (wordEnd < src.length && isHeaderWordChar(src.code(wordEnd))) wordEnd++;
  const word = src.text.slice(wordStart, wordEnd);
  return { bodyStart, title, kind: classify(word), word, wordStart };
}

function classify(word: string): DiagramKind {
  if (FLOWCHART_HEADERS.has(word)) return 'flowchart';
  if (word !== '' && OTHER_DIAGRAMS.some((d) => word.startsWith(d))) return 'other';
  return 'unknown';
}

function isHeaderWordChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === CH.DASH || c === CH.UNDERSCORE;
}

/** A line holding `---` and nothing but blanks. */
function isFenceLine(src: Source, i: number): boolean {
  if (!src.startsWith('---', i)) return false;
  const end = src.lineEnd(i);
  for (let k = i + 3; k < end; k++) if (!isBlank(src.code(k))) return false;
  return true;
}

function readFrontMatter(src: Source, start: number, problems: Problems): { end: number; title?: string } {
  let title: string | undefined;
  let line = src.lineEnd(start) + 1;
  while (line < src.length) {
    if (isFenceLine(src, line)) return { end: Math.min(src.length, src.lineEnd(line) + 1), title };
    const end = src.lineContentEnd(line);
    if (src.startsWith('title:', line)) title = yamlScalar(src.text.slice(line + 6, end));
    line = src.lineEnd(line) + 1;
  }
  problems.error(CODES.unclosedFrontMatter,
    'Front matter opened with `---` is never closed; add a `---` line before the diagram header.',
    start, start + 3);
  // Without a closing fence Mermaid sees no diagram at all; skip only the opening line so the rest
  // still gets diagnostics.
  return { end: Math.min(src.length, src.lineEnd(start) + 1), title };
}

/** The value of a one-line YAML scalar: quotes removed, a trailing `# comment` dropped. */
export function yamlScalar(raw: string): string | undefined {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  const hash = v.indexOf(' #');
  const plain = (hash === -1 ? v : v.slice(0, hash)).trim();
  return plain === '' ? undefined : plain;
}

/**
 * First index at or after `i` that is not whitespace, a `%%` comment line or a `%%{…}%%`
 * directive; those may come before the header.
 */
function firstSignificant(src: Source, i: number): number {
  while (i < src.length) {
    const c = src.code(i);
    if (c === CH.NL || isBlank(c)) {
      i++;
    } else if (src.startsWith('%%{', i)) {
      i = directiveEnd(src, i);
    } else if (src.startsWith('%%', i)) {
      i = src.lineEnd(i);
    } else {
      break;
    }
  }
  return i;
}

/** Index after the `}%%` closing the directive at `i`, or the end of its line when unclosed. */
export function directiveEnd(src: Source, i: number): number {
  const close = src.indexOf('}%%', i + 3);
  return close === -1 ? src.lineEnd(i) : close + 3;
}
