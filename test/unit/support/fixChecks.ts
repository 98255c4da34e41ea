/**
 * The checks every offered quick fix must pass (see test/unit/fixProperty.test.ts for the list),
 * shared by the property tests and the fuzz campaign (test/fuzz/campaign.ts).
 */
import assert from 'node:assert/strict';
import {
  applyEdits, decisionEdits, detectEol, fixAllEdits, mitigationRequest, replaceEdit, replacementSuggestions,
  DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON, type DecisionRequest, type TextEdit,
} from '../../../src/core/edits';
import { Engine } from '../../../src/core/engine';
import type { Component, ComponentKind, Problem, Span, SystemModel } from '../../../src/core/model';
import { kindForRules } from '../../../src/core/model';
import { LineIndex } from '../../../src/core/positions';
import type { FileResult } from '../../../src/core/report/types';


export const engine = new Engine(undefined, { today: '2026-11-23' });

/** The kinds "Declare kind" offers first for a component of unknown kind (codeActions.ts). */
const AI_KINDS: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'mcp-server', 'vector-store', 'embedding-model', 'guardrail'];

type FixKind = 'mitigate' | 'accept' | 'not-applicable' | 'declare-kind' | 'confirm-kind' | 'replace' | 'fix-all' | 'walkthrough';

export interface Fix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
  /** The decision, for the decision fixes. */
  request?: DecisionRequest;
  /** The problem and suggestion, for a replacement. */
  replace?: { problem: Problem; suggestion: string };
}

export function analyze(path: string, text: string): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

/** Every fix offered anywhere in the file, as the code action provider computes them. */
export function offeredFixes(r: FileResult): Fix[] {
  const file = r.file;
  const out: Fix[] = [];
  const decision = (kind: FixKind, title: string, request: DecisionRequest) => {
    const edits = decisionEdits(file, request, engine);
    if (edits.length) out.push({ kind, title, edits, request });
  };
  for (const f of r.findings.filter((x) => x.status === 'open')) {
    const threat = f.owasp[0] ?? f.ruleId;
    f.mitigations.forEach((m, i) => {
      const req = mitigationRequest(f, i);
      if (req) decision('mitigate', `Mitigate ${threat} on '${f.componentId}': ${m.name}`, req);
    });
    const base = { componentId: f.componentId, anchor: f.span.start, threat };
    decision('accept', `Accept risk ${threat} on '${f.componentId}'`, { type: 'accepts', ...base, reason: DEFAULT_ACCEPT_REASON });
    decision('not-applicable', `Mark ${threat} not applicable on '${f.componentId}'`, { type: 'not-applicable', ...base, reason: DEFAULT_NOT_APPLICABLE_REASON });
  }
  for (const p of r.problems) {
    for (const s of replacementSuggestions(file.text, p)) {
      const edits = replaceEdit(file.text, p.span, s);
      if (edits.length) out.push({ kind: 'replace', title: `Replace '${file.text.slice(p.span.start, p.span.end)}' with '${s}'`, edits, replace: { problem: p, suggestion: s } });
    }
  }
  for (const c of file.models.flatMap((m) => m.components)) {
    if (kindForRules(c) === 'unknown') {
      for (const kind of AI_KINDS) decision('declare-kind', `Declare kind of '${c.id}': ${kind}`, { type: 'kind', componentId: c.id, anchor: c.span.start, kind });
    } else if (c.kindSource === 'inferred') {
      decision('confirm-kind', `Declare kind of '${c.id}' as ${c.kind} (now inferred)`, { type: 'kind', componentId: c.id, anchor: c.span.start, kind: c.kind });
    }
  }
  if (r.findings.some((f) => f.status === 'open' && f.mitigations.length > 0)) {
    const edits = fixAllEdits(file, r.findings, engine);
    if (edits.length) out.push({ kind: 'fix-all', title: 'Fix all', edits });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The editor's view of an edit

/** Lines as VS Code splits them (`\r\n`, `\n` and lone `\r` end a line), with their content length. */
function editorLines(text: string): { start: number; length: number }[] {
  const lines: { start: number; length: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length) {
      lines.push({ start, length: i - start });
      break;
    }
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lines.push({ start, length: i - start });
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return lines;
}

/**
 * Applies the edits the way the extension does: each span becomes a LineIndex range, the editor
 * validates it (a position past the end of a line's text, e.g. between `\r` and `\n`, is moved to
 * the end of that text), and the text is replaced there.
 */
export function applyAsEditor(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const lines = editorLines(text);
  const toOffset = (p: { line: number; character: number }) => {
    const line = lines[Math.min(Math.max(p.line, 0), lines.length - 1)];
    return line.start + Math.min(Math.max(p.character, 0), line.length);
  };
  const spans = edits.map((e) => {
    const r = index.range(e.span);
    return { start: toOffset(r.start), end: toOffset(r.end), newText: e.newText };
  });
  return applyEdits(text, spans.map((s) => ({ span: { start: s.start, end: s.end }, newText: s.newText })));
}

// ---------------------------------------------------------------------------------------------
// Where a fix may change the text

const BREAK = /\r\n|\r|\n/;

function isLineEnd(text: string, at: number): boolean {
  return at === text.length || text[at] === '\n' || text[at] === '\r';
}

function isLineStart(text: string, at: number): boolean {
  return at === 0 || text[at - 1] === '\n' || (text[at - 1] === '\r' && text[at] !== '\n');
}

function modelOf(r: FileResult, componentId: string | undefined, anchor: number | undefined): { model: SystemModel; component: Component } | undefined {
  const all = r.file.models.flatMap((model) => model.components.filter((c) => c.id === componentId).map((component) => ({ model, component })));
  if (anchor === undefined) return all[0];
  return all.find((x) => x.component.span.start <= anchor && anchor <= x.component.span.end)
    ?? all.find((x) => x.model.span.start <= anchor && anchor <= x.model.span.end) ?? all[0];
}

/** The region of a YAML component entry: from its key to the next key at its indentation or less. */
export function yamlEntryRegion(text: string, c: Component): Span {
  let lineStart = c.span.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const indent = c.span.start - lineStart;
  let end = text.length;
  const re = /\r\n|\r|\n/g;
  re.lastIndex = c.span.start;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const next = m.index + m[0].length;
    const line = text.slice(next).split(BREAK, 1)[0];
    const lead = line.length - line.trimStart().length;
    if (line.trim() !== '' && lead <= indent) {
      end = m.index;
      break;
    }
  }
  return { start: c.span.start, end };
}

const ANNOTATION_LINE = /^[ \t]*(%%|#)[ \t]*@(mitigates|accepts|not-applicable|component)\b/;

/** Asserts the fix changes only what it should, where it should. */
export function assertInIntendedRange(r: FileResult, fix: Fix): void {
  const text = r.file.text;
  const eol = detectEol(text);
  // Only a file with one kind of line break has "the file's" break; in a mixed one the line's own is right.
  const oneEol = [/\r\n/, /\r(?!\n)/, /(?<!\r)\n/].filter((re) => re.test(text)).length <= 1;
  for (const e of fix.edits) {
    if (oneEol) assert.ok(!BREAK.test(e.newText.replace(new RegExp(eol.replace('\r', '\\r').replace('\n', '\\n'), 'g'), '')), `${fix.title}: a line break other than the file's ${JSON.stringify(eol)} in ${JSON.stringify(e.newText)}`);
  }
  if (fix.kind === 'replace') {
    const { problem, suggestion } = fix.replace!;
    assert.deepEqual(fix.edits, [{ span: problem.span, newText: suggestion }], `${fix.title}: replaces exactly the misspelt word`);
    return;
  }
  const requests: { componentId: string; anchor?: number }[] = fix.request ? [fix.request] : [];
  if (fix.kind === 'fix-all') {
    // Each stub belongs to one open finding; any of their components will do for the region.
    for (const f of r.findings.filter((x) => x.status === 'open')) requests.push({ componentId: f.componentId, anchor: f.span.start });
  }
  for (const e of fix.edits) {
    const homes = requests.map((q) => modelOf(r, q.componentId, q.anchor)).filter((x) => x !== undefined);
    assert.ok(homes.length > 0, `${fix.title}: no component for the edit`);
    const ok = homes.some(({ model, component }) => {
      if (!(model.span.start <= e.span.start && e.span.end <= model.span.end)) return false;
      if (model.format === 'yaml' && model.diagram !== 'threagile') {
        const region = yamlEntryRegion(text, component);
        return region.start <= e.span.start && e.span.end <= region.end;
      }
      // Inside an annotation about the component: an update, or ` kind=…` appended.
      if (model.annotations.some((a) => a.target === component.id && a.span.start <= e.span.start && e.span.end <= a.span.end)) return true;
      // Whole annotation lines about the component removed (a superseded decision).
      const removed = text.slice(e.span.start, e.span.end);
      if (e.newText === '' && removed !== '' && isLineStart(text, e.span.start) && (e.span.end === text.length || isLineStart(text, e.span.end))) {
        const covered = model.annotations.filter((a) => a.target === component.id && e.span.start <= a.span.start && a.span.end <= e.span.end);
        return covered.length > 0 && removed.split(BREAK).every((l) => l === '' || ANNOTATION_LINE.test(l));
      }
      // Whole new annotation lines just above the declaration: where a recovered parse would read a line below it as part of a string.
      if (e.span.start === e.span.end && e.span.start === text.lastIndexOf('\n', component.span.start - 1) + 1 && e.newText.endsWith('\n')) {
        return e.newText.split(BREAK).slice(0, -1).every((l) => ANNOTATION_LINE.test(l));
      }
      // Otherwise whole new annotation lines, after the declaration.
      if (e.span.start !== e.span.end || e.span.start < component.span.end) return false;
      const lines = e.newText.split(BREAK);
      if (isLineEnd(text, e.span.start) && lines[0] === '') return lines.slice(1).every((l) => ANNOTATION_LINE.test(l));
      if (isLineStart(text, e.span.start) && lines[lines.length - 1] === '') return lines.slice(0, -1).every((l) => ANNOTATION_LINE.test(l));
      return false;
    });
    assert.ok(ok, `${fix.title}: edit ${JSON.stringify(e)} is not where the fix belongs:\n${context(text, e.span)}`);
  }
}

function context(text: string, s: Span): string {
  return `${JSON.stringify(text.slice(Math.max(0, s.start - 80), s.start))} ⟦${JSON.stringify(text.slice(s.start, s.end))}⟧ ${JSON.stringify(text.slice(s.end, s.end + 80))}`;
}

/** Lengths of the common prefix and the common suffix of two texts, each as long as it goes. */
function commonEnds(before: string, after: string): { prefix: number; suffix: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Position of an original offset in the edited text (edits ending at or before it move it). */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.span.end <= offset) delta += e.newText.length - (e.span.end - e.span.start);
    else if (e.span.start < offset) return e.span.start + delta + Math.min(offset - e.span.start, e.newText.length);
  }
  return offset + delta;
}

const componentsOf = (r: FileResult) => r.file.models.map((m) => m.components.map((c) => `${c.id}:${c.kind}`).sort());
const errorsOf = (r: FileResult) => r.problems.filter((p) => p.severity === 'error').map((p) => ({ text: `${p.code} ${p.message}`, span: p.span }));

function lineStartAt(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndAt(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The same fix, offered again on the edited file. */
export function again(fix: Fix, edited: FileResult, edits: readonly TextEdit[]): TextEdit[] {
  if (fix.kind === 'fix-all') return fixAllEdits(edited.file, edited.findings, engine);
  if (fix.kind === 'replace') {
    const { problem, suggestion } = fix.replace!;
    const at = mapOffset(problem.span.start, edits);
    // Still a problem there offering the same word: its replacement must be a no-op now.
    return edited.problems
      .filter((p) => p.span.start === at && replacementSuggestions(edited.file.text, p).includes(suggestion))
      .flatMap((p) => replaceEdit(edited.file.text, p.span, suggestion));
  }
  const req = fix.request!;
  return decisionEdits(edited.file, { ...req, anchor: req.anchor === undefined ? undefined : mapOffset(req.anchor, edits) }, engine);
}

/** Every check of one fix on one analysed file. */
export function checkFix(r: FileResult, fix: Fix): void {
  const text = r.file.text;
  const where = `${r.file.path}: ${fix.title}`;
  let pos = 0;
  for (const e of [...fix.edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)) {
    assert.ok(Number.isInteger(e.span.start) && Number.isInteger(e.span.end) && pos <= e.span.start && e.span.start <= e.span.end && e.span.end <= text.length,
      `${where}: edit ${JSON.stringify(e.span)} out of order or outside [0, ${text.length}]`);
    pos = e.span.end;
  }
  const once = applyEdits(text, fix.edits);
  assert.notEqual(once, text, `${where}: an offered fix changes nothing`);
  assert.equal(applyAsEditor(text, fix.edits), once, `${where}: the editor would apply the edit elsewhere (an offset inside a line break?)`);

  // Nothing lost: the diff lies inside the hull of the edits, and each edit where it belongs.
  const d = commonEnds(text, once);
  const lo = Math.min(...fix.edits.map((e) => e.span.start));
  const hi = Math.max(...fix.edits.map((e) => e.span.end));
  assert.ok(d.prefix >= lo && d.suffix >= text.length - hi, `${where}: text changed outside the edits [${lo}, ${hi}]: ${d.prefix} characters kept before, ${d.suffix} after`);
  const inserted = fix.edits.reduce((n, e) => n + e.newText.length - (e.span.end - e.span.start), 0);
  assert.equal(once.length - text.length, inserted);
  assertInIntendedRange(r, fix);

  // Twice equals once, and the file still reads the same.
  const after = analyze(r.file.path, once);
  const second = again(fix, after, fix.edits);
  assert.deepEqual(second, [], `${where}: offered again after applying it:\n${JSON.stringify(second)}\n--- once:\n${once}`);
  assert.equal(applyEdits(once, second), once);
  const before = componentsOf(r);
  const now = componentsOf(after);
  const ids = (xs: string[][]) => xs.map((m) => m.map((c) => c.slice(0, c.lastIndexOf(':'))));
  if (fix.kind === 'replace') {
    // A corrected id makes its annotation apply: `@component` may now give a kind.
    assert.deepEqual(ids(now), ids(before), `${where}: components changed:\n${once}`);
  } else if (fix.kind === 'declare-kind' || fix.kind === 'confirm-kind') {
    const req = fix.request as Extract<DecisionRequest, { type: 'kind' }>;
    assert.deepEqual(ids(now), ids(before), `${where}: components changed:\n${once}`);
    const target = modelOf(after, req.componentId, mapOffset(req.anchor ?? 0, fix.edits))?.component;
    assert.equal(target?.kind, req.kind, `${where}: the kind is not declared:\n${once}`);
    assert.equal(target?.kindSource, 'declared');
  } else {
    assert.deepEqual(now, before, `${where}: components changed:\n${once}`);
  }
  let newErrors = errorsOf(after).filter((e) => !errorsOf(r).some((b) => b.text === e.text));
  if (fix.kind === 'replace') {
    // A corrected target id lets the rest of its annotation be checked: what that finds was there before.
    const at = mapOffset(fix.replace!.problem.span.start, fix.edits);
    const line = { start: lineStartAt(once, at), end: lineEndAt(once, at) };
    newErrors = newErrors.filter((e) => !(line.start <= e.span.start && e.span.end <= line.end));
  }
  assert.deepEqual(newErrors.map((e) => e.text), [], `${where}: new errors after the fix:\n${once}`);
}

export function checkAllFixes(path: string, text: string, filter: (f: Fix) => boolean = () => true): number {
  const r = analyze(path, text);
  const fixes = offeredFixes(r).filter(filter);
  for (const fix of fixes) checkFix(r, fix);
  return fixes.length;
}

