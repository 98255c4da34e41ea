/** Helpers the diff renderers share: labels, references, line links. */
import type { Finding, FindingStatus } from '../../analysis/finding';
import { escapeMarkdown } from '../../report/escape';
import type { CatalogLookup } from '../../report/types';
import type { ResolvedReason, ThreatDiff } from '../types';

export const STATUS_TEXT: Record<FindingStatus, string> = { open: 'open', planned: 'planned', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable' };

export const RESOLVED_TEXT: Record<ResolvedReason, string> = {
  'file-removed': 'file removed',
  'component-removed': 'component removed',
  'no-longer-applies': 'no longer applies',
};

/** `2 new, 1 resolved, 1 status change` (only the non-zero parts; `no threat changes` otherwise). */
export function headline(d: ThreatDiff): string {
  const n = (count: number, one: string, many = `${one}s`) => (count ? `${count} ${count === 1 ? one : many}` : '');
  const parts = [
    n(d.newFindings.length, 'new finding'),
    n(d.resolved.length, 'resolved', 'resolved'),
    n(d.statusChanges.length, 'status change'),
    n(d.reopened.length, 'expired acceptance'),
    n(d.components.added.length + d.components.removed.length, 'component change'),
    n(d.flows.added.length + d.flows.removed.length, 'flow change'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no threat changes';
}

export interface LinkOptions {
  /** `https://github.com/o/r/blob/<sha>/`: file paths are appended, then `#L<line>`. */
  linkBase?: string;
}

/** Checks a `--link-base` value: an http(s) URL; returns it with a trailing slash, or an error. */
export function normalizeLinkBase(value: string): { url: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return { error: `--link-base must be an absolute URL (got "${value}")` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: '--link-base must be an http(s) URL' };
  const s = u.href;
  return { url: s.endsWith('/') ? s : `${s}/` };
}

/** URL of a line, with every path segment encoded so that it cannot break out of a Markdown link. */
export function lineUrl(linkBase: string, path: string, line: number): string {
  const safeBase = linkBase.replace(/[()\s<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const segment = (x: string) => encodeURIComponent(x).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `${safeBase}${path.split('/').map(segment).join('/')}#L${line}`;
}

/** `examples/x.mmd:15` as a Markdown link when a link base is given, else as escaped text. */
export function placeLink(path: string, line: number, o: LinkOptions): string {
  const text = `${escapeMarkdown(path)}:${line}`;
  return o.linkBase ? `[${text}](${lineUrl(o.linkBase, path, line)})` : text;
}

/** `[LLM01:2025](url) Prompt Injection` for the primary OWASP entry. */
export function primaryLink(f: Finding, lookup: CatalogLookup): string {
  const id = f.owasp[0] ?? f.ruleId;
  const r = lookup.owasp(id);
  if (!r) return escapeMarkdown(id);
  return r.url ? `[${r.id}](${r.url}) ${escapeMarkdown(r.name)}` : `${r.id} ${escapeMarkdown(r.name)}`;
}

/** Other OWASP entries and the ATLAS techniques, linked. */
export function otherRefs(f: Finding, lookup: CatalogLookup): string {
  const owasp = f.owasp.slice(1).map((o) => { const r = lookup.owasp(o); return r?.url ? `[${o}](${r.url})` : o; });
  const atlas = f.atlas.map((a) => { const r = lookup.atlas(a); return r?.url ? `[${a}](${r.url})` : a; });
  return [owasp.length ? `also ${owasp.join(', ')}` : '', atlas.length ? `ATLAS ${atlas.join(', ')}` : ''].filter(Boolean).join(' · ');
}

/** The first suggested control, as the fix to propose. */
export function suggestedFix(f: Finding): string {
  const m = f.mitigations[0];
  return m ? `**${escapeMarkdown(m.name)}**: ${escapeMarkdown(m.stub)}` : '';
}

export function sideLabel(d: ThreatDiff): string {
  return `${d.base.label} → ${d.head.label}`;
}
