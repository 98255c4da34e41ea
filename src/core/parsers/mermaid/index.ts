import { emptyModel, type ParseResult, type Problem, type SystemModel } from '../../model';
import { parseOtherDiagram } from '../diagrams';
import { ModelBuilder } from './builder';
import type { Ctx } from './context';
import { readPreamble } from './preamble';
import { CODES, Problems } from './problems';
import { Source } from './source';
import { parseStatements } from './statements';

/**
 * Parses a Mermaid flowchart into the system model. `text` is the diagram source (a `.mmd` file or
 * a Markdown fence's content); `offset` is where it starts in the enclosing file, and every span in
 * the result is an offset into that file. Never throws: syntax errors become problems and the rest
 * of the diagram is still read. C4, architecture-beta and sequence diagrams go to their own parsers
 * (src/core/parsers/diagrams.ts); other Mermaid diagram types give an empty model and one info problem.
 */
export function parseMermaid(text: string, offset = 0): ParseResult {
  const safeText = typeof text === 'string' ? text : '';
  const safeOffset = Number.isFinite(offset) && offset >= 0 ? Math.floor(offset) : 0;
  const modelSpan = { start: safeOffset, end: safeOffset + safeText.length };
  try {
    return parseFlowchart(new Source(safeText, safeOffset), modelSpan);
  } catch (e) {
    // Statements are isolated individually; this only guards the assembly around them.
    const problem: Problem = {
      code: CODES.internalError,
      message: `Threatlens could not read this diagram (${e instanceof Error ? e.message : String(e)}).`,
      severity: 'error',
      span: modelSpan,
    };
    return { model: emptyModel('mermaid', modelSpan), problems: [problem] };
  }
}

function parseFlowchart(src: Source, modelSpan: { start: number; end: number }): ParseResult {
  const problems = new Problems(src);
  const preamble = readPreamble(src, problems);
  if (preamble.kind === 'other') {
    const other = parseOtherDiagram(src, problems, preamble, modelSpan);
    if (other) return other;
    const unsupported: Problem = {
      code: CODES.unsupportedDiagram,
      message: `Threatlens reads Mermaid flowcharts, C4, architecture-beta and sequence diagrams; this \`${preamble.word}\` diagram is not analysed.`,
      severity: 'info',
      span: src.span(preamble.wordStart, preamble.wordStart + preamble.word.length),
    };
    return { model: emptyModel('mermaid', modelSpan), problems: [unsupported] };
  }
  const model = new ModelBuilder(src, problems);
  const ctx: Ctx = { src, problems, model, annotations: [] };
  parseStatements(ctx, preamble.bodyStart);
  const { components, boundaries, classDefs } = model.finish();
  const result: SystemModel = {
    format: 'mermaid',
    span: modelSpan,
    components,
    flows: model.flows,
    boundaries,
    annotations: ctx.annotations,
    classDefs,
  };
  if (preamble.title !== undefined) result.name = preamble.title;
  return { model: result, problems: problems.list };
}
