/**
 * The Mermaid notations besides the flowchart that Threatlens reads, chosen by the diagram's
 * header word the way Mermaid's own detectors choose (C4 by prefix, the others by name).
 */
import type { ParseResult, Span } from '../model';
import { parseArchitecture } from './architecture';
import { parseC4 } from './c4';
import type { Preamble } from './mermaid/preamble';
import type { Problems } from './mermaid/problems';
import type { Source } from './mermaid/source';
import { parseSequence } from './sequence';

const C4_HEADERS = ['C4Context', 'C4Container', 'C4Component', 'C4Dynamic', 'C4Deployment'];

/** Parses a non-flowchart diagram, or returns undefined when its type is not one Threatlens reads. */
export function parseOtherDiagram(src: Source, problems: Problems, preamble: Preamble, modelSpan: Span): ParseResult | undefined {
  const word = preamble.word;
  if (word === 'sequenceDiagram') return parseSequence(src, problems, preamble, modelSpan);
  if (word === 'architecture-beta') return parseArchitecture(src, problems, preamble, modelSpan);
  if (C4_HEADERS.some((h) => word.startsWith(h))) return parseC4(src, problems, preamble, modelSpan);
  return undefined;
}
