/** Compiler-style lines (`file:line:col severity rule message`) that terminals and CI logs link. */
import { LineIndex } from '../positions';
import type { CatalogLookup, FileResult } from './types';
import { printable, printablePath } from './escape';
import { findingMessage } from './messages';
import { coverageLine } from '../inference/recognition';

export function toText(results: FileResult[], lookup?: CatalogLookup): string {
  const lines: string[] = [];
  let open = 0;
  let decided = 0;
  for (const r of results) {
    const idx = new LineIndex(r.file.text);
    const path = printablePath(r.file.path);
    const at = (start: number) => {
      const p = idx.positionAt(start);
      return `${path}:${p.line + 1}:${p.character + 1}`;
    };
    for (const p of r.problems) lines.push(`${at(p.span.start)} ${p.severity} ${printable(p.code)} ${printable(p.message)}`);
    for (const f of r.findings) {
      if (f.status === 'open') open++;
      else decided++;
      const sev = f.status === 'open' ? f.severity : f.status;
      lines.push(`${at(f.span.start)} ${sev} ${printable(f.ruleId)} ${findingMessage(f, lookup)}`);
    }
  }
  const coverage = coverageLine(results);
  lines.push(`${results.length} file(s): ${open} open finding(s), ${decided} decided.${coverage ? ` ${coverage}.` : ''}`);
  return lines.join('\n') + '\n';
}
