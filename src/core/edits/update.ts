/**
 * Changing a decision that is already written: a mitigation moving from planned to implemented,
 * an acceptance renewed after its review date passed, a new reason. The old decision's own text is
 * rewritten in place (a comment line in Mermaid and Threagile, the entry's values in YAML), so the
 * edit stays inside it. Fields a request leaves out (owner, expiry, a placeholder reason) keep
 * what the file says: a quick fix never wipes a reason somebody wrote.
 */
import type { Located } from './locate';
import type { ParsedFile } from '../document';
import type { AcceptanceAnnotation, Annotation, MitigationAnnotation, NotApplicableAnnotation } from '../model';
import { asHashComment, YAML_SECTION, type AcceptRequest, type MitigateRequest, type NotApplicableRequest } from './requests';
import { isPlaceholder } from '../analysis/decisionState';
import { quoteYaml, type TextEdit } from './text';
import { yamlUpdateEntry, type YamlField } from './yaml';

export type DecisionChange = MitigateRequest | AcceptRequest | NotApplicableRequest;
type Written = MitigationAnnotation | AcceptanceAnnotation | NotApplicableAnnotation;

/** A reason the request gives: not blank and not a placeholder (`TODO: explain why …`). */
function givenReason(s: string | undefined): string | undefined {
  return isPlaceholder(s) ? undefined : s?.trim();
}

/**
 * A control the request gives: anything not blank. A control the user typed is kept even when it
 * starts with "TODO" (`TODO: rate-limit the endpoint`), so the same request finds its line again;
 * the analysis still reports such a mitigation as incomplete.
 */
function givenControl(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t || undefined;
}

/** The request with the fields it leaves out taken from the written decision. */
export function merged(r: DecisionChange, old: Written): DecisionChange {
  if (r.type === 'mitigates' && old.type === 'mitigates') return { ...r, control: givenControl(r.control) ?? old.control, status: r.status ?? old.status };
  if (r.type === 'accepts' && old.type === 'accepts') {
    const owner = r.owner ?? old.owner;
    const expires = r.expires ?? old.expires;
    return { ...r, reason: givenReason(r.reason) ?? old.reason, ...(owner ? { owner } : {}), ...(expires ? { expires } : {}) };
  }
  if (r.type === 'not-applicable' && old.type === 'not-applicable') return { ...r, reason: givenReason(r.reason) ?? old.reason };
  return r;
}

/** True when the merged request `m` says nothing the file does not already say. */
function sameAsWritten(m: DecisionChange, old: Written): boolean {
  if (m.type === 'mitigates' && old.type === 'mitigates') return m.control === old.control && (m.status ?? 'planned') === old.status;
  if (m.type === 'accepts' && old.type === 'accepts') return m.reason === old.reason && m.owner === old.owner && m.expires === old.expires;
  if (m.type === 'not-applicable' && old.type === 'not-applicable') return m.reason === old.reason;
  return false;
}

/**
 * The written decision a request changes: same type, component and threat; for a mitigation in a
 * diagram also the same control (another control is another line), in YAML the threat's entry.
 */
export function decisionToChange(file: ParsedFile, candidates: readonly Annotation[], r: DecisionChange): Written | undefined {
  const same = candidates.filter((a): a is Written => a.type === r.type);
  if (r.type !== 'mitigates') return same[0];
  const control = givenControl(r.control)?.toLowerCase();
  const exact = same.find((a) => a.type === 'mitigates' && a.control.trim().toLowerCase() === control);
  if (exact || file.format !== 'yaml') return exact;
  return same[0];
}

/** Edits that rewrite `old` to say what `r` says; none when it already does. */
export function updateEdits(file: ParsedFile, at: Located, old: Written, r: DecisionChange, line: (r: DecisionChange) => string): TextEdit[] {
  const m = merged(r, old);
  if (sameAsWritten(m, old)) return [];
  if (file.format !== 'yaml' || at.model.diagram === 'threagile') {
    const written = file.text.slice(old.span.start, old.span.end);
    const next = written.startsWith('#') ? asHashComment(line(m)) : line(m);
    return next === written ? [] : [{ span: old.span, newText: next }];
  }
  const edits = yamlUpdateEntry(file.text, at.component.id, YAML_SECTION[m.type], old.threatSpan.start, old.span.start, yamlFields(m));
  // An entry keyed by an OWASP id, rewritten for one finding, is re-keyed by that finding's rule.
  // Not when the key holds a list of mitigations (the others stay with it) or the new key exists.
  const section = at.model.annotations.filter((a) => a.type === old.type && a.target === old.target);
  const rekey = edits.length > 0 && old.threat !== m.threat && /^[A-Za-z][\w.-]*$/.test(m.threat)
    && section.every((a) => a === old || (a.type !== 'component' && a.threatSpan.start !== old.threatSpan.start && a.threat !== m.threat));
  return rekey ? [{ span: old.threatSpan, newText: m.threat }, ...edits] : edits;
}

function yamlFields(r: DecisionChange): YamlField[] {
  if (r.type === 'mitigates') return [{ key: 'control', value: r.control, written: quoteYaml(r.control) }, { key: 'status', value: r.status ?? 'planned', written: r.status ?? 'planned' }];
  const fields: YamlField[] = [{ key: 'reason', value: r.reason, written: quoteYaml(r.reason) }];
  if (r.type === 'accepts') {
    if (r.owner) fields.push({ key: 'owner', value: r.owner, written: quoteYaml(r.owner) });
    if (r.expires) fields.push({ key: 'expires', value: r.expires, written: quoteYaml(r.expires) });
  }
  return fields;
}
