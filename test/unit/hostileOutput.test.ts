/**
 * A hostile repository against everything the CLI prints. Its file names and labels carry line
 * breaks followed by GitHub Actions workflow commands (`::error …`, `::add-mask::`,
 * `::stop-commands::`), carriage returns, U+2028, C1 and escape characters and bidi overrides; its
 * labels and ids carry `@user` / `@org/team` mentions, issue references, bare URLs, e-mail
 * addresses and `|` (also inside what the writers put in code spans).
 *
 * Every command and format runs on it through `run()` (what `threatlens` does), and every output:
 * - holds no raw control, separator or bidi character, and no line a runner would take for a
 *   workflow command (a line starting with `::` after blanks); Threatlens writes none itself;
 * - still shows the hostile names (escaped, not dropped), so the checks do not pass on nothing;
 * - in Markdown, rendered by two GFM renderers (markdown-it and marked, which autolinks as GitHub
 *   does): every table row has the header's cell count and the component cell holds the whole id;
 *   no mention, issue reference or e-mail address survives outside code; no link but the catalog's
 *   and the link base; no HTML but the PR comment's own marker and collapsed section.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';
import { run } from '../../src/cli/main';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { codeCell, escapeMarkdown, printable, printableJson, printablePath } from '../../src/core/report/escape';
import { git } from '../helpers/gitFixture';

const TODAY = ['--today', '2026-06-01'];
const LINK_BASE = 'https://github.com/o/r/blob/0123abc/';

/** What the checks look for: raw C0 (but the line feed), DEL, C1, separators, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A line GitHub Actions reads as a workflow command: `::` after any blanks (it trims them). */
const WORKFLOW_COMMAND = /^\s*::/m;

const FORGED = '\n::error file=SECURITY.md,line=1::forged';
/** Text with every trick, for labels and reasons. */
const HOSTILE = `Bot${FORGED}\r::add-mask::hunter2\u2028::stop-commands::tok\u2029x \u202Egnp.exe\u202C \u2066iso\u2069 \u001b[31mred\u0085nel\u009b @octocat @acme/security-team #12 https://evil.example/p www.evil.com ops@evil.example | cell |`;

/** Names a committed file can have (git and Linux allow all but `/` and NUL). */
const FILE_NAMES = [
  `docs/a${FORGED}.mmd`,
  '::warning file=x.mmd,line=1::top.mmd',
  '\u2003::notice::em-space.mmd',
  'b\r::add-mask::secret.mmd',
  'c\u2028::stop-commands::tok.mmd',
  'd\u202Eevil\u2066x.mmd',
  'e\u001b[31mred\u0085.mmd',
];

/** A YAML double-quoted scalar that spells every non-ASCII or control character as an escape. */
function yq(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Mermaid labels hold no line break or `"`; the other tricks go in as they are. */
const mermaidLabel = (s: string) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').replace(/"/g, '#quot;').replace(/\|/g, '#124;');

function mermaid(label: string): string {
  return [
    'flowchart LR',
    `  user(["${mermaidLabel(label)} Customer"]) --> bot["${mermaidLabel(label)} GPT-4o"]`,
    '  bot --> kb[("Pinecone knowledge base")]',
    `  %% @accepts bot LLM09:2025 because "${mermaidLabel(label)}" owner=@octocat expires=2026-01-01`,
    '',
  ].join('\n');
}

const IDS = ['user@acme', 'llm|x', 'kb`|`y', 'tool\\|z', '@octocat'];

function yamlModel(extra = ''): string {
  return [
    'threatlens: 1',
    `system: ${yq(HOSTILE)}`,
    'components:',
    `  ${yq(IDS[0])}: { kind: user, label: ${yq(HOSTILE)}, exposure: public }`,
    `  ${yq(IDS[1])}:`,
    '    kind: llm',
    `    label: ${yq(HOSTILE)}`,
    '    accepted:',
    `      LLM09:2025: { reason: ${yq(HOSTILE)}, owner: ${yq('@octocat\n::error::owner')}, expires: "2026-01-01" }`,
    `  ${yq(IDS[2])}: { kind: vector-store, label: ${yq(HOSTILE)} }`,
    `  ${yq(IDS[3])}: { kind: tool, label: ${yq(HOSTILE)} }`,
    `  ${yq(IDS[4])}: { kind: agent, label: ${yq(HOSTILE)} }`,
    extra,
    'flows:',
    `  - { from: ${yq(IDS[0])}, to: ${yq(IDS[1])}, label: ${yq(HOSTILE)} }`,
    `  - { from: ${yq(IDS[1])}, to: ${yq(IDS[2])} }`,
    `  - { from: ${yq(IDS[4])}, to: ${yq(IDS[3])}, label: ${yq(HOSTILE)} }`,
    `  - { from: ${yq(IDS[1])}, to: ${yq(IDS[4])} }`,
    '',
  ].filter((l) => l !== '').join('\n') + '\n';
}

/** A workspace rule with hostile texts, in a rule file whose name forges a line too. */
const RULE_FILE = [
  'rules:',
  '  - id: ORG666',
  `    title: ${yq('Hostile rule @octocat | cell | https://evil.example/t #12 ops@evil.example')}`,
  '    owasp: [LLM01:2025]',
  '    stride: [T]',
  '    likelihood: 5',
  '    impact: 5',
  '    match: { component: { kind: [llm, agent] } }',
  '    mitigations: [retrieval-access-control]',
  `    plain: ${yq(HOSTILE)}`,
  `    security: ${yq(HOSTILE)}`,
  '',
].join('\n');

/** A committed baseline whose records are hostile: they come back as resolved findings. */
const BASELINE = JSON.stringify({
  threatlensBaseline: '1',
  findings: [{ fingerprint: '0123456789abcdef', ruleId: `TL001${FORGED}`, componentId: `ghost${FORGED}`, path: `gone${FORGED}.mmd`, owasp: [`LLM01:2025${FORGED}`], status: 'open', severity: 'high', title: HOSTILE }],
});

function write(dir: string, path: string, text: string): void {
  const parts = path.split('/');
  if (parts.length > 1) mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
  writeFileSync(join(dir, ...parts), text);
}

/**
 * The repository: `main` holds some hostile files, `feature` renames, adds and removes others,
 * adds a component and a flow to the YAML model and removes one, so every diff section has items.
 */
function makeHostileRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tl-hostile-'));
  git(dir, ['init', '-q']);
  write(dir, 'model.threatlens.yaml', yamlModel());
  for (const name of FILE_NAMES.slice(0, 4)) write(dir, name, mermaid(HOSTILE));
  write(dir, `.threatlens/rules/evil${FORGED}.yaml`, 'rules: [ { id: broken } ]\n');
  write(dir, '.threatlens/rules/org.yaml', RULE_FILE);
  write(dir, 'baseline.json', BASELINE);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  git(dir, ['checkout', '-q', '-b', 'feature']);
  const added = `  ${yq(`new${FORGED}`)}: { kind: agent, label: ${yq(HOSTILE)} }`;
  write(dir, 'model.threatlens.yaml', yamlModel(added).replace(`  - { from: ${yq(IDS[1])}, to: ${yq(IDS[4])} }\n`, `  - { from: ${yq(IDS[4])}, to: ${yq(`new${FORGED}`)}, label: ${yq(HOSTILE)} }\n`).replace(`  ${yq(IDS[3])}: { kind: tool, label: ${yq(HOSTILE)} }\n`, ''));
  git(dir, ['rm', '-q', '--', FILE_NAMES[3]]);
  for (const name of FILE_NAMES.slice(4)) write(dir, name, mermaid(HOSTILE));
  write(dir, FILE_NAMES[0], `${mermaid(HOSTILE)}  bot --> tool["${mermaidLabel(HOSTILE)} search tool"]\n`);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'head']);
  return dir;
}

function cli(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, cwd, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

// ---------------------------------------------------------------------------------------------
// Checks on any printed text

function assertPrintable(where: string, text: string): void {
  const raw = RAW_CONTROL.exec(text);
  assert.equal(raw, null, `${where}: a raw ${JSON.stringify(raw?.[0])} at ${raw?.index}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 60), (raw?.index ?? 0) + 20))}`);
  const forged = WORKFLOW_COMMAND.exec(text);
  assert.equal(forged, null, `${where}: a line runs as a workflow command: ${JSON.stringify(text.slice(forged?.index ?? 0, (forged?.index ?? 0) + 80))}`);
}

// ---------------------------------------------------------------------------------------------
// Checks on Markdown, as GitHub would render it

const mdit = new MarkdownIt({ html: true, linkify: true });
// GitHub autolinks `https://…` and `www.…`, not bare domains.
mdit.linkify.set({ fuzzyLink: false });
mdit.validateLink = () => true;

/** Catalog pages (OWASP, ATLAS) and the line links: the only links a writer makes. */
const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog);
const CATALOG_HOSTS = new Set<string>([...(JSON.stringify(catalog).match(/https:\/\/[^"\s]+/g) ?? []), engine.lookup.atlas('AML.T0051')?.url ?? ''].filter(Boolean).map((u) => new URL(u).host));
const allowedLink = (href: string) => href.startsWith(LINK_BASE) || (/^https:\/\//.test(href) && CATALOG_HOSTS.has(new URL(href).host));

/** HTML the PR comment writes itself: the marker comment and the collapsed section. */
const WRITER_HTML = /^(?:<!-- threatlens:[\w-]+ -->|<\/?details>|<summary>[\w ,()]*<\/summary>|\s)+$/;

/** The cells of a GFM table row, split as `rule` splits them. */
function cells(row: string, rule: 'escaped-pipe' | 'odd-backslashes'): number {
  const body = row.trim().replace(/^\|/, '');
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '|') continue;
    let k = 0;
    while (i - 1 - k >= 0 && body[i - 1 - k] === '\\') k++;
    const escaped = rule === 'escaped-pipe' ? k > 0 : k % 2 === 1;
    if (!escaped) n++;
  }
  return body.trimEnd().endsWith('|') && !/\\\|$/.test(body.trimEnd()) ? n : n + 1;
}

/** Every table block in the source: its rows each split into as many cells as its header. */
function assertTables(where: string, text: string): number {
  const lines = text.split('\n');
  let tables = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\|.*\|$/.test(lines[i]) || !/^\|(?:\s*:?-+:?\s*\|)+$/.test(lines[i + 1])) continue;
    tables++;
    const want = cells(lines[i], 'escaped-pipe');
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) {
      for (const rule of ['escaped-pipe', 'odd-backslashes'] as const) assert.equal(cells(lines[j], rule), want, `${where}: a row split by ${rule} into another number of cells than its header:\n${lines[i]}\n${lines[j]}`);
    }
  }
  return tables;
}

/** The rendered text outside code elements. */
function textOutsideCode(html: string): string {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  for (const c of [...doc.querySelectorAll('code, pre')]) c.remove();
  return doc.body.textContent ?? '';
}

function assertSafeRendering(where: string, html: string, componentIds: readonly string[]): void {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  for (const a of [...doc.querySelectorAll('a')]) {
    const href = a.getAttribute('href') ?? '';
    assert.ok(allowedLink(href), `${where}: a link to ${JSON.stringify(href)} (text ${JSON.stringify(a.textContent)})`);
  }
  assert.deepEqual([...doc.querySelectorAll('img, script, iframe, style, input, form, object')].map((e) => e.outerHTML), [], `${where}: elements from the file`);
  const text = textOutsideCode(html);
  // A mention (`@user`, `@org/team`), an issue reference, an e-mail address: GitHub acts on these in rendered text.
  for (const [what, re] of [['a mention', /(?:^|[^\w`])@[A-Za-z0-9]/], ['an issue reference', /(?:^|[^\w&])#\d/], ['an e-mail address', /[\w.+-]@[\w-]+\.\w/]] as const) {
    const m = re.exec(text);
    assert.equal(m, null, `${where}: ${what} survives: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`);
  }
  // Component cells hold a whole id: a split cell would hold a piece.
  const headers = [...doc.querySelectorAll('table')].map((t) => ({ t, cols: [...t.querySelectorAll('thead th')].map((th) => th.textContent?.trim()) }));
  for (const { t, cols } of headers) {
    const at = cols.indexOf('Component');
    if (at < 0) continue;
    for (const tr of [...t.querySelectorAll('tbody tr')]) {
      const cell = tr.querySelectorAll('td')[at]?.textContent ?? '';
      assert.ok(componentIds.some((id) => cell === printable(id)), `${where}: the Component cell reads ${JSON.stringify(cell)}, no whole id`);
    }
  }
}

function assertSafeMarkdown(where: string, text: string, componentIds: readonly string[]): void {
  assertPrintable(where, text);
  assertTables(where, text);
  for (const t of mdit.parse(text, {})) {
    const all = [t, ...(t.children ?? [])];
    for (const x of all) {
      if ((x.type === 'html_inline' || x.type === 'html_block') && !WRITER_HTML.test(x.content)) assert.fail(`${where}: HTML from the file: ${JSON.stringify(x.content)}`);
    }
  }
  assertSafeRendering(`${where} (markdown-it)`, mdit.render(text), componentIds);
  assertSafeRendering(`${where} (marked)`, marked.parse(text, { async: false, gfm: true }), componentIds);
}

// ---------------------------------------------------------------------------------------------

describe('hostile repository: what the CLI prints', function () {
  this.timeout(120_000);
  let repo: string;
  let ids: string[];
  before(function () {
    repo = makeHostileRepo();
    ids = [...IDS, `new${FORGED}`, 'user', 'bot', 'kb', 'tool', `ghost${FORGED}`];
  });

  const CHECK_TEXT = ['text', 'markdown', 'pr-comment'] as const;

  it('the fixture is read: the hostile files and the workspace rule are reported', function () {
    const r = cli(['check', '--fail-on', 'none', ...TODAY], repo);
    assert.equal(r.code, 0, r.err);
    for (const name of FILE_NAMES.slice(0, 3).concat(FILE_NAMES.slice(4))) assert.ok(r.out.includes(`${printable(name)}:`), `${JSON.stringify(name)} is reported:\n${r.out}`);
    assert.match(r.out, /ORG666/);
    assert.match(r.out, /forged/);
    assert.match(r.err, /evil.*forged\.yaml/, 'the broken rule file is reported');
  });

  for (const format of CHECK_TEXT) {
    it(`check --format ${format}`, function () {
      const r = cli(['check', '--format', format, '--fail-on', 'none', '--link-base', LINK_BASE, ...TODAY], repo);
      assert.equal(r.code, 0, r.err);
      assertPrintable(`check ${format} (stderr)`, r.err);
      if (format === 'text') assertPrintable('check text', r.out);
      else {
        assertSafeMarkdown(`check ${format}`, r.out, ids);
        assert.ok(assertTables(format, r.out) > 0, 'tables are written');
      }
      assert.match(r.out, /octocat/, 'the mention text is shown');
    });
  }

  it('check --format pr-comment --baseline: resolved records from a hostile baseline', function () {
    const r = cli(['check', '--format', 'pr-comment', '--baseline', 'baseline.json', '--fail-on', 'none', ...TODAY], repo);
    assert.equal(r.code, 0, r.err);
    assertSafeMarkdown('check pr-comment with baseline', r.out, ids);
    assert.match(r.out, /ghost/, 'the baseline record is listed');
  });

  for (const format of ['json', 'sarif'] as const) {
    it(`check --format ${format}: the same values, no raw control character in the text`, function () {
      const r = cli(['check', '--format', format, '--fail-on', 'none', ...TODAY], repo);
      assertPrintable(`check ${format}`, r.out);
      const parsed = JSON.parse(r.out) as unknown;
      if (format === 'json') {
        const blob = JSON.stringify(parsed);
        assert.ok(blob.includes('\u202E') && blob.includes('\u2028'), 'the values keep their characters (escaped only in the JSON text)');
      }
      if (format === 'sarif') {
        const runs = (parsed as { runs: { tool: { driver: { rules: { help: { markdown: string } }[] } }; results: { message: { text: string; markdown?: string } }[] }[] }).runs;
        for (const rule of runs[0].tool.driver.rules) assertSafeMarkdown('SARIF rule help', rule.help.markdown, ids);
        for (const res of runs[0].results) {
          assertPrintable('SARIF message', res.message.text);
          if (res.message.markdown) assertSafeMarkdown('SARIF message', res.message.markdown, ids);
        }
      }
    });
  }

  for (const format of ['text', 'markdown', 'pr-comment', 'json'] as const) {
    it(`diff --format ${format}`, function () {
      const r = cli(['diff', 'main', 'feature', '--format', format, '--fail-on', 'none', '--link-base', LINK_BASE, ...TODAY], repo);
      assert.equal(r.code, 0, r.err);
      assertPrintable(`diff ${format} (stderr)`, r.err);
      if (format === 'markdown' || format === 'pr-comment') assertSafeMarkdown(`diff ${format}`, r.out, ids);
      else assertPrintable(`diff ${format}`, r.out);
      if (format === 'json') {
        const d = JSON.parse(r.out) as { components: { added: unknown[]; removed: unknown[] }; flows: { added: unknown[] }; resolved: unknown[]; newFindings: unknown[] };
        assert.ok(d.components.added.length && d.components.removed.length && d.flows.added.length && d.resolved.length && d.newFindings.length, `every section has items: ${r.out.slice(0, 600)}`);
      }
      assert.match(r.out, /forged/);
    });
  }

  it('brief', function () {
    const r = cli(['brief', ...TODAY], repo);
    assert.equal(r.code, 0, r.err);
    assertSafeMarkdown('brief', r.out, ids);
    assert.match(r.out, /octocat/);
  });

  for (const format of ['mermaid', 'markdown'] as const) {
    it(`attack-tree --format ${format}, on each hostile file`, function () {
      for (const file of ['model.threatlens.yaml', FILE_NAMES[0], FILE_NAMES[1]]) {
        const r = cli(['attack-tree', file, '--format', format, ...TODAY], repo);
        assert.equal(r.code, 0, r.err);
        assertPrintable(`attack tree of ${JSON.stringify(file)}`, r.out);
        assertPrintable(`attack tree of ${JSON.stringify(file)} (stderr)`, r.err);
      }
    });
  }

  it('baseline, and error messages that quote a hostile name', function () {
    const b = cli(['baseline', ...TODAY], repo);
    assertPrintable('baseline', b.out);
    assert.ok(JSON.stringify(JSON.parse(b.out)).includes('\u2028'), 'the baseline keeps the paths as they are');
    for (const args of [['attack-tree', `missing${FORGED}.mmd`], ['check', '--rules', `no${FORGED}`], ['convert', `x${FORGED}.yaml`], ['diff', `nosuchref${FORGED}`]]) {
      const r = cli(args, repo);
      assert.notEqual(r.code, 0);
      assertPrintable(`${args[0]} error`, r.err);
      assert.match(r.err, /forged/);
    }
  });
});

describe('the escaping helpers', function () {
  it('printable: line breaks are one space, other controls and bidi characters visible escapes', function () {
    assert.equal(printable('a\r\n\u2028b\tc'), 'a b c');
    assert.equal(printable('x\u202Ey\u2066z\u0000\u001b\u007f\u0085\u009b'), 'x\\u202Ey\\u2066z\\u0000\\u001B\\u007F \\u009B');
    assert.equal(printable('plain text, ünïcödé, emoji 🎉'), 'plain text, ünïcödé, emoji 🎉');
  });

  it('printablePath: a path that would start a line with `::` gets `./` in front', function () {
    assert.equal(printablePath('::error::x.mmd'), './::error::x.mmd');
    assert.equal(printablePath('\n::error::x.mmd'), './ ::error::x.mmd');
    assert.equal(printablePath('\u2003::x.mmd'), './\u2003::x.mmd');
    assert.equal(printablePath('docs/a.mmd'), 'docs/a.mmd');
  });

  it('printableJson: the same value, and only ASCII-safe characters in the text', function () {
    const value = { s: HOSTILE, k: { [`key${FORGED}\u202E`]: ['\u2028', '\u0085'] } };
    const text = printableJson(JSON.stringify(value, null, 2));
    assert.doesNotMatch(text, RAW_CONTROL);
    assert.deepEqual(JSON.parse(text), value);
  });

  it('escapeMarkdown: mentions, references, e-mail addresses and autolinks are inert', function () {
    const html = marked.parse(escapeMarkdown('hi @octocat and @acme/team, see #12, mail a.b@evil.example, https://evil.example/x or www.evil.com'), { async: false });
    assert.doesNotMatch(html, /<a /);
    const text = textOutsideCode(html);
    assert.doesNotMatch(text, /@[A-Za-z0-9]|#\d|\w@\w/);
    assert.match(text.replace(/\u200d/g, ''), /hi @octocat and @acme\/team, see #12, mail a\.b@evil\.example, https:\/\/evil\.example\/x or www\.evil\.com/, 'the text still reads the same');
  });

  it('codeCell: a pipe in a code span keeps the table cell whole, in both renderers', function () {
    for (const id of ['a|b', 'kb`|`y', 'x\\|y', '|', '\\|', 'a||b']) {
      const table = `| A | B |\n|---|---|\n| ${codeCell(id)} | z |\n`;
      for (const html of [mdit.render(table), marked.parse(table, { async: false, gfm: true })]) {
        const doc = new JSDOM(html).window.document;
        const tds = [...doc.querySelectorAll('tbody td')].map((td) => td.textContent);
        assert.deepEqual(tds, [id, 'z'], `${id}: ${html}`);
      }
    }
  });

  it('the checks see a forged line, a raw control character, a mention and a split cell', function () {
    assert.throws(() => assertPrintable('t', `a.mmd:1:1 x${FORGED}`), /workflow command/);
    assert.throws(() => assertPrintable('t', '  ::add-mask::x'), /workflow command/);
    assert.throws(() => assertPrintable('t', 'a\u202Eb'), /raw/);
    assert.throws(() => assertSafeMarkdown('t', 'hello @octocat', []), /mention/);
    assert.throws(() => assertSafeMarkdown('t', 'see https://evil.example/x', []), /link/);
    assert.throws(() => assertSafeMarkdown('t', '| Component | B |\n|---|---|\n| `a|b` | z |\n', ['a|b']), /cells/);
    assert.throws(() => assertSafeMarkdown('t', '| Component | B |\n|---|---|\n| `x\\\\|y` | z |\n', ['x\\|y']), /odd-backslashes/);
  });
});
