/**
 * Edits for Threatlens YAML models. The `yaml` package's Document gives every node's source range;
 * edits are computed from those ranges as minimal insertions, so comments, quoting, key order and
 * line breaks stay exactly as written. The file is never re-serialised. Block maps get new lines
 * with the indentation their siblings use; flow maps `{ … }` get `, key: value` before the brace.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ComponentKind, Span } from '../model';
import { detectEol, lineEndAt, lineStartAt, nextLineStart, type TextEdit } from './text';
import { blockScalarEnd, isBlockScalar, isShared, sharedAnchors } from './yamlNodes';
import { appendAll } from '../arrays';

/** One entry to add under a component: `section` is omitted for a direct key such as `kind`. */
export interface YamlEntry {
  section?: 'mitigations' | 'accepted' | 'not-applicable';
  /** Key of the new entry (a threat id, or `kind`). */
  key: string;
  /** The value in flow style: `{ control: "…", status: planned }`, `"reason"`, `llm`. */
  flow: string;
  /** The value as block lines below `key:` (relative indentation in units), or undefined when it fits after `key: `. */
  block?: { key: string; value: string }[];
  /** True when an existing key in the section already counts as this entry. */
  exists?: (key: string) => boolean;
}

type AnyPair = Pair<Node | null, Node | null>;

function keyText(p: AnyPair): string | undefined {
  if (!isScalar(p.key)) return undefined;
  const v: unknown = p.key.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function findPair(map: unknown, key: string): AnyPair | undefined {
  return isMap(map) ? (map as YAMLMap<Node | null, Node | null>).items.find((p) => keyText(p) === key) : undefined;
}

/** Column of the line holding `offset`, counting from its start. */
function column(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** End of the last line with content inside `[start, end)`: where a new sibling line goes. */
function lastContentLineEnd(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length);
  while (i > start && /\s/.test(text[i - 1])) i--;
  return lineEndAt(text, Math.max(start, i - 1));
}

interface Ctx {
  text: string;
  eol: string;
  /** Indentation step the file uses (2 unless its components say otherwise). */
  unit: number;
}

/** New block lines written as `\n  key: …` after a line end, or as `  key: …\n` at a line start. */
function atLineStart(ctx: Ctx, lines: string): string {
  return `${lines.slice(ctx.eol.length)}${ctx.eol}`;
}

/**
 * The text a scalar's new value replaces. A block scalar's range runs to the start of the line
 * after it (and over its kept blank lines): only its own lines go, the line break after them stays.
 */
function scalarSpan(text: string, s: Scalar): Span | undefined {
  if (!s.range) return undefined;
  const [start, end] = s.range;
  return isBlockScalar(s) ? { start, end: lastContentLineEnd(text, start, end) } : { start, end };
}

function blockLines(ctx: Ctx, col: number, entry: YamlEntry): string {
  const pad = ' '.repeat(col);
  if (!entry.block) return `${ctx.eol}${pad}${entry.key}: ${entry.flow}`;
  const inner = ' '.repeat(col + ctx.unit);
  return `${ctx.eol}${pad}${entry.key}:${entry.block.map((b) => `${ctx.eol}${inner}${b.key}: ${b.value}`).join('')}`;
}

/** `, key: value` after the last item of a flow map, or ` key: value ` inside `{}`. */
function flowInsert(ctx: Ctx, map: YAMLMap, entry: string): TextEdit[] {
  const range = map.range;
  if (!range) return [];
  const last = map.items[map.items.length - 1] as AnyPair | undefined;
  if (last) {
    const end = (last.value ?? last.key)?.range?.[1];
    if (end === undefined) return [];
    return [{ span: { start: end, end }, newText: `, ${entry}` }];
  }
  const open = ctx.text.indexOf('{', range[0]);
  if (open < 0 || open >= range[1]) return [];
  return [{ span: { start: open + 1, end: open + 1 }, newText: ` ${entry} ` }];
}

function entryFlow(entry: YamlEntry): string {
  return `${entry.key}: ${entry.flow}`;
}

/**
 * The `components:` value of a model, read afresh from `text` (edits are computed on the text as
 * it is now); undefined when the YAML has errors, so no edit is built on a misread document.
 */
function componentsNode(text: string): { components: unknown; shared: Set<string> } | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const components = findPair(doc.contents, 'components')?.value ?? null;
  return { components, shared: sharedAnchors(doc) };
}

/**
 * The nodes an edit writes into must be its own: a map or scalar that an alias shares, or a map
 * that merges keys from elsewhere, would change other components (or take a value that is not
 * written here) with it, so no edit is offered on them.
 */
function anyShared(shared: ReadonlySet<string>, ...nodes: unknown[]): boolean {
  return nodes.some((n) => isShared(n, shared));
}

/** Edits that add `entry` under the component `componentId`; none when it is already there. */
export function yamlAddEntry(text: string, componentId: string, entry: YamlEntry): TextEdit[] {
  const read = componentsNode(text);
  if (read === undefined) return [];
  const { components, shared } = read;
  const pair = findPair(components, componentId);
  if (!pair || !pair.key?.range || anyShared(shared, components, pair.value)) return [];
  const ctx: Ctx = { text, eol: detectEol(text), unit: indentUnit(text, components) };
  const keyCol = column(text, pair.key.range[0]);
  const v = pair.value;

  const sectionFlow = entry.section ? `${entry.section}: { ${entryFlow(entry)} }` : entryFlow(entry);
  if (v === null || (isScalar(v) && v.range && v.range[0] === v.range[1])) {
    // `llm:` with nothing after it: start a block map on the next line.
    const end = lineEndAt(text, pair.key.range[1]);
    const col = keyCol + ctx.unit;
    const body = entry.section ? `${ctx.eol}${' '.repeat(col)}${entry.section}:${blockLines(ctx, col + ctx.unit, entry)}` : blockLines(ctx, col, entry);
    return [{ span: { start: end, end }, newText: body }];
  }
  if (isScalar(v) && v.range && (v.value === null || v.value === undefined)) {
    // `llm: ~` or `llm: null`: the explicit empty value becomes a flow map.
    return [{ span: { start: v.range[0], end: v.range[1] }, newText: `{ ${sectionFlow} }` }];
  }
  if (!isMap(v) || !v.range) return [];
  const map = v as YAMLMap<Node | null, Node | null>;

  if (!entry.section) {
    const existing = findPair(map, entry.key);
    if (existing) return anyShared(shared, existing.value) ? [] : replaceScalar(text, existing, entry.flow);
    return addToMap(ctx, map, entry);
  }
  const section = findPair(map, entry.section);
  if (!section) return addToMap(ctx, map, { ...entry, key: entry.section, flow: `{ ${entryFlow(entry)} }`, block: undefined }, entry);
  const sv = section.value;
  if (anyShared(shared, sv)) return [];
  if (isMap(sv)) {
    const keys = (sv as YAMLMap<Node | null, Node | null>).items.map(keyText).filter((k): k is string => k !== undefined);
    if (keys.some((k) => k === entry.key || entry.exists?.(k))) return [];
    return addToMap(ctx, sv as YAMLMap<Node | null, Node | null>, entry);
  }
  if (sv === null || (isScalar(sv) && sv.range && sv.range[0] === sv.range[1])) {
    if (map.flow) return [];
    const end = lineEndAt(text, section.key?.range?.[1] ?? 0);
    return [{ span: { start: end, end }, newText: blockLines(ctx, column(text, section.key?.range?.[0] ?? 0) + ctx.unit, entry) }];
  }
  if (isScalar(sv) && sv.range && (sv.value === null || sv.value === undefined)) {
    return [{ span: { start: sv.range[0], end: sv.range[1] }, newText: `{ ${entryFlow(entry)} }` }];
  }
  return [];
}

/**
 * Adds `entry` as a new key of `map`. For a block map, `nested` (when given) is the entry to write
 * one level further in, below the new key (a new section holding its first entry).
 */
function addToMap(ctx: Ctx, map: YAMLMap<Node | null, Node | null>, entry: YamlEntry, nested?: YamlEntry): TextEdit[] {
  if (map.flow) return flowInsert(ctx, map, entryFlow(entry));
  const first = map.items[0];
  const range = map.range;
  if (!first?.key?.range || !range) return [];
  const col = column(ctx.text, first.key.range[0]);
  const lines = nested ? `${ctx.eol}${' '.repeat(col)}${entry.key}:${blockLines(ctx, col + ctx.unit, nested)}` : blockLines(ctx, col, entry);
  // After a block scalar the new lines go where its value ends, not before its kept blank lines.
  const afterScalar = blockScalarEnd(ctx.text, map);
  if (afterScalar !== undefined) return [{ span: { start: afterScalar, end: afterScalar }, newText: atLineStart(ctx, lines) }];
  const end = lastContentLineEnd(ctx.text, range[0], range[1]);
  return [{ span: { start: end, end }, newText: lines }];
}

function replaceScalar(text: string, pair: AnyPair, value: string): TextEdit[] {
  const v = pair.value;
  const span = isScalar(v) ? scalarSpan(text, v) : undefined;
  if (!isScalar(v) || !span) return [];
  if (String(v.value) === value) return [];
  return [{ span, newText: value }];
}

/** Indentation step: how far the first component's keys sit right of the component's own key. */
function indentUnit(text: string, components: unknown): number {
  if (!isMap(components)) return 2;
  for (const p of (components as YAMLMap<Node | null, Node | null>).items) {
    const v = p.value;
    if (!p.key?.range || !isMap(v) || v.flow || isSeq(v)) continue;
    const child = (v as YAMLMap<Node | null, Node | null>).items[0]?.key?.range;
    if (!child) continue;
    const d = column(text, child[0]) - column(text, p.key.range[0]);
    if (d > 0 && d <= 8) return d;
  }
  return 2;
}

export function yamlKindEntry(kind: ComponentKind): YamlEntry {
  return { key: 'kind', flow: kind };
}

/** One value of a decision entry: `value` as read back, `written` as it goes into the file. */
export interface YamlField {
  key: string;
  value: string;
  written: string;
}

/**
 * Rewrites the decision entry of `componentId` under `section` whose threat key starts at
 * `keyStart` (for a list of mitigations, the item starting at `entryStart`): changed scalars are
 * replaced, missing keys added, other keys and comments left alone. A bare reason scalar becomes a
 * flow map only when an owner or expiry must join it.
 */
export function yamlUpdateEntry(text: string, componentId: string, section: string, keyStart: number, entryStart: number, fields: readonly YamlField[]): TextEdit[] {
  const read = componentsNode(text);
  if (read === undefined) return [];
  const { components, shared } = read;
  const component = findPair(components, componentId)?.value;
  const sectionMap = findPair(component, section)?.value;
  if (!isMap(sectionMap)) return [];
  const pair = (sectionMap as YAMLMap<Node | null, Node | null>).items.find((p) => p.key?.range?.[0] === keyStart);
  let v: unknown = pair?.value;
  if (anyShared(shared, components, component, sectionMap, v)) return [];
  if (isSeq(v)) v = v.items.find((item) => isMap(item) && item.range?.[0] === entryStart);
  const ctx: Ctx = { text, eol: detectEol(text), unit: indentUnit(text, components) };
  if (isScalar(v)) {
    const span = scalarSpan(text, v);
    if (!span) return [];
    const [reason, ...rest] = fields;
    const newText = rest.length === 0 ? reason.written : `{ ${fields.map((f) => `${f.key}: ${f.written}`).join(', ')} }`;
    if (rest.length === 0 && String(v.value) === reason.value) return [];
    return [{ span, newText }];
  }
  if (!isMap(v) || anyShared(shared, v)) return [];
  const map = v as YAMLMap<Node | null, Node | null>;
  const edits: TextEdit[] = [];
  // All or nothing: a field that cannot be written (an alias, a shared scalar) leaves the entry as it is.
  for (const f of fields) {
    const existing = findPair(map, f.key);
    if (!existing) {
      const added = addToMap(ctx, map, { key: f.key, flow: f.written });
      if (!added.length) return [];
      appendAll(edits, added);
      continue;
    }
    const s = existing.value;
    if (isScalar(s) && String(s.value) === f.value) continue;
    const span = isScalar(s) && !anyShared(shared, s) ? scalarSpan(text, s) : undefined;
    if (!span) return [];
    edits.push({ span, newText: f.written });
  }
  return edits;
}

/**
 * Removes the decision entry of `componentId` under `section` whose threat key starts at
 * `keyStart`; the section goes too when nothing else is in it. None when it is not found.
 */
export function yamlRemoveEntry(text: string, componentId: string, section: string, keyStart: number): TextEdit[] {
  const read = componentsNode(text);
  if (read === undefined) return [];
  const component = findPair(read.components, componentId)?.value;
  if (!isMap(component)) return [];
  const sectionPair = findPair(component, section);
  const sectionMap = sectionPair?.value;
  if (!sectionPair || !isMap(sectionMap) || anyShared(read.shared, read.components, component, sectionMap)) return [];
  const items = (sectionMap as YAMLMap<Node | null, Node | null>).items;
  const pair = items.find((p) => p.key?.range?.[0] === keyStart);
  if (!pair) return [];
  if (items.length === 1) return removePair(text, component as YAMLMap<Node | null, Node | null>, sectionPair);
  return removePair(text, sectionMap as YAMLMap<Node | null, Node | null>, pair);
}

function removePair(text: string, map: YAMLMap<Node | null, Node | null>, pair: AnyPair): TextEdit[] {
  const keyStart = pair.key?.range?.[0];
  const valueEnd = (pair.value ?? pair.key)?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return [];
  const i = map.items.indexOf(pair);
  if (map.flow) {
    const prevEnd = i > 0 ? (map.items[i - 1].value ?? map.items[i - 1].key)?.range?.[1] : undefined;
    if (prevEnd !== undefined) return [{ span: { start: prevEnd, end: valueEnd }, newText: '' }];
    const nextStart = map.items[i + 1]?.key?.range?.[0];
    if (nextStart !== undefined) return [{ span: { start: keyStart, end: nextStart }, newText: '' }];
    const open = text.lastIndexOf('{', keyStart);
    const close = text.indexOf('}', valueEnd);
    return open < 0 || close < 0 ? [] : [{ span: { start: open + 1, end: close }, newText: '' }];
  }
  const start = lineStartAt(text, keyStart);
  const lastLine = lastContentLineEnd(text, keyStart, valueEnd);
  // A block scalar's kept blank lines go with it: left behind, they would join the value before.
  const end = Math.max(nextLineStart(text, lastLine) ?? lastLine, blockScalarEnd(text, pair.value) ?? 0);
  return [{ span: { start, end }, newText: '' }];
}
