/**
 * "Fix all": a planned mitigation stub (the rule's first suggested control) for every open
 * finding of a file, one decision per component and threat. Edits are computed one at a time on
 * the text as it would be after the previous ones, then expressed against the original text, so
 * several stubs for one component land together in order, and the result is still minimal.
 */
import type { Finding } from '../analysis/finding';
import { parseFile, type ParsedFile } from '../document';
import { decisionEdits, type MitigateRequest } from './decisions';
import type { ThreatResolver } from './locate';
import type { TextEdit } from './text';

/** The mitigation request a quick fix makes for a finding (its first suggested control by default). */
export function mitigationRequest(f: Finding, mitigationIndex = 0): MitigateRequest | undefined {
  const m = f.mitigations[mitigationIndex];
  if (!m) return undefined;
  return { type: 'mitigates', componentId: f.componentId, anchor: f.span.start, threat: f.owasp[0] ?? f.ruleId, control: m.stub, status: 'planned' };
}

/**
 * Edits for every open finding in `findings` (those of `file`). The text is re-parsed after each
 * stub (only parsed, not analysed), so that later stubs see the earlier ones.
 */
export function fixAllEdits(file: ParsedFile, findings: readonly Finding[], resolver?: ThreatResolver): TextEdit[] {
  const reparse = (text: string) => parseFile(file.path, text, { maxFileSize: Math.max(text.length, 1) });
  const open = findings.filter((f) => f.status === 'open' && f.mitigations.length > 0);
  const seen = new Set<string>();
  // Insertions only: track them as (original offset, text), merging those at the same offset.
  const inserts = new Map<number, string>();
  let current = file;
  let shift: { at: number; len: number }[] = [];
  for (const f of open) {
    const req = mitigationRequest(f);
    if (!req) continue;
    const key = `${f.span.start}\u0000${req.threat}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const anchor = toCurrent(f.span.start, shift);
    const edits = decisionEdits(current, { ...req, anchor }, resolver);
    if (edits.length !== 1 || edits[0].span.start !== edits[0].span.end) continue;
    const e = edits[0];
    const original = toOriginal(e.span.start, shift);
    inserts.set(original, (inserts.get(original) ?? '') + e.newText);
    shift = [...shift, { at: e.span.start, len: e.newText.length }];
    const text = current.text.slice(0, e.span.start) + e.newText + current.text.slice(e.span.end);
    const next = reparse(text);
    if (!next) break;
    current = next;
  }
  return [...inserts.entries()].sort((a, b) => a[0] - b[0]).map(([at, newText]) => ({ span: { start: at, end: at }, newText }));
}

/** Offset in the edited text of an original offset (insertions at or before it push it right). */
function toCurrent(offset: number, shifts: readonly { at: number; len: number }[]): number {
  let o = offset;
  for (const s of shifts) if (s.at <= o) o += s.len;
  return o;
}

/** Original offset of an insertion point in the edited text. */
function toOriginal(offset: number, shifts: readonly { at: number; len: number }[]): number {
  let o = offset;
  for (let i = shifts.length - 1; i >= 0; i--) {
    const s = shifts[i];
    if (s.at < o) o = Math.max(s.at, o - s.len);
  }
  return o;
}
