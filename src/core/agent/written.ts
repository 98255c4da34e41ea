/**
 * The whole lines of the edited text that an edit wrote into: what a confirmation shows before a
 * decision is written, and what a tool reports after. Pure offsets, like every edit.
 */
import { applyEdits, type TextEdit } from '../edits';

export function writtenLines(text: string, edits: readonly TextEdit[]): { text: string; lines: string[] } {
  const after = applyEdits(text, edits);
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const lines: string[] = [];
  let shift = 0;
  for (const e of sorted) {
    const at = e.span.start + shift;
    shift += e.newText.length - (e.span.end - e.span.start);
    // From the start of the line the edit begins on to the end of the line it ends on; a line
    // break the insertion starts or ends with only separates it from the lines left as they were.
    const lead = /^(?:\r\n|\r|\n)/.exec(e.newText)?.[0].length ?? 0;
    const start = at + lead;
    const last = at + e.newText.replace(/(?:\r\n|\r|\n)$/, '').length;
    const from = Math.max(after.lastIndexOf('\n', start - 1), after.lastIndexOf('\r', start - 1)) + 1;
    const to = after.slice(last).search(/[\r\n]/);
    for (const l of after.slice(from, to < 0 ? after.length : last + to).split(/\r\n|\r|\n/)) if (l.trim() && !lines.includes(l)) lines.push(l);
  }
  return { text: after, lines };
}
