/**
 * The drawings the walkthrough shows: one Mermaid flowchart per model, generated from the model
 * (not the file's own Mermaid text), so the panel draws exactly what Threatlens read, every label
 * is escaped by one generator, and each drawn node maps back to a component key.
 */
import { sourceDirection, toMermaid } from '../convert/toMermaid';
import type { ParsedFile } from '../document';
import { LineIndex } from '../positions';
import { componentKey } from './components';
import type { DiagramView } from './types';

export type { DiagramView };


export function diagramViews(file: ParsedFile): DiagramView[] {
  const index = new LineIndex(file.text);
  return file.models.map((m, i) => {
    const direction = m.format === 'mermaid' ? sourceDirection(file.text.slice(m.span.start, m.span.end)) : undefined;
    const d = toMermaid(m, { direction: direction ?? 'LR', annotations: false, title: false });
    const nodes: Record<string, string> = {};
    for (const [mid, cid] of Object.entries(d.nodes)) nodes[mid] = componentKey(i, cid);
    const line = index.positionAt(m.span.start).line + 1;
    const title = m.name ?? (file.models.length > 1 || file.format === 'markdown' ? `Diagram ${i + 1} (line ${line})` : 'Diagram');
    return { modelIndex: i, title, source: d.text, nodes, boundaries: d.boundaries };
  });
}
