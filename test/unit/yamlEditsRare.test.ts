/**
 * Quick fixes on Threatlens YAML written in the rarer ways YAML allows: block scalars with keep
 * (`|+`, `>+`), strip and clip chomping and indentation indicators, trailing blank and
 * whitespace-only lines, comments after the last key, anchors, aliases and merge keys, flow-style
 * components, tabs, CRLF, a BOM, `---` and `...` markers, no final line break.
 *
 * The properties of test/unit/fixProperty.test.ts (idempotent, the file still parses with the same
 * components and no new error, the decision is read back), plus the one these files break: every
 * value the file held is still there. The file is read by the `yaml` package before and after the
 * edit (aliases resolved, and once more with merge keys applied) and every scalar compared; the only
 * values that may differ are the ones the fix writes (the decision's entry, the declared kind).
 * Where no edit can keep every value (a component that is an alias, or shares its map through an
 * anchor, or takes keys from a merge), no fix is offered.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import {
  applyEdits, decisionEdits, fixAllEdits, mitigationRequest, sameThreat,
  DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON, type DecisionRequest, type TextEdit,
} from '../../src/core/edits';
import { Engine } from '../../src/core/engine';
import type { ComponentKind } from '../../src/core/model';
import { kindForRules } from '../../src/core/model';
import type { FileResult } from '../../src/core/report/types';
import { propertyRunner } from './support/property';

const prop = propertyRunner(20_261_202, __filename);
const engine = new Engine(undefined, { today: '2026-11-23' });
const PATH = 'rare.threatlens.yaml';

const SECTION = { mitigates: 'mitigations', accepts: 'accepted', 'not-applicable': 'not-applicable' } as const;

function analyze(text: string): FileResult {
  const r = engine.analyze(PATH, text);
  assert.ok(r, 'a Threatlens YAML model');
  return r;
}

// ---------------------------------------------------------------------------------------------
// Every scalar of the file, as the `yaml` package reads it

type Leaves = Map<string, unknown>;
const SEP = '\u0000';

function leaves(value: unknown, path: string[] = [], out: Leaves = new Map()): Leaves {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path.join(SEP), Array.isArray(value) ? '[]' : '{}');
    for (const [k, v] of entries) leaves(v, [...path, k], out);
  } else out.set(path.join(SEP), value);
  return out;
}

/** The file's values, aliases resolved; with `merge`, `<<` keys applied. */
function values(text: string, merge: boolean): Leaves {
  const doc = parseDocument(text, { merge, uniqueKeys: false });
  return leaves(doc.toJS({ maxAliasCount: -1 }) as unknown);
}

/** What a fix may change: paths below these (an entry it writes, the kind it declares). */
type Allowed = string[][];

function under(path: string, allowed: Allowed): boolean {
  return allowed.some((p) => {
    const prefix = p.join(SEP);
    // The value itself or below it; or an empty value the fix fills (`bot:`, `bot: ~`, `accepted: {}`).
    return path === prefix || path.startsWith(prefix + SEP) || prefix.startsWith(path + SEP);
  });
}

function assertValuesKept(where: string, before: string, after: string, allowed: Allowed): void {
  for (const merge of [false, true]) {
    const a = values(before, merge);
    const b = values(after, merge);
    for (const [path, v] of a) {
      if (under(path, allowed)) continue;
      assert.ok(b.has(path), `${where}: ${JSON.stringify(path.split(SEP))} is gone${merge ? ' (merge keys applied)' : ''}\n--- before:\n${before}\n--- after:\n${after}`);
      assert.deepEqual(b.get(path), v, `${where}: ${JSON.stringify(path.split(SEP))} changed${merge ? ' (merge keys applied)' : ''}\n--- before:\n${before}\n--- after:\n${after}`);
    }
    for (const path of b.keys()) {
      if (!a.has(path)) assert.ok(under(path, allowed), `${where}: ${JSON.stringify(path.split(SEP))} is new${merge ? ' (merge keys applied)' : ''}\n--- after:\n${after}`);
    }
  }
}

/** The keys of `components.<id>.<section>` (before or after) that name `threat`. */
function threatKeys(text: string, id: string, section: string, threat: string): string[] {
  const js = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: -1 }) as { components?: Record<string, Record<string, Record<string, unknown> | undefined> | null> };
  const s = js.components?.[id]?.[section];
  return s && typeof s === 'object' ? Object.keys(s).filter((k) => sameThreat(k, threat, engine)) : [];
}

// ---------------------------------------------------------------------------------------------
// The fixes offered, and the checks of one

interface Fix { title: string; edits: TextEdit[]; requests: DecisionRequest[] }

const AI_KINDS: readonly ComponentKind[] = ['llm', 'agent', 'tool', 'vector-store'];

function offeredFixes(r: FileResult): Fix[] {
  const out: Fix[] = [];
  const add = (title: string, request: DecisionRequest) => {
    const edits = decisionEdits(r.file, request, engine);
    if (edits.length) out.push({ title, edits, requests: [request] });
  };
  for (const f of r.findings.filter((x) => x.status === 'open')) {
    const threat = f.owasp[0] ?? f.ruleId;
    const req = mitigationRequest(f);
    if (req) add(`mitigate ${threat} on ${f.componentId}`, req);
    const base = { componentId: f.componentId, anchor: f.span.start, threat };
    add(`accept ${threat} on ${f.componentId}`, { type: 'accepts', ...base, reason: DEFAULT_ACCEPT_REASON });
    add(`accept ${threat} on ${f.componentId} with owner`, { type: 'accepts', ...base, reason: 'r', owner: 'ops', expires: '2027-01-01', supersede: true });
    add(`not applicable ${threat} on ${f.componentId}`, { type: 'not-applicable', ...base, reason: DEFAULT_NOT_APPLICABLE_REASON, supersede: true });
  }
  for (const c of r.file.models.flatMap((m) => m.components)) {
    for (const kind of kindForRules(c) === 'unknown' ? AI_KINDS : c.kindSource === 'inferred' ? [c.kind] : []) add(`declare ${c.id} ${kind}`, { type: 'kind', componentId: c.id, anchor: c.span.start, kind });
    // A written decision changed (the walkthrough): status, reason, owner.
    for (const a of r.file.models.flatMap((m) => m.annotations)) {
      if (a.target !== c.id || a.type === 'component') continue;
      const base = { componentId: c.id, anchor: c.span.start, threat: a.threat };
      if (a.type === 'mitigates') add(`implement ${a.threat} on ${c.id}`, { type: 'mitigates', ...base, control: a.control, status: 'implemented' });
      else if (a.type === 'accepts') add(`renew ${a.threat} on ${c.id}`, { type: 'accepts', ...base, reason: 'renewed', owner: 'ops', expires: '2028-01-01' });
      else add(`re-reason ${a.threat} on ${c.id}`, { type: 'not-applicable', ...base, reason: 'no longer used' });
    }
  }
  const open = r.findings.filter((f) => f.status === 'open' && f.mitigations.length > 0);
  if (open.length) {
    const edits = fixAllEdits(r.file, r.findings, engine);
    // Fix all writes the stubs a single fix would write; components that get none are left out.
    const requests = open.map((f) => mitigationRequest(f)).filter((q) => q !== undefined).filter((q) => decisionEdits(r.file, q, engine).length > 0);
    if (edits.length) out.push({ title: 'fix all', edits, requests });
  }
  return out;
}

const componentsOf = (r: FileResult) => r.file.models.flatMap((m) => m.components.map((c) => ({ id: c.id, label: c.label, boundary: c.boundary, properties: c.properties })));
const errorsOf = (r: FileResult) => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`);

function checkFix(r: FileResult, fix: Fix): void {
  const text = r.file.text;
  const where = `${fix.title}`;
  const once = applyEdits(text, fix.edits);
  assert.notEqual(once, text, `${where}: an offered fix changes nothing`);
  const after = analyze(once);
  assert.deepEqual(errorsOf(after).filter((e) => !errorsOf(r).includes(e)), [], `${where}: new errors\n${once}`);
  assert.deepEqual(componentsOf(after), componentsOf(r), `${where}: components changed\n--- before:\n${text}\n--- after:\n${once}`);

  const allowed: Allowed = [];
  for (const q of fix.requests) {
    if (q.type === 'kind') {
      allowed.push(['components', q.componentId, 'kind']);
      const c = after.file.models.flatMap((m) => m.components).find((x) => x.id === q.componentId);
      assert.equal(c?.kind, q.kind, `${where}: the kind is not declared\n${once}`);
      assert.equal(c?.kindSource, 'declared');
      continue;
    }
    const types = q.supersede ? (['mitigates', 'accepts', 'not-applicable'] as const) : [q.type];
    for (const t of types) {
      for (const k of new Set([...threatKeys(text, q.componentId, SECTION[t], q.threat), ...threatKeys(once, q.componentId, SECTION[t], q.threat)])) allowed.push(['components', q.componentId, SECTION[t], k]);
      allowed.push(['components', q.componentId, SECTION[t], '{}']);
    }
    const written = after.file.models.flatMap((m) => m.annotations).filter((a) => a.type === q.type && a.target === q.componentId && sameThreat(a.threat, q.threat, engine));
    assert.ok(written.length > 0, `${where}: the decision is not read back\n${once}`);
  }
  assertValuesKept(where, text, once, allowed);

  // Twice is once.
  const again = fix.title === 'fix all' ? fixAllEdits(after.file, after.findings, engine) : decisionEdits(after.file, fix.requests[0], engine);
  assert.deepEqual(again, [], `${where}: offered again after applying it\n${once}`);
}

function checkAll(text: string): Fix[] {
  const r = analyze(text);
  const fixes = offeredFixes(r);
  for (const f of fixes) checkFix(r, f);
  return fixes;
}

/** The fixes offered for one component. */
function fixesFor(text: string, id: string): Fix[] {
  return checkAll(text).filter((f) => f.requests.some((q) => q.componentId === id));
}

// ---------------------------------------------------------------------------------------------
// Files

const HEAD = 'threatlens: 1\ncomponents:\n';
const FLOWS = 'flows:\n  - user -> bot\n  - bot -> kb\n';
const USER = '  user: { kind: user, exposure: public }\n';
const KB = '  kb: { kind: vector-store }\n';

describe('quick fixes on rare YAML', function () {
  this.timeout(120_000);
  before(prop.announce);

  describe('block scalars as the last value of a component', function () {
    // Regression: src/core/edits/yaml.ts put the new key after the last line with content, which
    // is before the trailing blank lines of a keep-chomped scalar (`label: |+` followed by blank
    // lines): those lines then ended the label no more, and the label lost its line breaks.
    for (const [name, label] of [
      ['|+ with blank lines', '    label: |+\n      GPT-4o\n\n\n'],
      ['|+ with whitespace-only lines', '    label: |+\n      GPT-4o\n   \n      \n'],
      ['>+ folded, keep', '    label: >+\n      GPT\n      four\n\n'],
      ['|2+ indentation indicator', '    label: |2+\n        GPT-4o\n\n'],
      ['|+ then a comment', '    label: |+\n      GPT-4o\n\n    # about the label\n\n'],
      ['|- strip', '    label: |-\n      GPT-4o\n\n'],
      ['| clip', '    label: |\n      GPT-4o\n\n'],
      ['> folded', '    label: >\n      GPT\n      four\n\n'],
    ] as const) {
      for (const at of ['middle', 'end'] as const) {
        it(`${name}, component ${at === 'end' ? 'at the end of the file' : 'followed by another'}`, function () {
          const bot = `  bot:\n    kind: llm\n${label}`;
          const text = at === 'end' ? `${HEAD}${USER}${KB}${bot}`.replace(HEAD, `threatlens: 1\n${FLOWS}components:\n`) : `${HEAD}${bot}${USER}${KB}${FLOWS}`;
          assert.ok(fixesFor(text, 'bot').length > 0, 'fixes are offered');
        });
      }
    }

    it('a keep scalar nested in the last section (properties) keeps its lines', function () {
      const text = `${HEAD}  bot:\n    kind: llm\n    properties:\n      note: |+\n        pinned\n\n\n${USER}${KB}${FLOWS}`;
      assert.ok(fixesFor(text, 'bot').length > 0);
    });

    it('a keep reason in a written acceptance keeps its lines when another acceptance is added', function () {
      const text = `${HEAD}  bot:\n    kind: llm\n    accepted:\n      LLM10:2025:\n        reason: |+\n          cost is capped\n\n\n${USER}${KB}${FLOWS}`;
      const fixes = fixesFor(text, 'bot');
      assert.ok(fixes.some((f) => f.requests[0].type === 'accepts' && f.requests[0].threat !== 'LLM10:2025'), 'a new acceptance is offered');
      assert.ok(fixes.some((f) => f.title.startsWith('renew LLM10')), 'the written one can be renewed');
    });

    it('a block scalar replaced by an update keeps the line after it', function () {
      const text = `${HEAD}  bot:\n    kind: llm\n    not-applicable:\n      LLM10:2025: |+\n        internal only\n\n    label: GPT\n${USER}${KB}${FLOWS}`;
      assert.ok(fixesFor(text, 'bot').some((f) => f.title.startsWith('re-reason')));
    });

    it('a superseded entry with a keep scalar goes with its blank lines', function () {
      // Left behind, the removed reason's kept blank lines would join the label before it.
      const text = `${HEAD}  bot:\n    kind: llm\n    label: |+\n      GPT\n\n    accepted:\n      LLM01:2025: |+\n        reviewed\n\n\n${USER}${KB}${FLOWS}`;
      const r = analyze(text);
      const request: DecisionRequest = { type: 'mitigates', componentId: 'bot', threat: 'LLM01:2025', control: 'spotlighting', supersede: true };
      checkFix(r, { title: 'supersede', edits: decisionEdits(r.file, request, engine), requests: [request] });
    });

    for (const header of ['|', '|+', '>', '>+']) {
      it(`${header} at the end of a file without a final line break`, function () {
        const text = `threatlens: 1\n${FLOWS}components:\n${USER}${KB}  bot:\n    kind: llm\n    label: ${header}\n      GPT-4o`;
        // Any key after the scalar would give its last line a line break: the new key goes before it.
        assert.ok(fixesFor(text, 'bot').length > 0);
      });
    }
  });

  describe('anchors, aliases and merge keys', function () {
    it('a component that is an alias gets no fix; the anchored one none either (the alias shares its map)', function () {
      const text = `${HEAD}  bot: &shared\n    kind: llm\n    label: GPT\n  bot2: *shared\n${USER}${KB}${FLOWS}  - user -> bot2\n`;
      assert.deepEqual(fixesFor(text, 'bot2').map((f) => f.title), []);
      assert.deepEqual(fixesFor(text, 'bot').filter((f) => f.title !== 'fix all').map((f) => f.title), []);
    });

    it('an anchored component nobody refers to is edited as usual', function () {
      const text = `${HEAD}  bot: &lonely\n    kind: llm\n    label: GPT\n${USER}${KB}${FLOWS}`;
      assert.ok(fixesFor(text, 'bot').length > 0);
    });

    it('a component with a merge key gets no fix', function () {
      const text = `${HEAD}  base: &base { kind: llm, mitigations: { LLM10:2025: { control: "rate limit", status: implemented } } }\n  bot:\n    <<: *base\n    label: GPT\n${USER}${KB}${FLOWS}`;
      assert.deepEqual(fixesFor(text, 'bot').map((f) => f.title), []);
    });

    it('a section shared through an anchor is not written into', function () {
      const text = `${HEAD}  bot:\n    kind: llm\n    accepted: &acc\n      LLM10:2025: "capped"\n  bot2:\n    kind: llm\n    accepted: *acc\n${USER}${KB}${FLOWS}  - user -> bot2\n`;
      const fixes = fixesFor(text, 'bot').filter((f) => f.title !== 'fix all');
      assert.ok(fixes.every((f) => f.requests[0].type !== 'accepts' || f.requests[0].supersede), fixes.map((f) => f.title).join(', '));
    });
  });

  describe('layout', function () {
    for (const [name, text] of [
      ['flow-style component', `${HEAD}  bot: { kind: llm, label: GPT }   # the model\n${USER}${KB}${FLOWS}`],
      ['flow-style components map over several lines', `threatlens: 1\ncomponents: {\n  bot: { kind: llm },   # model\n  user: { kind: user, exposure: public },\n  kb: { kind: vector-store }\n}\n${FLOWS}`],
      ['comments after the last key', `${HEAD}  bot:\n    kind: llm\n    label: GPT # inline\n    # after the last key\n      # deeper\n  # before user\n${USER}${KB}${FLOWS}`],
      ['CRLF and a keep scalar', `${HEAD}  bot:\n    kind: llm\n    label: |+\n      GPT\n\n${USER}${KB}${FLOWS}`.replace(/\n/g, '\r\n')],
      ['tabs after values and before comments', `${HEAD}  bot:\n    kind:\tllm\t\n    label: "GPT\tfour"\t# tab\n${USER}${KB}${FLOWS}`],
      ['document markers', `\uFEFF--- # model\n${HEAD}${USER}${KB}  bot:\n    kind: llm\n    label: |+\n      GPT\n\n${FLOWS}...\n# after the end\n`],
      ['document end right after the component', `threatlens: 1\n${FLOWS}components:\n${USER}${KB}  bot:\n    kind: llm\n    label: GPT\n...\n`],
      ['no final line break', `threatlens: 1\n${FLOWS}components:\n${USER}${KB}  bot:\n    kind: llm`],
    ] as const) {
      it(name, function () {
        assert.ok(fixesFor(text, 'bot').length > 0, 'fixes are offered');
      });
    }
  });

  it('on generated rare YAML: every offered fix keeps every value and is idempotent', function () {
    let runs = 0;
    let checked = 0;
    prop.check(fc.property(rareModel, fc.nat(), (text, pick) => {
      runs++;
      const r = analyze(text);
      if (r.problems.some((p) => p.severity === 'error')) return;
      const fixes = offeredFixes(r);
      if (!fixes.length) return;
      checked++;
      checkFix(r, fixes[pick % fixes.length]);
      const all = fixes.find((f) => f.title === 'fix all');
      if (all) checkFix(r, all);
    }), { ci: 300, local: 150 });
    // The generator makes valid models with fixes most of the time, or the property proves little.
    assert.ok(checked >= runs / 2, `only ${checked} of ${runs} generated models were valid and offered a fix`);
  });

  describe('the checks themselves', function () {
    it('see a label that lost its trailing line breaks', function () {
      const before = `${HEAD}  bot:\n    label: |+\n      GPT\n\n  user: {}\n`;
      const after = `${HEAD}  bot:\n    label: |+\n      GPT\n    kind: llm\n\n  user: {}\n`;
      assert.throws(() => assertValuesKept('t', before, after, [['components', 'bot', 'kind']]), /"label"\] changed/);
    });

    it('see a value changed through an alias or a merge key', function () {
      const before = `${HEAD}  a: &x { kind: llm }\n  b: *x\n  c: { <<: *x }\n`;
      const after = `${HEAD}  a: &x { kind: llm, label: y }\n  b: *x\n  c: { <<: *x }\n`;
      assert.throws(() => assertValuesKept('t', before, after, [['components', 'a', 'label']]), /"b","label"\] is new/);
      const merged = `${HEAD}  a: &x { kind: llm }\n  c: { <<: *x }\n`;
      assert.throws(() => assertValuesKept('t', merged, merged.replace('kind: llm }', 'kind: llm, label: y }'), [['components', 'a', 'label']]), /"c",(?:"<<",)?"label"\] is new/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Generated rare YAML

const scalarStyle = fc.constantFrom('plain', 'quoted', '|', '|-', '|+', '>', '>-', '>+', '|2', '|+2');
const blankTail = fc.constantFrom('', '\n', '\n\n', '\n   \n', '\n\t\n');

/** A value for `key` at indentation `ind` (spaces), in the given style, ending with a line break. */
function scalar(ind: string, key: string, text: string, style: string, tail: string): string {
  if (style === 'plain') return `${ind}${key}: ${text}\n${tail.replace(/\t/g, '')}`;
  if (style === 'quoted') return `${ind}${key}: ${JSON.stringify(text)}\n${tail.replace(/\t/g, '')}`;
  const inner = `${ind}  `;
  return `${ind}${key}: ${style}\n${text.split(' ').map((w) => `${inner}${w}`).join('\n')}\n${tail.replace(/\t/g, '')}`;
}

const rareComponent = fc.record({
  id: fc.constantFrom('bot', 'agent', 'kb', 'tool', 'store'),
  kind: fc.constantFrom('llm', 'agent', 'vector-store', 'tool', 'datastore', undefined),
  style: fc.constantFrom('block', 'block', 'block', 'flow', 'anchored', 'null'),
  label: fc.tuple(fc.constantFrom('GPT-4o', 'Claude planner', 'Pinecone index', 'Search tool'), scalarStyle, blankTail),
  extra: fc.constantFrom('none', 'properties', 'data', 'decision', 'comment'),
  extraStyle: scalarStyle,
  lastComment: fc.constantFrom('', '    # after\n', '      # deeper\n', '  # outdented\n', '\n'),
  trailingTab: fc.boolean(),
});

const rareModel = fc.tuple(
  fc.uniqueArray(rareComponent, { minLength: 1, maxLength: 4, selector: (c) => c.id }),
  fc.record({ componentsLast: fc.boolean(), crlf: fc.boolean(), bom: fc.boolean(), start: fc.boolean(), end: fc.constantFrom('', '...\n', '...\n# done\n'), finalBreak: fc.boolean(), alias: fc.boolean() }),
).map(([components, l]) => {
  const body: string[] = [];
  for (const c of components) {
    const [labelText, labelStyle, labelTail] = c.label;
    const tab = c.trailingTab ? '\t' : '';
    if (c.style === 'null') { body.push(`  ${c.id}:\n`); continue; }
    if (c.style === 'flow') { body.push(`  ${c.id}: { ${c.kind ? `kind: ${c.kind}, ` : ''}label: ${JSON.stringify(labelText)} }${tab}\n`); continue; }
    const lines = [`  ${c.id}:${c.style === 'anchored' ? ` &${c.id}-anchor` : ''}\n`];
    if (c.kind) lines.push(`    kind: ${c.kind}${tab}\n`);
    if (c.extra === 'properties') lines.push('    properties:\n' + scalar('      ', 'note', 'pinned weights', c.extraStyle, labelTail));
    if (c.extra === 'data') lines.push('    data:\n      - pii\n      - internal\n');
    if (c.extra === 'decision') lines.push('    accepted:\n      LLM10:2025:\n' + scalar('        ', 'reason', 'cost capped', c.extraStyle, labelTail));
    if (c.extra === 'comment') lines.push('    # a comment line\n');
    lines.push(scalar('    ', 'label', labelText, labelStyle, labelTail), c.lastComment);
    // Keys after the label in the other order: the scalar is then not the last value.
    body.push(c.extra === 'properties' || c.extra === 'decision' ? [lines[0], ...lines.slice(1).reverse()].join('') : lines.join(''));
  }
  const anchored = components.find((c) => c.style === 'anchored');
  if (l.alias && anchored) body.push(`  copy-of-${anchored.id}: *${anchored.id}-anchor\n`);
  const ids = components.map((c) => c.id);
  const flows = `flows:\n  - user -> ${ids[0]}\n${ids.slice(1).map((id, i) => `  - ${ids[i]} -> ${id}\n`).join('')}`;
  const comps = `components:\n  user: { kind: user, exposure: public }\n${body.join('')}`;
  let text = `${l.bom ? '\uFEFF' : ''}${l.start ? '---\n' : ''}threatlens: 1\n${l.componentsLast ? flows + comps : comps + flows}${l.end}`;
  if (!l.finalBreak) text = text.replace(/\n$/, '');
  return l.crlf ? text.replace(/\n/g, '\r\n') : text;
});
