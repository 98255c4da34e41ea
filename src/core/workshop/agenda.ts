/**
 * The session plan with timeboxes. The rule, printed with the agenda so a facilitator can redo it:
 *
 * - Scope (what are we working on?): 10 minutes.
 * - One slot per component, in walkthrough order (riskiest first): 2 minutes to walk the box (or
 *   agree on the kind of one Threatlens did not recognise) and 1 more per 4 of its questions, plus
 *   4 per open finding and 1 per decided one (a recorded decision only needs confirming); at most
 *   30 minutes.
 * - A 10-minute break before a component slot once 90 minutes have passed since the session
 *   started or the last break.
 * - Wrap-up (decision log, owners, next steps): 10 minutes, plus 1 per 5 open findings, at most 20.
 * - With a session length (`--minutes N`), components are packed in order into sessions of at most
 *   N minutes: every session but the first opens with a 5-minute recap, every session but the last
 *   ends with a 5-minute close. A slot never splits; one too long for any session gets a session of
 *   its own, flagged as running over.
 */
import type { Agenda, AgendaItem, AgendaSession, QuestionCard } from './types';

export const SCOPE_MINUTES = 10;
export const RECAP_MINUTES = 5;
export const CLOSE_MINUTES = 5;
export const BREAK_MINUTES = 10;
export const BREAK_EVERY = 90;
export const SLOT_MAX = 30;
/** Shortest session `--minutes` accepts: scope, one short slot and the wrap-up. */
export const MIN_SESSION = 30;

export const AGENDA_RULE = [
  `Scope ${SCOPE_MINUTES} min.`,
  `Each component: 2 min, +1 per 4 of its questions, +4 per open finding, +1 per decided finding, at most ${SLOT_MAX} min.`,
  `A ${BREAK_MINUTES}-min break before the next component once ${BREAK_EVERY} min have run since the start or the last break.`,
  'Wrap-up 10 min, +1 per 5 open findings, at most 20 min.',
  `With a session length, components are packed in order into sessions no longer than it; later sessions open with a ${RECAP_MINUTES}-min recap, earlier ones end with a ${CLOSE_MINUTES}-min close.`,
].join(' ');

export function slotMinutes(card: QuestionCard): { minutes: number; basis: string } {
  const open = card.findings.filter((f) => f.status === 'open').length;
  const decided = card.findings.length - open;
  const asked = card.questions.reduce((n, g) => n + g.questions.length, 0);
  const perQuestions = Math.floor(asked / 4);
  const raw = 2 + perQuestions + 4 * open + decided;
  const minutes = Math.min(SLOT_MAX, raw);
  const parts = [card.unrecognised ? '2 to agree on its kind' : '2 for the box'];
  if (perQuestions) parts.push(`${perQuestions} for ${asked} questions`);
  if (open) parts.push(`${4 * open} for ${open} open finding${open === 1 ? '' : 's'}`);
  if (decided) parts.push(`${decided} for ${decided} decided`);
  return { minutes, basis: `${parts.join(' + ')}${raw > SLOT_MAX ? `, capped at ${SLOT_MAX}` : ''}` };
}

export function wrapUpMinutes(openFindings: number): number {
  return Math.min(20, 10 + Math.ceil(openFindings / 5));
}

interface Slot {
  item: Omit<AgendaItem, 'start'>;
}

/** Lays slots out one after the other, with a break whenever one is due before a component. */
function layOut(index: number, slots: readonly Slot[]): AgendaSession {
  const items: AgendaItem[] = [];
  let t = 0;
  let sinceBreak = 0;
  for (const s of slots) {
    if (s.item.type === 'component' && sinceBreak >= BREAK_EVERY) {
      items.push({ type: 'break', title: 'Break', minutes: BREAK_MINUTES, start: t });
      t += BREAK_MINUTES;
      sinceBreak = 0;
    }
    items.push({ ...s.item, start: t });
    t += s.item.minutes;
    sinceBreak += s.item.minutes;
  }
  return { index, items, minutes: t, overrun: false };
}

export function buildAgenda(cards: readonly QuestionCard[], openFindings: number, budget?: number): Agenda {
  const scope: Slot = { item: { type: 'scope', title: 'Scope: what are we working on?', minutes: SCOPE_MINUTES } };
  const wrap: Slot = { item: { type: 'wrap-up', title: 'Wrap-up: decision log, owners and next steps', minutes: wrapUpMinutes(openFindings) } };
  const components: Slot[] = cards.map((c, cardIndex) => {
    const { minutes, basis } = slotMinutes(c);
    return { item: { type: 'component', title: c.title, minutes, cardIndex, basis } };
  });
  if (budget === undefined) {
    const session = layOut(1, [scope, ...components, wrap]);
    return { sessions: [session], totalMinutes: session.minutes };
  }
  const recap: Slot = { item: { type: 'recap', title: 'Recap: decisions so far, what this session covers', minutes: RECAP_MINUTES } };
  const close: Slot = { item: { type: 'close', title: 'Close: note what carries over to the next session', minutes: CLOSE_MINUTES } };
  // Greedy packing: a session is full when the next slot and the closing slot would not fit.
  const groups: Slot[][] = [];
  let current: Slot[] = [scope];
  const fits = (slots: readonly Slot[], ending: Slot) => layOut(0, [...slots, ending]).minutes <= budget;
  for (const [i, c] of components.entries()) {
    const lastOne = i === components.length - 1;
    const candidate = [...current, c];
    if (fits(candidate, lastOne ? wrap : close) || current.every((s) => s.item.type !== 'component')) {
      current = candidate;
      continue;
    }
    groups.push([...current, close]);
    current = [recap, c];
  }
  groups.push([...current, wrap]);
  const sessions = groups.map((g, i) => {
    const s = layOut(i + 1, g);
    return { ...s, overrun: s.minutes > budget };
  });
  return { sessions, totalMinutes: sessions.reduce((n, s) => n + s.minutes, 0), budget };
}

/** `h:mm` for minutes from a session's start. */
export function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
