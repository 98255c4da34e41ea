/**
 * Restraint (issue 15 point 5): what one line, one menu and one hover show, and how the Markdown
 * report reads as raw text. The limits are checked on every example, where they were broken.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/analysis/finding';
import { LineIndex } from '../../src/core/positions';
import { buildFixMenu, MAX_MENU_ITEMS, showAllLabel, type FixEntry } from '../../src/core/present/fixMenu';
import { firstScreen, HOVER_WORD_BUDGET, visibleWords } from '../../src/core/present/hoverScreen';
import { byRisk, moreNote, topPerLine } from '../../src/core/present/perLine';
import { escapeProse } from '../../src/core/report/escape';
import { toMarkdown } from '../../src/core/report/markdown';
import { findingMessage, groupsOf } from '../../src/core/report/messages';
import type { FileResult } from '../../src/core/report/types';
import { componentDetails, componentHover } from '../../src/extension/hoverContent';

const engine = new Engine(undefined, { today: '2026-11-23' });
const EXAMPLES = readdirSync('examples').sort().map((name) => `examples/${name}`);
const RESULTS: FileResult[] = EXAMPLES.map((path) => {
  const r = engine.analyze(path, readFileSync(path, 'utf8'));
  assert.ok(r, path);
  return r;
});
const md = new MarkdownIt();

function lineOf(r: FileResult): (f: Finding) => number {
  const index = new LineIndex(r.file.text);
  return (f) => index.positionAt(f.span.start).line;
}

/** The text a reader sees once Markdown is rendered, whitespace collapsed. */
function rendered(markdown: string, inline = false): string {
  const html = inline ? md.renderInline(markdown) : md.render(markdown);
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return text.replace(/\s+/g, ' ').trim();
}

/** A fix menu as codeActions.ts assembles it, labelled by what each fix writes. */
function fixEntries(findings: readonly Finding[]): FixEntry<string>[] {
  return findings.filter((f) => f.status === 'open').flatMap((f) => {
    const threat = f.owasp[0] ?? f.ruleId;
    // The preferred control, accept, not applicable, then the other controls (findingFixes).
    const [preferred, ...others] = f.mitigations.map((m) => `mitigate ${threat} ${f.componentId} ${m.name}`);
    const labels = [preferred, `accept ${threat} ${f.componentId}`, `n/a ${threat} ${f.componentId}`, ...others].filter((l): l is string => l !== undefined);
    return labels.map((label, order) => ({ label, risk: f.score, order, item: `${f.ruleId} ${label}` }));
  });
}

describe('restraint: findings per line', function () {
  it('shows at most 2 findings on any line of the examples, and counts the rest on the last one', function () {
    let before = 0;
    for (const r of RESULTS) {
      const at = lineOf(r);
      const { shown, more } = topPerLine(r.findings, at, 2);
      const perLine = new Map<number, number>();
      for (const f of r.findings) perLine.set(at(f), (perLine.get(at(f)) ?? 0) + 1);
      before = Math.max(before, ...perLine.values());
      const shownPerLine = new Map<number, number>();
      for (const f of shown) shownPerLine.set(at(f), (shownPerLine.get(at(f)) ?? 0) + 1);
      for (const [line, n] of perLine) {
        assert.equal(shownPerLine.get(line), Math.min(n, 2), `${r.file.path}:${line + 1}`);
        const left = shown.filter((f) => at(f) === line).reduce((sum, f) => sum + (more.get(f) ?? 0), 0);
        assert.equal(left, n - Math.min(n, 2), `${r.file.path}:${line + 1}: the note counts what is left out`);
      }
    }
    assert.ok(before > 2, `the examples have crowded lines (max ${before} findings on one line)`);
  });

  it('keeps the riskiest: an open finding is never left out for a decided one or a lower score', function () {
    for (const r of RESULTS) {
      const at = lineOf(r);
      const { shown } = topPerLine(r.findings, at, 2);
      const kept = new Set(shown);
      for (const dropped of r.findings.filter((f) => !kept.has(f))) {
        for (const f of shown.filter((x) => at(x) === at(dropped))) assert.ok(byRisk(f, dropped) <= 0, `${f.ruleId} before ${dropped.ruleId}`);
      }
    }
  });

  it('0 shows every finding, in the input order', function () {
    const r = RESULTS.find((x) => x.findings.length > 3);
    assert.ok(r);
    assert.deepEqual(topPerLine(r.findings, lineOf(r), 0).shown, r.findings);
    const { shown } = topPerLine(r.findings, lineOf(r), 1);
    assert.deepEqual(shown, r.findings.filter((f) => shown.includes(f)), 'the input order is kept');
    assert.match(moreNote(3), /\+3 more/);
  });
});

describe('restraint: the quick-fix menu', function () {
  it('has at most 8 entries on every line of the examples, no duplicate label, riskiest first', function () {
    let before = 0;
    let after = 0;
    for (const r of RESULTS) {
      const at = lineOf(r);
      for (const line of new Set(r.findings.map(at))) {
        const entries = fixEntries(r.findings.filter((f) => at(f) === line));
        if (!entries.length) continue;
        const menu = buildFixMenu(entries);
        before = Math.max(before, entries.length);
        const size = menu.shown.length + (menu.hidden ? 1 : 0);
        after = Math.max(after, size);
        assert.ok(size <= MAX_MENU_ITEMS, `${r.file.path}:${line + 1}: ${size} entries`);
        const labels = menu.all.map((e) => e.label);
        assert.equal(new Set(labels).size, labels.length, 'no duplicate label');
        assert.equal(menu.all.reduce((n, e) => n + e.items.length, 0), entries.length, 'a merged entry keeps every fix it stands for');
        assert.equal(menu.shown.length + menu.hidden, menu.all.length, 'Show all stands for exactly what is left out');
        const risk = (label: string) => Math.max(...entries.filter((e) => e.label === label).map((e) => e.risk));
        const firsts = menu.shown.map((e) => e.label).filter((l) => entries.some((e) => e.label === l && e.order === 0));
        for (let i = 1; i < firsts.length; i++) assert.ok(risk(firsts[i - 1]) >= risk(firsts[i]), `${firsts[i - 1]} before ${firsts[i]}`);
      }
    }
    assert.ok(before > MAX_MENU_ITEMS, `the examples had long menus (${before} fixes on one line)`);
    assert.ok(after <= MAX_MENU_ITEMS);
  });

  it('offers each finding its preferred fix before any finding its second one', function () {
    const entries: FixEntry<number>[] = [
      { label: 'a1', risk: 9, order: 0, item: 1 }, { label: 'a2', risk: 9, order: 1, item: 2 }, { label: 'a3', risk: 9, order: 2, item: 3 },
      { label: 'b1', risk: 5, order: 0, item: 4 }, { label: 'b2', risk: 5, order: 1, item: 5 },
      { label: 'a1', risk: 7, order: 0, item: 6 },
    ];
    const menu = buildFixMenu(entries, 3);
    assert.deepEqual(menu.shown.map((e) => e.label), ['a1', 'b1']);
    assert.deepEqual(menu.shown[0].items, [1, 6]);
    assert.equal(menu.hidden, 3);
    assert.deepEqual(menu.all.map((e) => e.label), ['a1', 'b1', 'a2', 'a3', 'b2'], 'then the other fixes, riskiest first');
    assert.equal(buildFixMenu(entries, 8).hidden, 0);
    assert.match(showAllLabel(3), /^Show all fixes… \(3 more\)$/);
  });
});

describe('restraint: hover cards', function () {
  it('the first screen of every component hover of the examples is at most 250 words, with a link to the full text', function () {
    let before = 0;
    let after = 0;
    for (const r of RESULTS) {
      for (const c of r.file.models.flatMap((m) => m.components)) {
        const findings = r.findings.filter((f) => f.componentId === c.id && f.span.start === c.span.start);
        const screen = componentHover(c, findings, 'file:///w/x.mmd', engine.lookup);
        const full = componentDetails(c, findings, 'file:///w/x.mmd', engine.lookup);
        before = Math.max(before, visibleWords(full));
        after = Math.max(after, visibleWords(screen));
        assert.ok(visibleWords(screen) <= HOVER_WORD_BUDGET, `${r.file.path} ${c.id}: ${visibleWords(screen)} words`);
        if (!findings.length) continue;
        assert.match(screen, /\[Full text\]\(command:threatlens\.showFindingDetails\?/);
        for (const f of findings.filter((x) => x.status === 'open' || x.status === 'planned')) {
          assert.ok(rendered(full).includes(f.plain.replace(/\s+/g, ' ').trim()), `${c.id}: the full text explains ${f.ruleId}`);
        }
        for (const f of findings) {
          const [first] = groupsOf(f);
          for (const other of (first ?? []).slice(1)) assert.ok(full.includes(other), `${c.id}: the other edition's ${other} is in the hover`);
        }
      }
    }
    assert.ok(before > HOVER_WORD_BUDGET, `some full texts are long (${before} words)`);
    assert.ok(after > 0);
  });

  it('counts the words a reader sees, as markdown-it renders them', function () {
    for (const r of RESULTS.slice(0, 3)) {
      for (const c of r.file.models.flatMap((m) => m.components).slice(0, 4)) {
        const text = componentHover(c, r.findings.filter((f) => f.componentId === c.id), 'file:///w/x.mmd', engine.lookup);
        const words = rendered(text).split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
        assert.equal(visibleWords(text), words, `${c.id}`);
      }
    }
  });

  it('fits items while they fit, and says how many are left', function () {
    const items = Array.from({ length: 30 }, (_, i) => `- item ${i} has five words`);
    const { markdown, shownItems } = firstScreen({ head: ['Head words'], items, footer: (left) => `${left} more [here](command:x)`, budget: 50 });
    assert.ok(shownItems > 0 && shownItems < 30);
    assert.ok(visibleWords(markdown) <= 50);
    assert.ok(markdown.endsWith(`${30 - shownItems} more [here](command:x)`));
  });
});

describe('restraint: headlines and reports', function () {
  it('a headline names one OWASP LLM edition, the one chosen first', function () {
    for (const editions of [[2026, 2025], [2025, 2026]]) {
      const e = new Engine(undefined, { today: '2026-11-23', owasp: { editions } });
      const other = `:${editions[1]}`;
      for (const path of EXAMPLES) {
        const r = e.analyze(path, readFileSync(path, 'utf8'));
        for (const f of r?.findings ?? []) {
          const message = findingMessage(f, e.lookup);
          const llm = message.match(/\bLLM\d{2}:\d{4}/g) ?? [];
          assert.ok(llm.every((id) => !id.endsWith(other)), `${path}: ${message}`);
        }
      }
    }
  });

  it('the lenses are in the text output', function () {
    const lensed = RESULTS.flatMap((r) => r.findings).filter((f) => f.lenses.length);
    assert.ok(lensed.length > 0);
    for (const f of lensed) assert.ok(f.lenses.every((l) => findingMessage(f, engine.lookup).includes(l)), f.ruleId);
  });

  const report = toMarkdown(RESULTS, engine.lookup);

  it('the Markdown report reads as raw text: no escaped dots or dashes, file names in code spans', function () {
    assert.doesNotMatch(report, /\\[.\-()]/, 'no \\. \\- \\( in the raw text');
    assert.ok(report.includes('`examples/agentic-ops.mmd:'), 'file names are code spans');
  });

  it('gives each rule\'s guidance once, not per finding', function () {
    const all = RESULTS.flatMap((r) => r.findings);
    const rules = new Set(all.map((f) => f.ruleId));
    assert.ok(all.length > rules.size, 'some rule fires more than once');
    for (const id of rules) {
      const f = all.find((x) => x.ruleId === id);
      assert.ok(f);
      const why = `Why: ${escapeProse(f.plain)}`;
      assert.equal(report.split(why).length - 1, 1, `${id}: its explanation once`);
    }
  });

  it('renders the text it was given: the prose escaping round-trips through markdown-it', function () {
    const samples = [
      'Document ingestion & chunking (v2.1) - see agentic-ops.mmd.',
      'a *b* _c_ `d` [e](f) <g> | h ~i~ #j !k \\l',
      ...RESULTS.flatMap((r) => r.file.models.flatMap((m) => m.components.map((c) => c.label))),
    ];
    for (const s of samples) assert.equal(rendered(escapeProse(s), true), s.replace(/\s+/g, ' ').trim(), s);
    const title = RESULTS.flatMap((r) => r.findings)[0].title;
    assert.ok(rendered(report).includes(title));
  });
});
