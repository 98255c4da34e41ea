/**
 * A decision request as an agent sends it (loose JSON: the MCP client's arguments, a Copilot tool
 * call's input), checked field by field into a DecisionInput. Whether a control or reason is a
 * placeholder is decided later, by planDecision, for every caller alike.
 */
import type { DecisionStatus } from '../model';
import { DECISION_STATUSES, type DecisionInput } from './decide';

export const DECISION_KINDS = ['mitigate', 'accept', 'not-applicable'] as const;

function text(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  return typeof v === 'string' ? v : undefined;
}

/** The input, or what is wrong with it, in words a model can act on. */
export function decisionInputOf(raw: unknown): DecisionInput | { error: string } {
  if (typeof raw !== 'object' || raw === null) return { error: 'The input must be an object with componentId, ruleId and decision.' };
  const r = raw as Record<string, unknown>;
  const componentId = text(r, 'componentId')?.trim();
  const ruleId = text(r, 'ruleId')?.trim();
  const decision = text(r, 'decision');
  if (!componentId || !ruleId) return { error: 'componentId and ruleId are required: take them from a finding of the check.' };
  if (!(DECISION_KINDS as readonly string[]).includes(decision ?? '')) return { error: `decision must be one of ${DECISION_KINDS.join(', ')}.` };
  for (const key of ['control', 'status', 'reason', 'owner', 'expires']) {
    if (r[key] !== undefined && typeof r[key] !== 'string') return { error: `${key} must be a string.` };
  }
  if (decision === 'mitigate') {
    const status = text(r, 'status');
    if (status !== undefined && !(DECISION_STATUSES as readonly string[]).includes(status)) return { error: `status must be one of ${DECISION_STATUSES.join(', ')}.` };
    return { componentId, ruleId, decision, control: text(r, 'control') ?? '', ...(status ? { status: status as DecisionStatus } : {}) };
  }
  const reason = text(r, 'reason') ?? '';
  if (decision === 'not-applicable') return { componentId, ruleId, decision, reason };
  const owner = text(r, 'owner');
  const expires = text(r, 'expires');
  return { componentId, ruleId, decision: 'accept', reason, ...(owner !== undefined ? { owner } : {}), ...(expires !== undefined ? { expires } : {}) };
}

/** What a confirmation (before) or an answer (after) says about a planned write. */
export function plannedWrite(path: string, lines: readonly string[]): string {
  return `${path}:\n${lines.map((l) => `  ${l.trim()}`).join('\n')}`;
}

/** What a tool says once the decision is written: the lines, and the finding's status now. */
export function writtenText(path: string, lines: readonly string[], f: { ruleId: string; componentId: string }, status: string | undefined): string {
  return `Wrote to ${plannedWrite(path, lines)}\n${f.ruleId} on "${f.componentId}" is now ${status ?? 'no longer reported'}.`;
}
