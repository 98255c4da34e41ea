/** Markdown pieces shared by the diff report and the pull-request comment. */
import { codeCell, codeSpan, escapeCell, escapeMarkdown } from '../../report/escape';
import { statusDetail } from '../../report/messages';
import type { CatalogLookup } from '../../report/types';
import type { DiffFinding, ThreatDiff } from '../types';
import { placeLink, RESOLVED_TEXT, STATUS_TEXT, type LinkOptions } from './shared';

export function findingTable(items: readonly DiffFinding[], lookup: CatalogLookup, o: LinkOptions): string[] {
  const out = ['| Score | Severity | Status | Threat | Component | Where | Suggested control |', '|---:|---|---|---|---|---|---|'];
  for (const x of items) {
    const f = x.finding;
    const primary = lookup.owasp(f.owasp[0] ?? '');
    const threat = `${escapeCell(f.owasp[0] ?? f.ruleId)} ${escapeCell(primary?.name ?? '')}: ${escapeCell(f.title)}`;
    const detail = statusDetail(f);
    out.push(`| ${f.score.toFixed(1)} | ${f.severity} | ${STATUS_TEXT[f.status]}${detail ? ` (${escapeCell(detail)})` : ''} | ${threat} | ${codeCell(f.componentId)} | ${placeLink(x.path, x.line, o)} | ${escapeCell(f.mitigations[0]?.name ?? '')} |`);
  }
  return out;
}

export function resolvedLines(d: ThreatDiff): string[] {
  return d.resolved.map(({ record: r, reason }) =>
    `- ${codeSpan(r.componentId)} ${escapeMarkdown(r.owasp[0] ?? r.ruleId)} ${escapeMarkdown(r.title ?? '')} (${escapeMarkdown(r.ruleId)}, was ${r.status ? STATUS_TEXT[r.status] : 'known'}): ${RESOLVED_TEXT[reason]}, ${escapeMarkdown(r.path)}${r.line ? `:${r.line}` : ''}`);
}

export function structureLines(d: ThreatDiff): string[] {
  const flow = (f: { from: string; to: string; label?: string }) => `${codeSpan(f.from)} → ${codeSpan(f.to)}${f.label ? ` (${escapeMarkdown(f.label)})` : ''}`;
  return [
    ...d.components.added.map((c) => `- Component added: ${codeSpan(c.id)} ${escapeMarkdown(c.label)} (${escapeMarkdown(c.kind)}), ${escapeMarkdown(c.path)}:${c.line}`),
    ...d.components.removed.map((c) => `- Component removed: ${codeSpan(c.id)} ${escapeMarkdown(c.label)} (${escapeMarkdown(c.kind)}), ${escapeMarkdown(c.path)}`),
    ...d.flows.added.map((f) => `- Flow added: ${flow(f)}, ${escapeMarkdown(f.path)}:${f.line}`),
    ...d.flows.removed.map((f) => `- Flow removed: ${flow(f)}, ${escapeMarkdown(f.path)}`),
  ];
}
