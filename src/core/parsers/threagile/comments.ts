/**
 * Decisions in a Threagile file are YAML comments in the Mermaid annotation syntax, so the file
 * stays a valid Threagile model: `# @mitigates <asset-id> against LLM01:2025 with "…" (implemented)`.
 * Threagile's own `risk_tracking` keys its entries by generated risk ids, which name no OWASP entry.
 */
import type { Annotation, Problem } from '../../model';
import { parseAnnotation } from '../mermaid/annotations';
import { CH } from '../mermaid/chars';
import { Problems } from '../mermaid/problems';
import { Source } from '../mermaid/source';
import { appendAll } from '../../arrays';

export function parseThreagileComments(text: string, out: Problem[]): Annotation[] {
  const src = new Source(text, 0);
  const problems = new Problems(src);
  const annotations: Annotation[] = [];
  for (let line = 0; line < src.length; line = src.lineEnd(line) + 1) {
    const hash = src.skipBlanks(line);
    if (src.code(hash) !== CH.HASH) continue;
    const at = src.skipBlanks(hash + 1);
    if (src.code(at) === CH.AT) parseAnnotation({ src, problems, annotations }, hash, at, src.lineContentEnd(at));
  }
  appendAll(out, problems.list);
  return annotations;
}
