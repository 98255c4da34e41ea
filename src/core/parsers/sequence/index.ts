/**
 * Mermaid sequence diagrams → the system model: participants and actors (including those made by
 * `create` or first named in a message) are components, messages are flows, `box` groups are
 * trust boundaries, and the blocks around messages (`loop`, `alt`, `par`, …) are traversed.
 * Pure and linear; never throws (the dispatcher guards the whole call).
 */
import type { ParseResult, Span } from '../../model';
import type { Preamble } from '../mermaid/preamble';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';
import { diagramResult, newDiagramCtx } from '../common/diagramCtx';
import { CODES } from './codes';
import { parseSequenceStatements } from './statements';

export function parseSequence(src: Source, problems: Problems, preamble: Preamble, modelSpan: Span): ParseResult {
  const ctx = newDiagramCtx(src, problems, CODES.relabelled);
  parseSequenceStatements(ctx, preamble.bodyStart);
  return diagramResult(ctx, 'sequence', modelSpan, preamble);
}
