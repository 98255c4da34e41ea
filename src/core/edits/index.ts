/**
 * Pure edit computation (no editor API): the quick fixes, the "fix all" source action and the
 * walkthrough all turn decisions into these offset-based text edits.
 */
export { applyEdits, detectEol, type TextEdit } from './text';
export { locate, qualifyThreat, sameThreat, type ComponentRef, type ThreatResolver } from './locate';
export {
  decisionEdits, annotationLine, DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON,
  type DecisionRequest, type MitigateRequest, type AcceptRequest, type NotApplicableRequest, type DeclareKindRequest,
} from './decisions';
export { fixAllEdits, mitigationRequest } from './fixAll';
export { replaceEdit, replacementSuggestions, REPLACEABLE_CODES } from './replace';
