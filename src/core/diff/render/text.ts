/**
 * Diff as compiler-style lines (`file:line:col what ...`), so terminals and CI logs link them, with
 * a one-line summary first.
 */
import { findingMessage } from '../../report/messages';
import type { CatalogLookup } from '../../report/types';
import type { DiffFinding, ThreatDiff } from '../types';
import { headline, RESOLVED_TEXT, sideLabel, STATUS_TEXT } from './shared';

const at = (x: DiffFinding) => `${x.path}:${x.line}:${x.column}`;

export function diffToText(d: ThreatDiff, lookup?: CatalogLookup): string {
  const lines = [`Threatlens ${sideLabel(d)}: ${headline(d)}.`];
  for (const x of d.newFindings) lines.push(`${at(x)} new ${x.finding.status === 'open' ? x.finding.severity : x.finding.status} ${x.finding.ruleId} ${findingMessage(x.finding, lookup)}`);
  for (const x of d.statusChanges) {
    const why = x.expired ? ` (acceptance expired ${x.expired.expires ?? ''})` : '';
    lines.push(`${at(x)} changed ${STATUS_TEXT[x.from]} -> ${STATUS_TEXT[x.to]}${why} ${x.finding.ruleId} ${findingMessage(x.finding, lookup)}`);
  }
  for (const x of d.reopened) {
    const owner = x.expired?.owner ? ` (owner ${x.expired.owner})` : '';
    lines.push(`${at(x)} reopened acceptance expired on ${x.expired?.expires ?? '?'}${owner}, open again: ${x.finding.ruleId} ${findingMessage(x.finding, lookup)}`);
  }
  for (const r of d.resolved) {
    const f = r.record;
    lines.push(`${f.path}${f.line ? `:${f.line}` : ''} resolved (${RESOLVED_TEXT[r.reason]}) ${f.ruleId} ${f.owasp[0] ?? ''}: ${f.title ?? ''} on "${f.componentId}"`);
  }
  for (const c of d.components.added) lines.push(`${c.path}:${c.line} component added: ${c.id} (${c.kind}) "${c.label}"`);
  for (const c of d.components.removed) lines.push(`${c.path}:${c.line} component removed (base line): ${c.id} (${c.kind}) "${c.label}"`);
  for (const f of d.flows.added) lines.push(`${f.path}:${f.line} flow added: ${f.from} -> ${f.to}${f.label ? ` "${f.label}"` : ''}`);
  for (const f of d.flows.removed) lines.push(`${f.path}:${f.line} flow removed (base line): ${f.from} -> ${f.to}${f.label ? ` "${f.label}"` : ''}`);
  if (d.baselined) lines.push(`${d.baselined} new finding(s) already in the baseline are not shown.`);
  return `${lines.join('\n')}\n`;
}
