/**
 * "Fix all": a planned mitigation stub (the rule's first suggested control) for every open
 * finding of a file, one decision per finding (named by its rule id), as insertions into the original
 * text. Several stubs for one component land together, in order. In Mermaid each stub is one
 * line inserted at a point that earlier stubs do not move, so all are computed on the original
 * text; in YAML the first stub of a component may create its `mitigations:` map, so they are
 * computed one after the other on the text as edited so far, then mapped back.
 */
import type { Finding } from '../analysis/finding';
import { parseFile, type ParsedFile } from '../document';
import { decisionEdits } from './decisions';
import type { ThreatResolver } from './locate';
import type { MitigateRequest } from './requests';
import type { TextEdit } from './text';

/**
 * The mitigation request a quick fix makes for a finding (its first suggested control by default).
 * It names the rule, so the control decides this finding and no other that cites the same OWASP id.
 */
export function mitigationRequest(f: Finding, mitigationIndex = 0): MitigateRequest | undefined {
  const m = f.mitigations[mitigationIndex];
  if (!m) return undefined;
  return { type: 'mitigates', componentId: f.componentId, anchor: f.span.start, threat: f.ruleId, control: m.stub };
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

/**
 * YAML: each stub on the text as edited so far (re-parsed, not analysed), mapped back to the original.
 * A later stub may land inside the text an earlier one inserted (the first stub of a flow-style
 * component creates `, mitigations: { A: … }`, the next ones go inside that new map): it is
 * spliced into that insertion at the same place, not put after it.
 */
function sequential(file: ParsedFile, requests: readonly MitigateRequest[], resolver?: ThreatResolver): TextEdit[] {
  const reparse = (text: string) => parseFile(file.path, text, { maxFileSize: Math.max(text.length, 1) });
  // Insertions only, by original offset (one text per offset), in order.
  const inserts: Insert[] = [];
  let current = file;
  for (const req of requests) {
    const anchor = req.anchor === undefined ? undefined : toCurrent(req.anchor, inserts);
    const edits = decisionEdits(current, { ...req, anchor }, resolver);
    if (edits.length !== 1 || edits[0].span.start !== edits[0].span.end) continue;
    const e = edits[0];
    insertAt(inserts, e.span.start, e.newText);
    const text = current.text.slice(0, e.span.start) + e.newText + current.text.slice(e.span.end);
    const next = reparse(text);
    if (!next) break;
    current = next;
  }
  return inserts.map(({ at, text }) => ({ span: { start: at, end: at }, newText: text }));
}

/** Text inserted at an original offset. */
interface Insert { at: number; text: string }

/** Offset in the edited text of an original offset (insertions at or before it push it right). */
function toCurrent(offset: number, inserts: readonly Insert[]): number {
  let o = offset;
  for (const s of inserts) if (s.at <= offset) o += s.text.length;
  return o;
}

/**
 * Records an insertion at `offset` of the edited text: inside (or at either end of) an earlier
 * insertion it becomes part of that text at the same place; otherwise a new insertion at the
 * corresponding original offset. `inserts` stays sorted by original offset.
 */
function insertAt(inserts: Insert[], offset: number, text: string): void {
  let delta = 0;
  for (let i = 0; i < inserts.length; i++) {
    const s = inserts[i];
    const start = s.at + delta;
    if (offset < start) {
      inserts.splice(i, 0, { at: offset - delta, text });
      return;
    }
    if (offset <= start + s.text.length) {
      s.text = s.text.slice(0, offset - start) + text + s.text.slice(offset - start);
      return;
    }
    delta += s.text.length;
  }
  inserts.push({ at: offset - delta, text });
}
