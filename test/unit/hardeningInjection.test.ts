/**
 * Injection: labels, ids, annotation texts, YAML values and workspace rule texts carrying Markdown,
 * HTML, `command:` links and `javascript:` URLs reach hover cards, diagnostics, the CLI's text
 * output, the Markdown, SARIF and diff reports, the briefing and the webview. Everywhere they must
 * read as the literal text: no link but catalog https: URLs and the allow-listed Threatlens
 * commands, no HTML, no image, no heading or table structure, and no forged output line.
 *
 * The Markdown outputs are checked by parsing them with markdown-it (HTML enabled, as GitHub and
 * report viewers render it), not by searching for strings.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { runInContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { loadBuiltinCatalog, validateRuleFile } from '../../src/core/catalog/catalog';
import { diffResults, diffToMarkdown, diffToPrComment } from '../../src/core/diff';
import { Engine } from '../../src/core/engine';
import { toMarkdown } from '../../src/core/report/markdown';
import { findingMessage } from '../../src/core/report/messages';
import { toSarif } from '../../src/core/report/sarif';
import { toText } from '../../src/core/report/text';
import type { FileResult } from '../../src/core/report/types';
import { toBriefing } from '../../src/core/report/briefing';
import { buildWalkthrough } from '../../src/core/walkthrough';
import { componentDetails, componentHover, threatHover } from '../../src/extension/hoverContent';
import { REPO_ROOT } from './support/property';

const catalog = loadBuiltinCatalog();

/** Payloads that would do something if rendered as Markdown or HTML. */
const PAYLOADS = [
  '[x](command:workbench.action.terminal.new)',
  '[y](javascript:alert(1))',
  '<img src=x onerror=alert(2)>',
  '<script>alert(3)</script>',
  '![i](https://evil.example/pixel.png)',
  '<https://evil.example/auto>',
  '<a href="javascript:alert(4)">a</a>',
  '[r][ref]',
  '**bold** _em_ `code` ~~del~~ | cell |',
  '&lt;b&gt; &#106;avascript:alert(5)',
  '\\[z](vscode://evil.ext/run)',
];
const HOSTILE = PAYLOADS.join(' ');
/** Line-structured payloads, only possible where values may hold line breaks (YAML strings). */
const MULTILINE = `first line\n\n# Heading\n[ref]: command:workbench.action.terminal.new\n| a | b |\n|---|---|\n<details open>\n${HOSTILE}`;

/** Mermaid strings cannot hold `"` or line breaks; entity codes put `<`, `>` and `#` in. */
const mermaidText = (s: string) => s.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
const annotationText = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

const MMD = [
  'flowchart LR',
  `    user([Customer]) --> evil["${mermaidText(HOSTILE)} GPT-4o"]`,
  `    evil -->|"${mermaidText(HOSTILE)}"| kb[("${mermaidText(PAYLOADS[0])} Pinecone")]`,
  `    up[/"${mermaidText(PAYLOADS[2])} uploads"/] --> kb`,
  `    subgraph zone ["${mermaidText(HOSTILE)}"]`,
  '        kb',
  '    end',
  `    %% @accepts evil LLM09:2025 because "${annotationText(HOSTILE)}" owner="${annotationText(PAYLOADS[1])}" expires=2026-01-01`,
  `    %% @mitigates evil against LLM01:2025 with "${annotationText(HOSTILE)}" (implemented)`,
  `    %% @not-applicable kb LLM04:2025 because "${annotationText(HOSTILE)}"`,
  `    %% @component evil exposure=public description="${annotationText(HOSTILE)}"`,
  `    %% @accepts evil ${PAYLOADS[1].replace(/ /g, '')} because "x"`,
].join('\n');

const YAML = [
  'threatlens: 1',
  `system: ${JSON.stringify(MULTILINE)}`,
  'boundaries:',
  `  zone: { label: ${JSON.stringify(MULTILINE)}, trust: untrusted }`,
  'components:',
  `  ${JSON.stringify(PAYLOADS[0])}: { kind: client, exposure: public, boundary: zone }`,
  '  "`tick``id`": { kind: user }',
  '  bot:',
  '    kind: llm',
  `    label: ${JSON.stringify(MULTILINE)}`,
  `    description: ${JSON.stringify(HOSTILE)}`,
  `    properties: { ${JSON.stringify(PAYLOADS[3])}: ${JSON.stringify(PAYLOADS[1])}, note: ${JSON.stringify(MULTILINE)} }`,
  '    accepted:',
  `      LLM09:2025: { reason: ${JSON.stringify(MULTILINE)}, owner: ${JSON.stringify(HOSTILE)}, expires: "2026-01-01" }`,
  '    mitigations:',
  `      LLM01:2025: { control: ${JSON.stringify(MULTILINE)}, status: implemented }`,
  `  kb: { kind: vector-store, label: ${JSON.stringify(HOSTILE)}, boundary: ${JSON.stringify(`${PAYLOADS[0]}\n# x`)} }`,
  'flows:',
  `  - { from: ${JSON.stringify(PAYLOADS[0])}, to: bot, label: ${JSON.stringify(MULTILINE)} }`,
  '  - { from: "`tick``id`", to: bot }',
  '  - bot -> kb',
  `  - { from: bot, to: ${JSON.stringify(`ghost\n${PAYLOADS[0]}`)} }`,
].join('\n');

const THREAGILE = [
  'threagile_version: 1.0.0',
  `title: ${JSON.stringify(MULTILINE)}`,
  'technical_assets:',
  `  ${JSON.stringify(`${PAYLOADS[2]} Bot`)}:`,
  '    id: bot',
  '    technology: ai',
  '    description: Hosted model',
  '    communication_links:',
  `      ${JSON.stringify(HOSTILE)}:`,
  `        target: ${JSON.stringify(`ghost\n${PAYLOADS[0]}`)}`,
  `  ${JSON.stringify(PAYLOADS[0])}:`,
  '    id: web',
  '    technology: web-server',
  `    description: ${JSON.stringify(MULTILINE)}`,
  '    internet: true',
  '    communication_links:',
  `      ${JSON.stringify(MULTILINE)}:`,
  '        target: bot',
  `# @accepts bot LLM09:2025 because "${annotationText(HOSTILE)}"`,
].join('\n');

/** A workspace rule whose texts are hostile: they reach SARIF help, reports and hover cards. */
const RULE_FILE = [
  'rules:',
  '  - id: ORG666',
  `    title: ${JSON.stringify(PAYLOADS.slice(0, 4).join(' '))}`,
  '    owasp: [LLM01:2025]',
  '    atlas: [AML.T0051]',
  '    stride: [T]',
  '    likelihood: 5',
  '    impact: 5',
  '    match: { component: { kind: [llm] } }',
  '    mitigations: [retrieval-access-control]',
  `    plain: ${JSON.stringify(MULTILINE)}`,
  `    security: ${JSON.stringify(HOSTILE)}`,
].join('\n');

const rules = validateRuleFile(RULE_FILE, '.threatlens/rules/evil.yaml', catalog);
const engine = new Engine(catalog, { today: '2026-11-23', extraRules: rules.rules });

function analyze(p: string, text: string): FileResult {
  const r = engine.analyze(p, text);
  assert.ok(r, `${p} is not recognised`);
  return r;
}

const RESULTS: FileResult[] = [analyze('hostile.mmd', MMD), analyze('hostile.threatlens.yaml', YAML), analyze('threagile.yaml', THREAGILE), analyze('doc.md', `# Doc\n\n\`\`\`mermaid\n${MMD}\n\`\`\`\n`)];

// ---------------------------------------------------------------------------------------------

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });
// Report every link, whatever its scheme: markdown-it would silently drop javascript: ones.
md.validateLink = () => true;

function* tokens(list: readonly Token[]): Generator<Token> {
  for (const t of list) {
    yield t;
    if (t.children) yield* tokens(t.children);
  }
}

interface SafeOptions {
  /** `command:` links allowed (hover cards: the Threatlens commands). */
  commands?: RegExp;
  /** Whether the writer makes tables. */
  tables?: boolean;
}

/** The heading the multi-line payload would make if its line breaks got through. */
const INJECTED_HEADING = /^Heading\b/;
/**
 * HTML the writers make themselves: the PR comment's marker comment and its collapsed section
 * (`<details>` with a `<summary>` of their own words).
 */
const WRITER_HTML = /^(?:<!-- threatlens:[\w-]+ -->|<\/?details>|<summary>[\w ,()]*<\/summary>|\s)+$/;

/**
 * Asserts Markdown, parsed as GitHub and report viewers parse it, holds no HTML, no image, no
 * link other than https: (and the allowed commands), no table where the writer makes none, and
 * no heading made from the payloads.
 */
function assertSafeMarkdown(where: string, text: string, o: SafeOptions = {}): void {
  const all = [...tokens(md.parse(text, {}))];
  const fail = (what: string, t: Token) => assert.fail(`${where}: ${what}: ${JSON.stringify(t.content || t.attrs)}\n---\n${text.slice(0, 3000)}`);
  all.forEach((t, i) => {
    if ((t.type === 'html_inline' || t.type === 'html_block') && !WRITER_HTML.test(t.content)) fail('raw HTML', t);
    if (t.type === 'image') fail('an image', t);
    if (t.type === 'link_open') {
      const href = t.attrGet('href') ?? '';
      if (!(/^https:\/\/[^\s]+$/.test(href) || (o.commands?.test(href) ?? false))) fail(`a link to ${href}`, t);
    }
    if (t.type === 'table_open' && !o.tables) fail('a table', t);
    if (t.type === 'heading_open' && INJECTED_HEADING.test(all[i + 1]?.content ?? '')) fail('a heading from the file', all[i + 1]);
  });
}

/** Rendered to text, the payload's words are still there (escaped, not dropped). */
function assertShown(where: string, text: string, words: RegExp): void {
  const shown = md.render(text).replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.match(shown, words, `${where}: the text is not shown`);
}

function assertOneLine(where: string, s: string): void {
  assert.doesNotMatch(s, /[\r\n\u2028\u2029]/, `${where}: a line break in ${JSON.stringify(s)}`);
}

describe('hardening: hostile text is escaped wherever it is shown', function () {
  this.timeout(60_000);

  it('the fixtures parse and carry the payloads into the model', function () {
    assert.deepEqual(rules.errors, [], 'the hostile rule is a valid rule');
    const [mmd, yaml, threagile] = RESULTS;
    assert.ok(mmd.file.models[0].components.find((c) => c.id === 'evil')?.label.includes('<script>'), 'a Mermaid label');
    assert.ok(RESULTS.some((r) => r.findings.some((f) => f.ruleId === 'ORG666')), 'the workspace rule fires');
    assert.ok(yaml.file.models[0].components.some((c) => c.label.includes('# Heading')), 'a YAML label');
    assert.ok(yaml.file.models[0].components.some((c) => c.id === PAYLOADS[0]), 'a YAML id');
    assert.ok(threagile.file.models[0].components.some((c) => c.label.includes('<img')), 'a Threagile title');
    for (const r of RESULTS) assert.ok(r.findings.length > 0, `findings in ${r.file.path}`);
  });

  describe('hover cards', function () {
    for (const r of RESULTS) {
      it(`on every component and every decision of ${r.file.path}`, function () {
        const uri = `file:///w/${r.file.path}`;
        for (const m of r.file.models) {
          for (const c of m.components) {
            const text = componentHover(c, r.findings.filter((f) => f.componentId === c.id), uri, engine.lookup);
            assertSafeMarkdown(`hover on ${c.id}`, text, { commands: /^command:threatlens\.[\w.]+\?/ });
            const full = componentDetails(c, r.findings.filter((f) => f.componentId === c.id), uri, engine.lookup);
            assertSafeMarkdown(`full text of ${c.id}`, full, { commands: /^command:threatlens\.[\w.]+\?/ });
          }
          for (const a of m.annotations) {
            if (a.type === 'component') continue;
            const affected = r.findings.filter((f) => f.decisions.some((d) => d.span.start === a.span.start));
            const problem = r.problems.find((p) => p.span.start >= a.span.start && p.span.end <= a.span.end);
            const text = threatHover(a, engine.resolveThreat(a.threat), affected, problem, engine.lookup, (id) => engine.rules.find((x) => x.id === id)?.title);
            assertSafeMarkdown(`hover on ${a.type} ${a.threat}`, text, { commands: /^command:threatlens\./ });
          }
        }
      });
    }

    it('show the hostile label as its text', function () {
      const r = RESULTS[0];
      const evil = r.file.models[0].components.find((c) => c.id === 'evil');
      assert.ok(evil);
      const text = componentHover(evil, r.findings.filter((f) => f.componentId === 'evil'), 'file:///w/hostile.mmd', engine.lookup);
      assertShown('hover', text, /\[x\]\(command:workbench\.action\.terminal\.new\) \[y\]\(javascript:alert\(1\)\) <img src=x onerror=alert\(2\)> <script>alert\(3\)<\/script>/);
    });
  });

  describe('diagnostics and the CLI text output', function () {
    it('finding and problem messages are one line each, whatever the file holds', function () {
      for (const r of RESULTS) {
        for (const f of r.findings) assertOneLine(`${r.file.path}: ${f.ruleId}`, findingMessage(f, engine.lookup));
        for (const p of r.problems) assertOneLine(`${r.file.path}: ${p.code}`, p.message);
      }
    });

    it('no output line is forged: each starts with the file and a position', function () {
      const out = toText(RESULTS, engine.lookup).trimEnd().split('\n');
      for (const line of out.slice(0, -1)) assert.match(line, /^(hostile\.mmd|hostile\.threatlens\.yaml|threagile\.yaml|doc\.md):\d+:\d+ \S+ \S+ /, line);
    });

    it('ids and messages with line breaks from YAML are refused or quoted', function () {
      const yaml = RESULTS[1];
      assert.ok(yaml.problems.some((p) => p.code === 'yaml/unknown-boundary' && p.message.includes('\\n# x')), 'the boundary name is quoted');
      assert.ok(yaml.problems.some((p) => p.code === 'yaml/unknown-component' && p.message.includes('ghost\\n[x]')), 'the flow end is quoted');
      const bad = analyze('bad.threatlens.yaml', 'threatlens: 1\ncomponents:\n  "a\\nb.mmd:1:1 critical TL001 forged": { kind: llm }\n  ok: { kind: llm }\n');
      assert.deepEqual(bad.file.models[0].components.map((c) => c.id), ['ok']);
      assert.match(bad.problems[0].message, /^Component id "a\\nb\.mmd:1:1 critical TL001 forged" holds a line break or control character/);
      const t = analyze('bad.yaml', 'threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: "a\\rfake.yaml:1:1 error x"\n    technology: llm\n');
      assert.deepEqual(t.file.models.flatMap((m) => m.components), []);
      assert.equal(t.problems[0].code, 'threagile/bad-id');
    });
  });

  describe('reports', function () {
    it('Markdown report', function () {
      const text = toMarkdown(RESULTS, engine.lookup);
      assertSafeMarkdown('Markdown report', text, { tables: true });
      assertShown('Markdown report', text, /<script>alert\(3\)<\/script>/);
    });

    it('Markdown report: the table keeps its columns', function () {
      const text = toMarkdown(RESULTS, engine.lookup);
      const rows = text.split('\n').filter((l) => l.startsWith('| ') && /\| (open|planned|mitigated|accepted|not applicable) \|/.test(l));
      assert.ok(rows.length > 0);
      for (const row of rows) assert.equal(row.replace(/\\\|/g, '').replace(/`[^`]*`/g, '').split('|').length, 9, row);
    });

    it('SARIF: every Markdown field is safe, every text field one line or plain', function () {
      const sarif = toSarif(RESULTS, engine.rules, engine.lookup, '0.0.0') as { runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string }; fullDescription: { text: string } }[] } }; results: { message: { text: string; markdown?: string } }[] }[] };
      const run = sarif.runs[0];
      const evil = run.tool.driver.rules.find((x) => x.id === 'ORG666');
      assert.ok(evil, 'the workspace rule is in the SARIF rules');
      for (const rule of run.tool.driver.rules) assertSafeMarkdown(`SARIF help of ${rule.id}`, rule.help.markdown);
      assertShown('SARIF help', evil.help.markdown, /\[x\]\(command:workbench\.action\.terminal\.new\)/);
      for (const res of run.results) {
        assertOneLine('SARIF message', res.message.text);
        if (res.message.markdown) assertSafeMarkdown('SARIF message', res.message.markdown);
      }
    });

    it('diff report and PR comment, for new, changed and removed findings', function () {
      const base = RESULTS.map((r) => analyze(r.file.path, r.file.text.replace(/kb/g, 'kb2')));
      for (const [name, d] of [['all new', diffResults([], RESULTS)], ['all removed', diffResults(RESULTS, [])], ['changed', diffResults(base, RESULTS)]] as const) {
        assertSafeMarkdown(`diff Markdown (${name})`, diffToMarkdown(d, engine.lookup), { tables: true });
        assertSafeMarkdown(`PR comment (${name})`, diffToPrComment(d, engine.lookup), { tables: true });
      }
    });

    it('executive briefing (what the walkthrough exports)', function () {
      for (const r of RESULTS) {
        const w = buildWalkthrough(r, catalog, engine.lookup);
        const text = toBriefing(w, { path: r.file.path, date: '2026-11-23' });
        assertSafeMarkdown(`briefing of ${r.file.path}`, text, { tables: true });
      }
    });
  });

  describe('the checks themselves', function () {
    it('see unescaped payloads', function () {
      for (const bad of ['[x](command:workbench.action.terminal.new)', '[y](javascript:alert(1))', 'a <img src=x onerror=alert(2)> b', '![i](https://x.test/p.png)',
        'text\n\n# Heading', '[r][ref]\n\n[ref]: command:evil', '<details open>', '| a | b |\n|---|---|']) {
        assert.throws(() => assertSafeMarkdown('check', bad), /check: /, bad);
      }
      assert.doesNotThrow(() => assertSafeMarkdown('check', '[LLM01](https://genai.owasp.org/) `[x](command:evil)` \\[y\\]\\(javascript:1\\) &lt;img&gt;'));
      assert.doesNotThrow(() => assertSafeMarkdown('check', '[Insert](command:threatlens.insertMitigation?%7B%7D)', { commands: /^command:threatlens\./ }));
    });
  });

  describe('the webview', function () {
    /** The webview's DOM helpers and SVG sanitiser, bundled as the extension ships them, in jsdom. */
    function webview(): { window: JSDOM['window']; api: { safeSvg(s: string): Element | undefined; link(t: string, u?: string): Element; h(tag: string, p: object, ...c: string[]): Element } } {
      const dom = new JSDOM('<!doctype html><body></body>', { runScripts: 'outside-only' });
      const out = buildSync({
        stdin: { contents: "export { safeSvg } from './diagram/sanitize';\nexport { link, h } from './dom';\n", resolveDir: path.join(REPO_ROOT, 'webview', 'src'), loader: 'ts' },
        bundle: true, format: 'iife', globalName: '__tl', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
      });
      const context = dom.getInternalVMContext();
      runInContext(out.outputFiles[0].text, context);
      return { window: dom.window, api: (dom.window as unknown as { __tl: ReturnType<typeof webview>['api'] }).__tl };
    }

    it('text goes in as text, and only https: catalog links become links', function () {
      const { api } = webview();
      const el = api.h('div', {}, HOSTILE);
      assert.equal(el.textContent, HOSTILE);
      assert.equal(el.children.length, 0, 'no element made from the text');
      for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'data:text/html,x', 'https://x.test/a"onmouseover="alert(1)', ' https://x.test']) {
        assert.equal(api.link('x', url).tagName, 'SPAN', url);
      }
      assert.equal(api.link('ok', 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/').getAttribute('href'), 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/');
    });

    it('a hostile SVG (as a compromised renderer could return) is stripped of everything that runs or loads', function () {
      const { api } = webview();
      const svg = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">',
        '<script>alert(2)</script><foreignObject><img src=x onerror="alert(3)"><iframe src="javascript:alert(4)"></iframe></foreignObject>',
        '<a href="javascript:alert(5)"><text>t</text></a><a xlink:href="command:workbench.action.terminal.new"><text>u</text></a>',
        '<image href="https://evil.example/x.png"/><use href="#ok"/><g id="ok" onclick="alert(6)"><text>label &lt;b&gt;</text></g>',
        '<animate attributeName="href" to="javascript:alert(7)"/><set attributeName="onclick" to="alert(8)"/></svg>',
      ].join('');
      const el = api.safeSvg(svg);
      assert.ok(el);
      const all = [el, ...el.querySelectorAll('*')];
      assert.deepEqual(all.filter((e) => /^(script|img|iframe|image|animate|set)$/i.test(e.tagName)).map((e) => e.tagName), []);
      for (const e of all) {
        for (const a of [...e.attributes]) {
          assert.ok(!a.name.toLowerCase().startsWith('on'), `${e.tagName} ${a.name}`);
          if (/href|src/i.test(a.name)) assert.ok(a.value.startsWith('#'), `${e.tagName} ${a.name}=${a.value}`);
        }
      }
      assert.ok(el.textContent?.includes('label <b>'), 'labels stay as text');
    });
  });
});
