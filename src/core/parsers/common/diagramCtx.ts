/** The parse state the C4, architecture and sequence parsers share, and how it becomes a result. */
import type { DiagramType, ParseResult, Span, SystemModel } from '../../model';
import type { AnnotationCtx } from '../mermaid/annotations';
import type { Preamble } from '../mermaid/preamble';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';
import { DiagramBuilder } from './diagramBuilder';

export interface DiagramCtx extends AnnotationCtx {
  model: DiagramBuilder;
}

export function newDiagramCtx(src: Source, problems: Problems, relabelCode: string): DiagramCtx {
  return { src, problems, annotations: [], model: new DiagramBuilder(src, problems, relabelCode) };
}

export function diagramResult(ctx: DiagramCtx, diagram: DiagramType, modelSpan: Span, preamble: Preamble, title?: string): ParseResult {
  const { components, boundaries } = ctx.model.finish();
  const model: SystemModel = {
    format: 'mermaid', diagram, span: modelSpan, components, flows: ctx.model.flows, boundaries, annotations: ctx.annotations,
  };
  const name = preamble.title ?? title;
  if (name !== undefined && name !== '') model.name = name;
  return { model, problems: ctx.problems.list };
}
