/**
 * Quick fixes as properties, over every fix the extension offers (src/extension/codeActions.ts
 * makes the same calls): "Mitigate" with each suggested control, "Accept risk", "Mark not
 * applicable", "Declare kind" (the AI kinds for an unknown component, the inferred kind for an
 * inferred one), the near-match replacements and "Fix all".
 *
 * For each fix, on the examples, the corpus and generated Mermaid, Markdown and YAML files:
 * - its edits are well-formed and land where the editor puts them (offsets → LineIndex positions
 *   → the positions VS Code accepts), also on CRLF files and after a BOM;
 * - nothing is lost: diffing the file before and after, the change lies inside the edits'
 *   ranges, and those ranges are where the fix belongs (whole new annotation lines below the
 *   component, inside the right ```mermaid fence, inside the component's YAML entry, exactly the
 *   misspelt word), with the file's own line breaks;
 * - applying it twice equals applying it once (computed again on the edited text it is empty);
 * - the edited file still parses, with the same components and no new errors.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../src/core/analysis/finding';
import {
  applyEdits, decisionEdits, detectEol, fixAllEdits, mitigationRequest, replaceEdit, replacementSuggestions,
  DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON, type DecisionRequest, type TextEdit,
} from '../../src/core/edits';
import { Engine } from '../../src/core/engine';
import type { Component, ComponentKind, Problem, Span, SystemModel } from '../../src/core/model';
import { kindForRules } from '../../src/core/model';
import { LineIndex } from '../../src/core/positions';
import type { FileResult } from '../../src/core/report/types';
import { propertyRunner, readCorpus } from './support/property';

const prop = propertyRunner(20_260_701, __filename);
const engine = new Engine(undefined, { today: '2026-11-23' });

/** The kinds "Declare kind" offers first for a component of unknown kind (codeActions.ts). */
const AI_KINDS: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'mcp-server', 'vector-store', 'embedding-model', 'guardrail'];

type FixKind = 'mitigate' | 'accept' | 'not-applicable' | 'declare-kind' | 'confirm-kind' | 'replace' | 'fix-all' | 'walkthrough';

interface Fix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
  /** The decision, for the decision fixes. */
  request?: DecisionRequest;
  /** The problem and suggestion, for a replacement. */
  replace?: { problem: Problem; suggestion: string };
}

function analyze(path: string, text: string): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r, `${path} is not a Threatlens file`);
  return r;
}

/** Every fix offered anywhere in the file, as the code action provider computes them. */
function offeredFixes(r: FileResult): Fix[] {
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
function applyAsEditor(text: string, edits: readonly TextEdit[]): string {
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
function yamlEntryRegion(text: string, c: Component): Span {
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
function assertInIntendedRange(r: FileResult, fix: Fix): void {
  const text = r.file.text;
  const eol = detectEol(text);
  const oneEol = !/\r\n/.test(text) || !/\r(?!\n)|(?<!\r)\n/.test(text);
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
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
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
function again(fix: Fix, edited: FileResult, edits: readonly TextEdit[]): TextEdit[] {
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
function checkFix(r: FileResult, fix: Fix): void {
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

function checkAllFixes(path: string, text: string, filter: (f: Fix) => boolean = () => true): number {
  const r = analyze(path, text);
  const fixes = offeredFixes(r).filter(filter);
  for (const fix of fixes) checkFix(r, fix);
  return fixes.length;
}

// ---------------------------------------------------------------------------------------------
// Generated files

const IDS = ['user', 'web', 'llm', 'agent', 'kb', 'db', 'tools', 'mcp', 'thing', 'x1', 'n-2', 'svc.a', 'Café'];
const LABELS = ['Customer', 'Chat widget', 'GPT-4o via Azure OpenAI', 'Claude', 'Planner agent', 'Pinecone knowledge base', 'Postgres', 'MCP server',
  'Web search tool', 'Customer uploads', 'Embedding model', 'Llama Guard', 'Fine-tuning dataset', 'S3 bucket', 'Thing', 'Bob\'s "box"', 'a # b', 'x %% y'];
const THREATS = ['LLM01:2025', 'LLM02', 'LLM06:2025', 'LLM08:2025', 'LLM09:2025', 'LLM10', 'ASI02:2026', 'LLM1:2025', 'LLM01:2026'];
const SHAPES: [string, string][] = [['[', ']'], ['(', ')'], ['([', '])'], ['[(', ')]'], ['[[', ']]'], ['{{', '}}'], ['[/', '/]'], ['>', ']'], ['["', '"]']];

const label = fc.constantFrom(...LABELS);
const id = fc.constantFrom(...IDS);
/** A label fitted to its shape: quotes become `#quot;` in a quoted label; brackets go elsewhere. */
function shaped(text: string, [open, close]: [string, string]): string {
  const body = open === '["' ? text.replace(/"/g, '#quot;') : text.replace(/["[\](){}/\\>]/g, ' ').replace(/\s+/g, ' ').trim() || 'x';
  return `${open}${body}${close}`;
}
const node = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(id, fc.option(fc.tuple(fc.constantFrom(...SHAPES), label), { nil: undefined })).map(([i, s]) => (s ? `${i}${shaped(s[1], s[0])}` : i)) },
  { weight: 1, arbitrary: fc.tuple(id, fc.constantFrom('cyl', 'docs', 'hex'), label).map(([i, shape, l]) => `${i}@{ shape: ${shape}, label: "${l.replace(/"/g, '#quot;')}" }`) },
);
const annotation = fc.oneof(
  fc.tuple(id, fc.constantFrom('llm', 'agent', 'tool', 'vector-store', 'datastore', 'llmm'), fc.constantFrom('', ' exposure=public', ' provider=third-party')).map(([i, k, p]) => `%% @component ${i}${p} kind=${k}`),
  fc.tuple(id, fc.constantFrom('exposure=public', 'data=pii')).map(([i, p]) => `%% @component ${i} ${p}`),
  fc.tuple(id, fc.constantFrom(...THREATS), fc.constantFrom('planned', 'implemented')).map(([i, t, s]) => `%% @mitigates ${i} against ${t} with "a \\"control\\"" (${s})`),
  fc.tuple(id, fc.constantFrom(...THREATS), fc.constantFrom('', ' expires=2026-01-01', ' expires=2027-12-31', ' owner=ops')).map(([i, t, x]) => `%% @accepts ${i} ${t} because "r"${x}`),
  fc.tuple(id, fc.constantFrom(...THREATS)).map(([i, t]) => `%% @not-applicable ${i} ${t} because "n/a"`),
  fc.constant('%% a plain comment'),
);
const statement = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(node, fc.constantFrom('-->', '---', '-.->', '==>', '<-->', '-->|asks|', '-- calls -->'), node).map(([a, l, b]) => `${a} ${l} ${b}`) },
  { weight: 2, arbitrary: node },
  { weight: 2, arbitrary: annotation },
  { weight: 1, arbitrary: fc.constantFrom('subgraph vpc [VPC]', 'subgraph Internet', 'end', 'direction TB', 'classDef hot fill:#f00', '') },
);

interface Layout { crlf: boolean; bom: boolean; finalBreak: boolean; indent: string }
const layout: fc.Arbitrary<Layout> = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), finalBreak: fc.boolean(), indent: fc.constantFrom('', '  ', '    ', '\t') });

const flowchart = fc.array(statement, { minLength: 1, maxLength: 12 }).map((lines) => ['flowchart LR', ...lines]);

function render(lines: string[], l: Layout, indentFrom = 1): string {
  const eol = l.crlf ? '\r\n' : '\n';
  const body = lines.map((s, i) => (i >= indentFrom && s ? l.indent + s : s)).join(eol);
  return `${l.bom ? '\uFEFF' : ''}${body}${l.finalBreak ? eol : ''}`;
}

const markdown = fc.tuple(fc.array(fc.tuple(flowchart, fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', '  ')), { minLength: 1, maxLength: 3 }), layout)
  .map(([fences, l]) => {
    const lines = ['# Architecture', '', 'Some prose with `code` and a %% percent.', ''];
    for (const [chart, fence, pad] of fences) {
      if (pad) lines.push('- in a list:', '');
      lines.push(`${pad}${fence}mermaid`, ...chart.map((s) => pad + s), `${pad}${fence}`, '');
    }
    return render(lines, { ...l, indent: '' });
  });

const YAML_KINDS = ['llm', 'agent', 'tool', 'vector-store', 'datastore', 'client', 'service', 'unknown'];
const yamlComponent = fc.record({
  id: fc.constantFrom('bot', 'web', 'kb', 'planner', 'search-tool', 'store'),
  kind: fc.option(fc.constantFrom(...YAML_KINDS), { nil: undefined }),
  label: fc.option(label, { nil: undefined }),
  style: fc.constantFrom('block', 'flow', 'empty', 'null'),
  decision: fc.option(fc.tuple(fc.constantFrom('mitigations', 'accepted', 'not-applicable'), fc.constantFrom('LLM01:2025', 'LLM10:2025', 'LLM08')), { nil: undefined }),
  comment: fc.boolean(),
});
const yamlModel = fc.tuple(fc.uniqueArray(yamlComponent, { minLength: 1, maxLength: 5, selector: (c) => c.id }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), layout, fc.constantFrom('  ', '    '))
  .map(([components, flows, l, ind]) => {
    const lines = ['# generated', 'threatlens: 1', 'components:'];
    for (const c of components) {
      if (c.comment) lines.push(`${ind}# about ${c.id}`);
      const decision = c.decision
        ? c.decision[0] === 'mitigations' ? { key: 'mitigations', flow: `{ ${c.decision[1]}: { control: "x", status: planned } }`, block: [`${c.decision[1]}:`, `${ind}control: "x"`, `${ind}status: planned`] }
          : { key: c.decision[0], flow: `{ ${c.decision[1]}: "why" }`, block: [`${c.decision[1]}: "why"`] }
        : undefined;
      const fields = [
        ...(c.kind ? [['kind', c.kind]] : []),
        ...(c.label ? [['label', JSON.stringify(c.label)]] : []),
      ];
      if (c.style === 'empty' && !decision) lines.push(`${ind}${c.id}:`);
      else if (c.style === 'null' && !decision) lines.push(`${ind}${c.id}: ~`);
      else if (c.style === 'flow') {
        const parts = [...fields.map(([k, v]) => `${k}: ${v}`), ...(decision ? [`${decision.key}: ${decision.flow}`] : [])];
        lines.push(`${ind}${c.id}: { ${parts.join(', ')} }${c.comment ? '   # trailing' : ''}`);
      } else {
        lines.push(`${ind}${c.id}:`, ...fields.map(([k, v]) => `${ind}${ind}${k}: ${v}`));
        if (decision) lines.push(`${ind}${ind}${decision.key}:`, ...decision.block.map((b) => `${ind}${ind}${ind}${b}`));
        if (!fields.length && !decision) lines.push(`${ind}${ind}kind: service`);
      }
    }
    const ids = components.map((c) => c.id);
    const fl = flows.map(([a, b]) => `${ind}- ${ids[a % ids.length]} -> ${ids[b % ids.length]}`);
    if (fl.length) lines.push('flows:', ...fl);
    return render(lines, { ...l, indent: '' });
  });

// ---------------------------------------------------------------------------------------------

describe('quick fixes: properties of every offered fix', function () {
  this.timeout(120_000);
  before(prop.announce);

  describe('on the examples (every fix)', function () {
    for (const { path, text } of readCorpus(['examples'], /\.(mmd|md|ya?ml)$/)) {
      it(path, function () {
        assert.ok(checkAllFixes(path, text) > 0, 'some fixes are offered');
      });
    }
  });

  describe('on the examples with CRLF line ends and a BOM', function () {
    for (const { path, text } of readCorpus(['examples'], /\.(mmd|md|ya?ml)$/)) {
      it(path, function () {
        const crlf = `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`;
        // Every third fix (they are the same code paths as above, now on CRLF), and fix all.
        let k = 0;
        assert.ok(checkAllFixes(path, crlf, (f) => f.kind === 'fix-all' || f.kind === 'replace' || k++ % 3 === 0) > 0);
      });
    }
  });

  it('on the corpus: a random fix of a random diagram, LF or CRLF', function () {
    const corpus = readCorpus(['test/corpus'], /\.mmd$/);
    assert.ok(corpus.length > 50);
    prop.check(fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.nat(), fc.boolean(), (i, pick, crlf) => {
      const { path, text } = corpus[i];
      const t = crlf ? text.replace(/\r?\n/g, '\r\n') : text;
      const r = analyze(path, t);
      const fixes = offeredFixes(r);
      if (fixes.length) checkFix(r, fixes[pick % fixes.length]);
    }), { ci: 120, local: 80 });
  });

  // Regression: src/core/edits/mermaid.ts (`insertAnnotationLine`) put the new `%% @…` line at the end of
  // the line where the component's own declaration (id, label) ends. When that line continues into a
  // construct that spans lines, the annotation landed inside it:
  // (1) a node declared with multi-line shape data (`llm@{\n    shape: rounded\n    label: "GPT-4o"\n  }`):
  //     the line went inside the `@{ … }` block, before `}`;
  // (2) a statement whose next node has a multi-line Markdown label (`A["x"] --> B["\`two\nlines\`"]`):
  //     a fix for A went inside B's label, which then held the annotation text.
  // Either way it was not read as an annotation: the finding stayed open and every application wrote
  // another copy. The line now goes after the line where the statement ends (strings and `@{ … }`
  // blocks read as the parser reads them), for every decision and fix all.
  it('a decision for a node with multi-line shape data goes after its `@{ … }` block', function () {
    const text = 'flowchart LR\n  u[User] --> llm@{\n    shape: rounded\n    label: "GPT-4o"\n  }\n';
    const r = analyze('shape.mmd', text);
    const fix = offeredFixes(r).find((f) => f.kind === 'mitigate' && f.request?.componentId === 'llm');
    assert.ok(fix);
    checkFix(r, fix);
  });

  it('a decision for a node followed by a multi-line label goes after the statement', function () {
    const text = 'flowchart LR\n  A["Thing"] --> B["`two\n  lines`"]\n';
    const r = analyze('label.mmd', text);
    const fix = offeredFixes(r).find((f) => f.kind === 'declare-kind' && f.request?.componentId === 'A');
    assert.ok(fix);
    checkFix(r, fix);
  });

  it('on generated flowcharts (LF or CRLF, BOM, indentation, missing final line break)', function () {
    prop.check(fc.property(flowchart, layout, fc.nat(), (lines, l, pick) => {
      const text = render(lines, l);
      const r = analyze('gen.mmd', text);
      const fixes = offeredFixes(r);
      if (!fixes.length) return;
      checkFix(r, fixes[pick % fixes.length]);
      const all = fixes.find((f) => f.kind === 'fix-all');
      if (all) checkFix(r, all);
    }), { ci: 200, local: 120 });
  });

  it('on generated Markdown files with several fences', function () {
    prop.check(fc.property(markdown, fc.nat(), (text, pick) => {
      const r = analyze('gen.md', text);
      const fixes = offeredFixes(r);
      if (!fixes.length) return;
      checkFix(r, fixes[pick % fixes.length]);
      const all = fixes.find((f) => f.kind === 'fix-all');
      if (all) checkFix(r, all);
    }), { ci: 120, local: 80 });
  });

  it('on generated YAML models (block, flow, empty and null components)', function () {
    prop.check(fc.property(yamlModel, fc.nat(), (text, pick) => {
      // Only models that are valid to begin with: a fix must not be blamed for an error already there.
      const r = analyze('gen.threatlens.yaml', text);
      if (r.problems.some((p) => p.severity === 'error')) return;
      const fixes = offeredFixes(r);
      if (!fixes.length) return;
      checkFix(r, fixes[pick % fixes.length]);
      const all = fixes.find((f) => f.kind === 'fix-all');
      if (all) checkFix(r, all);
    }), { ci: 150, local: 100 });
  });

  // Regression: src/core/edits/fixAll.ts (YAML, `sequential`): when a flow-style component (`bot: { kind: agent }`)
  // gets two or more stubs, the first creates `, mitigations: { A: {…} }` and the next ones go inside
  // that new map; mapped back to the original text they landed after it instead, as keys of the
  // component (`bot: { kind: agent, mitigations: { ASI01:2026: {…} }, LLM06:2025: {…}, … }`): a schema
  // error, the findings stayed open and fix all was offered again. A stub that lands inside an earlier
  // stub's text is now spliced into that text.
  it('fix all on a flow-style YAML component with several open findings', function () {
    const text = 'threatlens: 1\ncomponents:\n  bot: { kind: agent }\n  t: { kind: tool }\n  u: { kind: user }\nflows:\n  - u -> bot\n  - bot -> t\n';
    const r = analyze('flow.threatlens.yaml', text);
    const all = offeredFixes(r).find((f) => f.kind === 'fix-all');
    assert.ok(all);
    checkFix(r, all);
  });

  it('on decisions the walkthrough writes: any type, status, owner and expiry, superseding or not', function () {
    const THREAT_CHOICES = ['LLM01:2025', 'LLM09:2025', 'LLM10', 'LLM08:2025', 'ASI02:2026', 'LLM06:2025'];
    const choice = fc.record({
      component: fc.nat(),
      threat: fc.nat(),
      type: fc.constantFrom('mitigates', 'accepts', 'not-applicable'),
      status: fc.constantFrom('planned', 'implemented', 'verified'),
      text: fc.constantFrom('spotlight retrieved text', 'a "quoted" \\ reason', 'drafts only', DEFAULT_ACCEPT_REASON, 'x'),
      owner: fc.option(fc.constantFrom('ops', 'security team', 'o"k'), { nil: undefined }),
      expires: fc.option(fc.constantFrom('2027-01-31', '2025-01-01'), { nil: undefined }),
      supersede: fc.boolean(),
    });
    const file = fc.oneof(
      fc.tuple(flowchart, layout).map(([lines, l]) => ({ path: 'gen.mmd', text: render(lines, l) })),
      markdown.map((text) => ({ path: 'gen.md', text })),
      yamlModel.map((text) => ({ path: 'gen.threatlens.yaml', text })),
      fc.constantFrom(...readCorpus(['examples'], /\.(mmd|md|ya?ml)$/)),
    );
    prop.check(fc.property(file, fc.array(choice, { minLength: 1, maxLength: 3 }), ({ path, text }, choices) => {
      let current = text;
      for (const c of choices) {
        const r = analyze(path, current);
        if (r.problems.some((p) => p.severity === 'error')) return;
        const components = r.file.models.flatMap((m) => m.components);
        if (!components.length) return;
        const comp = components[c.component % components.length];
        const threats = [...new Set([...r.findings.filter((f) => f.componentId === comp.id).map((f) => f.owasp[0]), ...THREAT_CHOICES])];
        const threat = threats[c.threat % threats.length];
        const base = { componentId: comp.id, anchor: comp.span.start, threat, ...(c.supersede ? { supersede: true } : {}) };
        const request: DecisionRequest = c.type === 'mitigates' ? { type: 'mitigates', ...base, control: c.text, status: c.status as 'planned' }
          : c.type === 'accepts' ? { type: 'accepts', ...base, reason: c.text, ...(c.owner ? { owner: c.owner } : {}), ...(c.expires ? { expires: c.expires } : {}) }
            : { type: 'not-applicable', ...base, reason: c.text };
        const fix: Fix = { kind: 'walkthrough', title: `walkthrough ${JSON.stringify(request)}`, edits: decisionEdits(r.file, request, engine), request };
        if (!fix.edits.length) continue;
        checkFix(r, fix);
        current = applyEdits(current, fix.edits);
        const after = analyze(path, current);
        const about = (t: string) => after.file.models.flatMap((m) => m.annotations).filter((a) => a.type !== 'component' && a.target === comp.id && a.type === t && engine.resolveThreat(a.threat)?.some((id) => engine.resolveThreat(threat)?.includes(id)));
        assert.ok(about(request.type).length > 0, `the decision is written:\n${current}`);
        if (c.supersede) for (const t of ['mitigates', 'accepts', 'not-applicable'].filter((x) => x !== request.type)) assert.deepEqual(about(t), [], `the ${t} decision is superseded:\n${current}`);
      }
    }), { ci: 150, local: 100 });
  });

  // Regression: src/core/edits/update.ts (`decisionToChange`): in a Mermaid, Markdown or Threagile file, a
  // mitigation whose control starts with "TODO" (as a walkthrough user may type: "TODO: rate-limit the
  // endpoint") was never found again: the control was taken for a placeholder, so no written line
  // matched and every application inserted another identical line. Only reasons have a placeholder
  // now; a written mitigation with the same control is the one to change.
  it('a mitigation whose control starts with TODO is written once', function () {
    const text = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
    const r = analyze('todo.mmd', text);
    const request: DecisionRequest = { type: 'mitigates', componentId: 'llm', anchor: text.indexOf('llm'), threat: 'LLM01:2025', control: 'TODO: rate-limit the endpoint', status: 'planned' };
    checkFix(r, { kind: 'walkthrough', title: 'TODO control', edits: decisionEdits(r.file, request, engine), request });
  });

  describe('the checks themselves', function () {
    it('see an edit the editor would move (an offset between \\r and \\n)', function () {
      const text = 'a\r\nb';
      const e: TextEdit = { span: { start: 2, end: 2 }, newText: 'X' };
      assert.equal(applyEdits(text, [e]), 'a\rX\nb');
      assert.equal(applyAsEditor(text, [e]), 'aX\r\nb');
    });

    it('see an insertion that is not whole annotation lines', function () {
      const text = 'flowchart LR\n  u[User] --> llm[GPT-4o]\n';
      const r = analyze('t.mmd', text);
      const f = r.findings.find((x) => x.componentId === 'llm' && x.status === 'open') as Finding;
      const bad: Fix = { kind: 'mitigate', title: 'bad', edits: [{ span: { start: 16, end: 16 }, newText: '%% @mitigates llm against LLM01 with "x"\n' }], request: mitigationRequest(f) };
      assert.throws(() => assertInIntendedRange(r, bad), /not where the fix belongs/);
    });

    it('find the YAML entry of a component', function () {
      const text = 'threatlens: 1\ncomponents:\n  a:\n    kind: llm\n    # inner\n  # about b\n  b: { kind: tool }\nflows: []\n';
      const r = analyze('t.threatlens.yaml', text);
      const [a, b] = r.file.models[0].components;
      assert.equal(text.slice(yamlEntryRegion(text, a).start, yamlEntryRegion(text, a).end), 'a:\n    kind: llm\n    # inner');
      assert.equal(text.slice(yamlEntryRegion(text, b).start, yamlEntryRegion(text, b).end), 'b: { kind: tool }');
    });

    it('map offsets through edits', function () {
      const edits: TextEdit[] = [{ span: { start: 2, end: 2 }, newText: 'abc' }, { span: { start: 5, end: 7 }, newText: 'z' }];
      assert.deepEqual([0, 2, 3, 5, 6, 7, 9].map((o) => mapOffset(o, edits)), [0, 5, 6, 8, 9, 9, 11]);
    });
  });
});
