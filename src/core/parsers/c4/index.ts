/**
 * Mermaid C4 diagrams (C4Context, C4Container, C4Component, C4Dynamic, C4Deployment) → the system
 * model: people, systems, containers and components (with their Db, Queue and _Ext forms) are
 * components whose technology and description feed kind inference; boundaries and deployment
 * nodes are trust boundaries; Rel, BiRel and the directed Rel_U/D/L/R forms are flows.
 * Pure and linear; never throws (the dispatcher guards the whole call).
 */
import type { ParseResult, Span } from '../../model';
import type { Preamble } from '../mermaid/preamble';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';
import { diagramResult, newDiagramCtx } from '../common/diagramCtx';
import { CODES } from './codes';
import { parseC4Statements } from './statements';

export function parseC4(src: Source, problems: Problems, preamble: Preamble, modelSpan: Span): ParseResult {
  const ctx = newDiagramCtx(src, problems, CODES.relabelled);
  const state = parseC4Statements(ctx, preamble.bodyStart);
  return diagramResult(ctx, 'c4', modelSpan, preamble, state.title);
}
