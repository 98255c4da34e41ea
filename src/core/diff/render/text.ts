/**
 * Diff as compiler-style lines (`file:line:col what ...`), so terminals and CI logs link them, with
 * a one-line summary first. Every path, id, label and date from the files goes through
 * `printable` (paths at the start of a line through `printablePath`): a file name holding a line
 * break must not print a line of its own.
 */
import { printable as p, printablePath } from '../../report/escape';
import { findingMessage } from '../../report/messages';
import type { CatalogLookup } from '../../report/types';
import type { DiffFinding, ThreatDiff } from '../types';
import { headline, RESOLVED_TEXT, sideLabel, STATUS_TEXT } from './shared';

const at = (x: DiffFinding) => `${printablePath(x.path)}:${x.line}:${x.column}`;
const quoted = (s: string) => `"${p(s)}"`;

export function diffToText(d: ThreatDiff, lookup?: CatalogLookup): string {
  const lines = [`Threatlens ${p(sideLabel(d))}: ${headline(d)}.`];
  for (const x of d.newFindings) lines.push(`${at(x)} new ${x.finding.status === 'open' ? x.finding.severity : x.finding.status} ${p(x.finding.ruleId)} ${findingMessage(x.finding, lookup)}`);
  for (const x of d.statusChanges) {
    const why = x.expired ? ` (acceptance expired ${p(x.expired.expires ?? '')})` : '';
    lines.push(`${at(x)} changed ${STATUS_TEXT[x.from]} -> ${STATUS_TEXT[x.to]}${why} ${p(x.finding.ruleId)} ${findingMessage(x.finding, lookup)}`);
  }
  for (const x of d.reopened) {
    const owner = x.expired?.owner ? ` (owner ${p(x.expired.owner)})` : '';
    lines.push(`${at(x)} reopened acceptance expired on ${p(x.expired?.expires ?? '?')}${owner}, open again: ${p(x.finding.ruleId)} ${findingMessage(x.finding, lookup)}`);
  }
  for (const r of d.resolved) {
    const f = r.record;
    lines.push(`${printablePath(f.path)}${f.line ? `:${f.line}` : ''} resolved (${RESOLVED_TEXT[r.reason]}) ${p(f.ruleId)} ${p(f.owasp[0] ?? '')}: ${p(f.title ?? '')} on ${quoted(f.componentId)}`);
  }
  for (const c of d.components.added) lines.push(`${printablePath(c.path)}:${c.line} component added: ${p(c.id)} (${p(c.kind)}) ${quoted(c.label)}`);
  for (const c of d.components.removed) lines.push(`${printablePath(c.path)}:${c.line} component removed (base line): ${p(c.id)} (${p(c.kind)}) ${quoted(c.label)}`);
  for (const f of d.flows.added) lines.push(`${printablePath(f.path)}:${f.line} flow added: ${p(f.from)} -> ${p(f.to)}${f.label ? ` ${quoted(f.label)}` : ''}`);
  for (const f of d.flows.removed) lines.push(`${printablePath(f.path)}:${f.line} flow removed (base line): ${p(f.from)} -> ${p(f.to)}${f.label ? ` ${quoted(f.label)}` : ''}`);
  if (d.baselined) lines.push(`${d.baselined} new finding(s) already in the baseline are not shown.`);
  return `${lines.join('\n')}\n`;
}
