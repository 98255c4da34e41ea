/**
 * The decisions a quick fix (or the walkthrough) asks for, and the `%% @…` comment line each one
 * is written as. Kept apart from decisions.ts (which re-exports them) so the modules that write
 * decisions (update.ts, supersede.ts) depend on these types without depending on decisions.ts.
 */
import type { ComponentKind, DecisionStatus } from '../model';
import type { ComponentRef } from './locate';
import { isPlaceholder } from '../analysis/decisionState';
import { annotationTarget, oneLine, quoteAnnotationText } from './text';

export interface Supersedes {
  /**
   * Replace the decisions of the other types written for this threat (a changed mind in the
   * walkthrough). Without it a new decision is added beside them, as a quick fix does.
   */
  supersede?: boolean;
}

export interface MitigateRequest extends ComponentRef, Supersedes {
  type: 'mitigates';
  /** Threat id; a bare OWASP id (`LLM01`) is written edition-qualified (`LLM01:2025`). */
  threat: string;
  /** The control, e.g. a catalog mitigation's stub. */
  control: string;
  status?: DecisionStatus;
}

export interface AcceptRequest extends ComponentRef, Supersedes {
  type: 'accepts';
  threat: string;
  reason: string;
  owner?: string;
  /** `YYYY-MM-DD`. */
  expires?: string;
}

export interface NotApplicableRequest extends ComponentRef, Supersedes {
  type: 'not-applicable';
  threat: string;
  reason: string;
}

export interface DeclareKindRequest extends ComponentRef {
  type: 'kind';
  kind: ComponentKind;
}

export type DecisionRequest = MitigateRequest | AcceptRequest | NotApplicableRequest | DeclareKindRequest;

/** Placeholder reason written by "Accept risk" when the user gave none. */
export const DEFAULT_ACCEPT_REASON = 'TODO: explain why this risk is acceptable';
export const DEFAULT_NOT_APPLICABLE_REASON = 'TODO: explain why this threat does not apply';

/** The `%% @…` comment for a decision (without indentation). */
export function annotationLine(r: Exclude<DecisionRequest, DeclareKindRequest>): string {
  const id = annotationTarget(r.componentId);
  if (r.type === 'mitigates') return `%% @mitigates ${id} against ${r.threat} with ${quoteAnnotationText(r.control)} (${r.status ?? 'planned'})`;
  if (r.type === 'not-applicable') return `%% @not-applicable ${id} ${r.threat} because ${quoteAnnotationText(writtenReason(r))}`;
  const extra = [r.owner ? ` owner=${pairValue(r.owner)}` : '', r.expires ? ` expires=${r.expires}` : ''].join('');
  return `%% @accepts ${id} ${r.threat} because ${quoteAnnotationText(writtenReason(r))}${extra}`;
}

/** The reason as written: a blank one becomes the placeholder asking for it. */
export function writtenReason(r: AcceptRequest | NotApplicableRequest): string {
  if (r.reason.trim()) return r.reason;
  return r.type === 'accepts' ? DEFAULT_ACCEPT_REASON : DEFAULT_NOT_APPLICABLE_REASON;
}

/** The text of a request the user still has to write (a `TODO: …` reason), if any. */
export function placeholderOf(r: Exclude<DecisionRequest, DeclareKindRequest>): string | undefined {
  const text = r.type === 'mitigates' ? r.control : writtenReason(r);
  return isPlaceholder(text) && text.trim() ? oneLine(text) : undefined;
}

/** The same decision as a YAML comment (`# @…`), as Threagile models carry them. */
export function asHashComment(annotation: string): string {
  return `#${annotation.slice(2)}`;
}

/** The map under a Threatlens YAML component that holds each type of decision. */
export const YAML_SECTION = { mitigates: 'mitigations', accepts: 'accepted', 'not-applicable': 'not-applicable' } as const;

function pairValue(s: string): string {
  return /^[^\s"\\]+$/.test(s) ? s : quoteAnnotationText(s);
}
