/**
 * Mermaid architecture-beta diagrams → the system model: services are components (their icon,
 * such as `database`, `server`, `internet` or `logos:openai`, feeds kind inference), groups are
 * trust boundaries, edges are flows and junctions are routed through (see flows.ts).
 * Pure and linear; never throws (the dispatcher guards the whole call).
 */
import type { ParseResult, Span } from '../../model';
import type { Preamble } from '../mermaid/preamble';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';
import { diagramResult, newDiagramCtx } from '../common/diagramCtx';
import { CODES } from './codes';
import { addFlows } from './flows';
import { parseArchitectureStatements } from './statements';

export function parseArchitecture(src: Source, problems: Problems, preamble: Preamble, modelSpan: Span): ParseResult {
  const ctx = newDiagramCtx(src, problems, CODES.relabelled);
  const state = parseArchitectureStatements(ctx, preamble.bodyStart);
  addFlows(ctx.model, state);
  return diagramResult(ctx, 'architecture', modelSpan, preamble);
}
