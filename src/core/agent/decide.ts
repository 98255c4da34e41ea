/**
 * An agent recording a decision about one finding: which finding (component and rule id), what
 * was decided, and the edit that writes it, computed by the same edit code as the quick fixes.
 * An agent must not make up a decision nobody made, so a placeholder control or reason (blank,
 * `TODO…`, the text a quick fix leaves to be typed over) is refused instead of written; so is a
 * request for a finding the file does not have. Pure: the caller reads and writes the file.
 */
import { isPlaceholder } from '../analysis/decisionState';
import type { Finding } from '../analysis/finding';
import { decisionEdits, type DecisionRequest, type TextEdit } from '../edits';
import type { Engine } from '../engine';
import type { DecisionStatus } from '../model';
import type { FileResult } from '../report/types';
import { writtenLines } from './written';

export const DECISION_STATUSES: readonly DecisionStatus[] = ['planned', 'implemented', 'verified'];

export type DecisionInput =
  | { componentId: string; ruleId: string; decision: 'mitigate'; control: string; status?: DecisionStatus }
  | { componentId: string; ruleId: string; decision: 'accept'; reason: string; owner?: string; expires?: string }
  | { componentId: string; ruleId: string; decision: 'not-applicable'; reason: string };

export type DecisionPlan =
  | { kind: 'refused'; message: string }
  /** The file already says this: nothing to write. */
  | { kind: 'unchanged'; message: string; finding: Finding }
  | { kind: 'edit'; finding: Finding; request: Exclude<DecisionRequest, { type: 'kind' }>; edits: TextEdit[]; text: string; lines: string[] };

/** The finding of `ruleId` on `componentId`, or why there is none (with the rules that are there). */
export function findFinding(r: FileResult, componentId: string, ruleId: string): Finding | string {
  const f = r.findings.find((x) => x.componentId === componentId && x.ruleId === ruleId);
  if (f) return f;
  const on = r.findings.filter((x) => x.componentId === componentId).map((x) => x.ruleId);
  if (on.length) return `${r.file.path} has no finding ${ruleId} on "${componentId}"; its findings there are ${on.join(', ')}.`;
  const components = [...new Set(r.findings.map((x) => x.componentId))];
  return `${r.file.path} has no finding on "${componentId}"${components.length ? `; components with findings: ${components.join(', ')}` : ''}.`;
}

/** Why the input cannot be written as given, if it cannot. */
function invalid(input: DecisionInput): string | undefined {
  if (input.decision === 'mitigate') {
    if (isPlaceholder(input.control)) return 'The control is blank or a placeholder (TODO…): name the control that is (or will be) in place.';
    if (input.status !== undefined && !DECISION_STATUSES.includes(input.status)) return `The status must be one of ${DECISION_STATUSES.join(', ')}.`;
    return undefined;
  }
  if (isPlaceholder(input.reason)) {
    return `The reason is blank or a placeholder (TODO…): a decision needs the real reason why the ${input.decision === 'accept' ? 'risk is acceptable' : 'threat does not apply'}; ask the people who own it.`;
  }
  if (input.decision === 'accept' && input.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.expires)) return 'The expiry must be a date, YYYY-MM-DD.';
  if (input.decision === 'accept' && input.owner !== undefined && isPlaceholder(input.owner)) return 'The owner is blank or a placeholder: name who owns the risk, or leave the owner out.';
  return undefined;
}

function requestOf(input: DecisionInput, f: Finding): Exclude<DecisionRequest, { type: 'kind' }> {
  // The rule id names this one finding (not every finding citing the same OWASP id).
  const base = { componentId: f.componentId, anchor: f.span.start, threat: f.ruleId };
  if (input.decision === 'mitigate') return { type: 'mitigates', ...base, control: input.control.trim(), ...(input.status ? { status: input.status } : {}) };
  if (input.decision === 'not-applicable') return { type: 'not-applicable', ...base, reason: input.reason.trim() };
  return { type: 'accepts', ...base, reason: input.reason.trim(), ...(input.owner ? { owner: input.owner.trim() } : {}), ...(input.expires ? { expires: input.expires } : {}) };
}

export function planDecision(engine: Engine, r: FileResult, input: DecisionInput): DecisionPlan {
  const why = invalid(input);
  if (why) return { kind: 'refused', message: why };
  const f = findFinding(r, input.componentId, input.ruleId);
  if (typeof f === 'string') return { kind: 'refused', message: f };
  const request = requestOf(input, f);
  const edits = decisionEdits(r.file, request, engine);
  if (!edits.length) return { kind: 'unchanged', message: `${r.file.path} already records this decision for ${f.ruleId} on "${f.componentId}".`, finding: f };
  const { text, lines } = writtenLines(r.file.text, edits);
  return { kind: 'edit', finding: f, request, edits, text, lines };
}
