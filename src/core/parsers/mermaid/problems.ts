import type { Problem, ProblemSeverity } from '../../model';
import type { Source } from './source';

/** Stable problem codes; consumers (quick fixes, docs) match on these strings. */
export const CODES = {
  unsupportedDiagram: 'mermaid/unsupported-diagram',
  missingHeader: 'mermaid/missing-header',
  unknownDirection: 'mermaid/unknown-direction',
  unclosedFrontMatter: 'mermaid/unclosed-front-matter',
  misplacedFrontMatter: 'mermaid/misplaced-front-matter',
  unterminatedDirective: 'mermaid/unterminated-directive',
  unclosedBracket: 'mermaid/unclosed-bracket',
  unterminatedString: 'mermaid/unterminated-string',
  specialCharInLabel: 'mermaid/special-char-in-label',
  unexpectedText: 'mermaid/unexpected-text',
  missingNode: 'mermaid/missing-node',
  unterminatedEdgeLabel: 'mermaid/unterminated-edge-label',
  unexpectedEnd: 'mermaid/unexpected-end',
  missingEnd: 'mermaid/missing-end',
  reservedWord: 'mermaid/reserved-word',
  trailingComment: 'mermaid/trailing-comment',
  unclosedShapeData: 'mermaid/unclosed-shape-data',
  unknownShape: 'mermaid/unknown-shape',
  relabelledNode: 'mermaid/relabelled-node',
  duplicateSubgraph: 'mermaid/duplicate-subgraph',
  subgraphCycle: 'mermaid/subgraph-cycle',
  duplicateEdgeId: 'mermaid/duplicate-edge-id',
  tooManyEdges: 'mermaid/too-many-edges',
  classBeforeNode: 'mermaid/class-before-node',
  unknownClassTarget: 'mermaid/unknown-class-target',
  malformedStatement: 'mermaid/malformed-statement',
  linkStyleRange: 'mermaid/link-style-out-of-range',
  internalError: 'mermaid/internal-error',
  annotationSyntax: 'annotation/syntax',
} as const;

export class Problems {
  readonly list: Problem[] = [];

  constructor(private readonly src: Source) {}

  add(severity: ProblemSeverity, code: string, message: string, start: number, end: number, suggestions?: string[]): void {
    // A zero-width problem at a line end is invisible in editors; widen it to one character when possible.
    if (end <= start && start < this.src.length) end = start + 1;
    const problem: Problem = { code, message, severity, span: this.src.span(start, end) };
    if (suggestions && suggestions.length > 0) problem.suggestions = suggestions;
    this.list.push(problem);
  }

  error(code: string, message: string, start: number, end: number, suggestions?: string[]): void {
    this.add('error', code, message, start, end, suggestions);
  }

  warning(code: string, message: string, start: number, end: number): void {
    this.add('warning', code, message, start, end);
  }
}

/** Shortens a fragment of source for use inside a message. */
export function quoteSnippet(s: string, max = 40): string {
  const oneLine = s.slice(0, max * 2).replace(/\s+/g, ' ').trim();
  return '`' + (oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine) + '`';
}
