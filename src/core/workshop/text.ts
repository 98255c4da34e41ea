/** Wording the Markdown and HTML packs share, so both say the same thing. */
import type { CardDecision, DecisionLogRow, WorkshopPack } from './types';

export const DECISION_TYPE: Readonly<Record<CardDecision['type'], string>> = {
  mitigates: 'mitigate',
  accepts: 'accept',
  'not-applicable': 'not applicable',
};

export const STATUS_TEXT: Readonly<Record<string, string>> = {
  open: 'open', planned: 'mitigation planned', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable',
};

export function packTitle(p: WorkshopPack): string {
  return `Workshop pack: ${p.system ?? p.path}`;
}

export function countsLine(p: WorkshopPack): string {
  const c = p.counts;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [`${c.ai} AI`];
  if (c.unrecognised) parts.push(`${c.unrecognised} not recognised`);
  return `${plural(c.components, 'component')} (${parts.join(', ')}), ${plural(c.findings, 'finding')}: ${c.open} open, ${c.decided} decided.`;
}

export function totalLine(p: WorkshopPack): string {
  const a = p.agenda;
  const t = a.totalMinutes;
  const hours = `${Math.floor(t / 60)} h ${String(t % 60).padStart(2, '0')} min`;
  const sessions = a.sessions.length === 1 ? 'one session' : `${a.sessions.length} sessions of at most ${a.budget ?? 0} min`;
  const over = a.sessions.filter((s) => s.overrun).map((s) => s.index);
  return `Total: ${t} min (${hours}), ${sessions}.${over.length ? ` Session ${over.join(', ')} runs over the length asked for: one component's slot does not fit in it; split that discussion or give it more time.` : ''}`;
}

export function decisionWhat(r: DecisionLogRow): string {
  if (!r.type) return '';
  const detail = [r.decisionStatus, r.named ? `as ${r.named}` : ''].filter(Boolean).join(', ');
  return `${DECISION_TYPE[r.type]}${detail ? ` (${detail})` : ''}`;
}

export function decisionNote(d: CardDecision): string {
  const flags = [d.status, d.incomplete ? 'placeholder, still open' : '', d.expired ? 'expired' : ''].filter(Boolean).join(', ');
  const extra = [d.owner ? `owner ${d.owner}` : '', d.expires ? `until ${d.expires}` : ''].filter(Boolean).join(', ');
  return `${DECISION_TYPE[d.type]} ${d.threat}${flags ? ` (${flags})` : ''}: ${d.text}${extra ? ` (${extra})` : ''}`;
}

export const EMPTY_LOG = 'Nothing to log: the model has no finding.';
export const BLANK_PROMPT = 'Our decision, owner and date:';
