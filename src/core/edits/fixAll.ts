/**
 * "Fix all": a planned mitigation stub (the rule's first suggested control) for every open
 * finding of a file, one decision per component and threat, as insertions into the original
 * text. Several stubs for one component land together, in order. In Mermaid each stub is one
 * line inserted at a point that earlier stubs do not move, so all are computed on the original
 * text; in YAML the first stub of a component may create its `mitigations:` map, so they are
 * computed one after the other on the text as edited so far, then mapped back.
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
  return { type: 'mitigates', componentId: f.componentId, anchor: f.span.start, threat: f.owasp[0] ?? f.ruleId, control: m.stub };
}

/** Edits for every open finding in `findings` (those of `file`); none when all are decided. */
export function fixAllEdits(file: ParsedFile, findings: readonly Finding[], resolver?: ThreatResolver): TextEdit[] {
  const open = findings.filter((f) => f.status === 'open' && f.mitigations.length > 0);
  const seen = new Set<string>();
  const requests = open.map((f) => mitigationRequest(f)).filter((r): r is MitigateRequest => r !== undefined).filter((r) => {
    const key = `${r.anchor ?? -1}\u0000${r.threat}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return file.format === 'yaml' ? sequential(file, requests, resolver) : batched(file, requests, resolver);
}

function merge(inserts: Map<number, string>): TextEdit[] {
  return [...inserts.entries()].sort((a, b) => a[0] - b[0]).map(([at, newText]) => ({ span: { start: at, end: at }, newText }));
}

function batched(file: ParsedFile, requests: readonly MitigateRequest[], resolver?: ThreatResolver): TextEdit[] {
  const inserts = new Map<number, string>();
  for (const req of requests) {
    const edits = decisionEdits(file, req, resolver);
    if (edits.length !== 1 || edits[0].span.start !== edits[0].span.end) continue;
    inserts.set(edits[0].span.start, (inserts.get(edits[0].span.start) ?? '') + edits[0].newText);
  }
  return merge(inserts);
}

/** YAML: each stub on the text as edited so far (re-parsed, not analysed), mapped back to the original. */
function sequential(file: ParsedFile, requests: readonly MitigateRequest[], resolver?: ThreatResolver): TextEdit[] {
  const reparse = (text: string) => parseFile(file.path, text, { maxFileSize: Math.max(text.length, 1) });
  // Insertions only: track them as (original offset, text), merging those at the same offset.
  const inserts = new Map<number, string>();
  let current = file;
  let shift: { at: number; len: number }[] = [];
  for (const req of requests) {
    const anchor = req.anchor === undefined ? undefined : toCurrent(req.anchor, shift);
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
  return merge(inserts);
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
