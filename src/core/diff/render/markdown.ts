/**
 * Diff as a Markdown report (`--format markdown`): a summary table, then every change in its own
 * section. Every string from a model file is escaped.
 */
import { codeCell, codeSpan, escapeCell, escapeMarkdown } from '../../report/escape';
import type { CatalogLookup } from '../../report/types';
import type { ThreatDiff } from '../types';
import { findingTable, resolvedLines, structureLines } from './sections';
import { headline, STATUS_TEXT, type LinkOptions } from './shared';

export function diffToMarkdown(d: ThreatDiff, lookup: CatalogLookup, o: LinkOptions = {}): string {
  const out = [
    `# Threatlens: threat model changes, ${codeSpan(d.base.label)} → ${codeSpan(d.head.label)}`,
    '',
    `${escapeMarkdown(headline(d))}.`,
    '',
    '| New | New, open | Resolved | Status changes | Expired acceptances | Components +/− | Flows +/− |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${d.newFindings.length} | ${d.newFindings.filter((x) => x.finding.status === 'open').length} | ${d.resolved.length} | ${d.statusChanges.length} | ${d.reopened.length} | +${d.components.added.length} / −${d.components.removed.length} | +${d.flows.added.length} / −${d.flows.removed.length} |`,
    '',
  ];
  if (d.newFindings.length) out.push('## New findings', '', ...findingTable(d.newFindings, lookup, o), '');
  if (d.statusChanges.length) {
    out.push('## Status changes', '', '| Threat | Component | Where | Change |', '|---|---|---|---|');
    for (const c of d.statusChanges) {
      const why = c.expired ? ` (acceptance expired ${escapeCell(c.expired.expires ?? '')})` : '';
      out.push(`| ${escapeCell(c.finding.owasp[0] ?? c.finding.ruleId)} ${escapeCell(c.finding.title)} | ${codeCell(c.finding.componentId)} | ${escapeCell(c.path)}:${c.line} | ${STATUS_TEXT[c.from]} → **${STATUS_TEXT[c.to]}**${why} |`);
    }
    out.push('');
  }
  if (d.reopened.length) {
    out.push('## Accepted risks whose acceptance expired (open again)', '');
    for (const x of d.reopened) {
      out.push(`- ${codeSpan(x.finding.componentId)} ${escapeMarkdown(x.finding.owasp[0] ?? x.finding.ruleId)} ${escapeMarkdown(x.finding.title)}: accepted until ${escapeMarkdown(x.expired?.expires ?? '?')}${x.expired?.owner ? ` by ${escapeMarkdown(x.expired.owner)}` : ''} (${escapeMarkdown(x.expired?.text ?? '')}), ${escapeMarkdown(x.path)}:${x.line}`);
    }
    out.push('');
  }
  if (d.resolved.length) out.push('## Resolved findings', '', ...resolvedLines(d), '');
  const structure = structureLines(d);
  if (structure.length) out.push('## Architecture changes', '', ...structure, '');
  if (d.baselined) out.push(`${d.baselined} new finding(s) already recorded in the baseline are not shown.`, '');
  return out.join('\n');
}
