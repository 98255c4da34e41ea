/**
 * The pull-request comment (`--format pr-comment`): what this change does to the threat model,
 * new risks first, each with its line link, OWASP / ATLAS references and the suggested fix. It
 * stays short: the top few risks in full, everything in a collapsed <details> section. The first
 * line is a hidden marker so a workflow can update its previous comment instead of adding one.
 */
import { codeSpan, escapeMarkdown } from '../../report/escape';
import type { CatalogLookup } from '../../report/types';
import type { DiffFinding, ThreatDiff } from '../types';
import { findingTable, resolvedLines, structureLines } from './sections';
import { headline, otherRefs, placeLink, primaryLink, STATUS_TEXT, suggestedFix, type LinkOptions } from './shared';
import { appendAll } from '../../arrays';

export const PR_COMMENT_MARKER = '<!-- threatlens:pr-comment -->';

export interface PrCommentOptions extends LinkOptions {
  /** New risks described in full above the fold (default 5). */
  top?: number;
}

function risk(x: DiffFinding, i: number, lookup: CatalogLookup, o: LinkOptions): string[] {
  const f = x.finding;
  const state = f.status === 'open' ? '' : ` (${STATUS_TEXT[f.status]})`;
  const lines = [`${i + 1}. **${f.score.toFixed(1)} ${f.severity}**${state} · ${primaryLink(f, lookup)}: ${escapeMarkdown(f.title)} on ${codeSpan(f.componentId)} · ${placeLink(x.path, x.line, o)}`];
  const refs = otherRefs(f, lookup);
  if (refs) lines.push(`   ${refs}`);
  const fix = suggestedFix(f);
  if (fix && f.status === 'open') lines.push(`   Suggested fix: ${fix}`);
  // Two trailing spaces make GitHub keep the line breaks inside the list item.
  return lines.map((l, k) => (k < lines.length - 1 ? `${l}  ` : l));
}

export function diffToPrComment(d: ThreatDiff, lookup: CatalogLookup, o: PrCommentOptions = {}): string {
  const top = o.top ?? 5;
  const open = d.newFindings.filter((x) => x.finding.status === 'open');
  const bySeverity = ['critical', 'high', 'medium', 'low'].map((s) => [s, open.filter((x) => x.finding.severity === s).length] as const).filter(([, n]) => n > 0);
  const out = [PR_COMMENT_MARKER, `### Threatlens: ${escapeMarkdown(headline(d))}`, ''];
  out.push(`Threat model ${codeSpan(d.base.label)} → ${codeSpan(d.head.label)}${open.length ? `: **${open.length} new open risk${open.length === 1 ? '' : 's'}** (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')})` : ': no new open risks'}.`, '');
  if (d.newFindings.length) {
    out.push('**New risks**', '');
    d.newFindings.slice(0, top).forEach((x, i) => appendAll(out, risk(x, i, lookup, o)));
    if (d.newFindings.length > top) out.push('', `…and ${d.newFindings.length - top} more in the full list below.`);
    out.push('');
  }
  const regressions = d.statusChanges.filter((c) => c.to === 'open');
  const improvements = d.statusChanges.filter((c) => c.to !== 'open');
  if (regressions.length) {
    out.push('**Open again**', '');
    regressions.forEach((x, i) => appendAll(out, risk(x, i, lookup, o)));
    out.push('');
  }
  // Expired acceptances that this change turned open are already listed under "Open again".
  const reopenedAgain = new Set(regressions.map((c) => c.finding));
  const stillExpired = d.reopened.filter((x) => !reopenedAgain.has(x.finding));
  if (stillExpired.length) {
    out.push(`**Expired risk acceptances** (open until someone decides again): ${stillExpired.map((x) => `${codeSpan(x.finding.componentId)} ${escapeMarkdown(x.finding.owasp[0] ?? x.finding.ruleId)} (expired ${escapeMarkdown(x.expired?.expires ?? '?')}${x.expired?.owner ? `, owner ${escapeMarkdown(x.expired.owner)}` : ''}, ${placeLink(x.path, x.line, o)})`).join('; ')}`, '');
  }
  if (improvements.length) {
    out.push('**Decided**', '');
    for (const c of improvements) out.push(`- ${codeSpan(c.finding.componentId)} ${escapeMarkdown(c.finding.owasp[0] ?? c.finding.ruleId)} ${escapeMarkdown(c.finding.title)}: ${STATUS_TEXT[c.from]} → **${STATUS_TEXT[c.to]}**`);
    out.push('');
  }
  if (d.resolved.length) out.push(`**Resolved**: ${d.resolved.length === 1 ? '1 finding no longer applies' : `${d.resolved.length} findings no longer apply`} (listed below).`, '');
  if (d.baselined) out.push(`${d.baselined} new finding(s) already in the baseline are not repeated.`, '');

  const details: string[] = [];
  if (d.newFindings.length) details.push('#### New findings', '', ...findingTable(d.newFindings, lookup, o), '');
  if (d.statusChanges.length) {
    details.push('#### Status changes', '');
    for (const c of d.statusChanges) {
      const why = c.expired ? ` (acceptance expired ${escapeMarkdown(c.expired.expires ?? '')})` : '';
      details.push(`- ${codeSpan(c.finding.componentId)} ${escapeMarkdown(c.finding.owasp[0] ?? c.finding.ruleId)} ${escapeMarkdown(c.finding.title)}: ${STATUS_TEXT[c.from]} → ${STATUS_TEXT[c.to]}${why}, ${placeLink(c.path, c.line, o)}`);
    }
    details.push('');
  }
  if (d.resolved.length) details.push('#### Resolved findings', '', ...resolvedLines(d), '');
  const structure = structureLines(d);
  if (structure.length) details.push('#### Architecture changes', '', ...structure, '');
  if (details.length) {
    const n = d.newFindings.length + d.statusChanges.length + d.resolved.length + structure.length;
    out.push('<details>', `<summary>Full list of changes (${n})</summary>`, '', ...details, '</details>', '');
  }
  return out.join('\n');
}
