import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { escapeProse } from '../../src/core/report/escape';
import type { FileResult } from '../../src/core/report/types';
import { buildWalkthrough } from '../../src/core/walkthrough';
import type { ComponentStep } from '../../src/core/walkthrough';
import { buildWorkshopPack, toWorkshopMarkdown, workshopPage, workshopSection, type WorkshopPack } from '../../src/core/workshop';
import { runCli as cli } from '../helpers/cli';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-12-01' });
const DATE = '2026-12-01';

function analyse(path: string, text = readFileSync(path, 'utf8')): FileResult {
  const r = engine.analyze(path, text);
  assert.ok(r && r.file.models.length > 0, path);
  return r;
}

function pack(path: string, text?: string, minutes?: number): { r: FileResult; p: WorkshopPack } {
  const r = analyse(path, text);
  return { r, p: buildWorkshopPack(r, catalog, engine.lookup, { path, date: DATE, ...(minutes ? { minutes } : {}) }) };
}

function html(p: WorkshopPack): { page: string; doc: Document } {
  const page = workshopPage('t', [workshopSection(p)], 'n0nce');
  return { page, doc: new JSDOM(page).window.document };
}

/** Every slot starts where the one before ended, and the minutes add up to each session and to the total. */
function assertAgendaAddsUp(p: WorkshopPack): void {
  let total = 0;
  for (const s of p.agenda.sessions) {
    let t = 0;
    for (const i of s.items) {
      assert.equal(i.start, t, `${i.title} starts at ${t}`);
      assert.ok(i.minutes > 0, i.title);
      t += i.minutes;
    }
    assert.equal(s.minutes, t, `session ${s.index}`);
    total += t;
  }
  assert.equal(p.agenda.totalMinutes, total);
}

const RAG = 'examples/rag-support-bot.mmd';
const FED = 'examples/federated-learning.mmd';

describe('workshop pack', () => {
  it('has one card per component of the RAG example, in walkthrough order, each slot sized by the documented rule', () => {
    const { r, p } = pack(RAG);
    const w = buildWalkthrough(r, catalog, engine.lookup);
    const steps = w.steps.filter((s): s is ComponentStep => s.type === 'component');
    assert.deepEqual(p.cards.map((c) => c.componentKey), steps.map((s) => s.componentKey));
    assert.equal(p.cards.length, r.file.models[0].components.length);
    assertAgendaAddsUp(p);
    const [session] = p.agenda.sessions;
    assert.equal(p.agenda.sessions.length, 1);
    assert.deepEqual([session.items[0].type, session.items[0].minutes], ['scope', 10]);
    assert.equal(session.items.at(-1)?.type, 'wrap-up');
    const slots = session.items.filter((i) => i.type === 'component');
    assert.deepEqual(slots.map((i) => i.cardIndex), p.cards.map((_, i) => i));
    for (const [i, s] of steps.entries()) {
      const open = s.findings.filter((f) => f.status === 'open').length;
      const asked = s.questions.length + s.lenses.reduce((n, l) => n + l.questions.length, 0);
      const want = Math.min(30, 2 + Math.floor(asked / 4) + 4 * open + (s.findings.length - open));
      assert.equal(slots[i].minutes, want, s.title);
    }
    // The LLM has six open findings: its slot hits the cap. The session passes 90 minutes: one break.
    assert.equal(slots[p.cards.findIndex((c) => c.componentId === 'llm')].minutes, 30);
    const breaks = session.items.filter((i) => i.type === 'break');
    assert.equal(breaks.length, 1);
    const before = session.items.slice(0, session.items.indexOf(breaks[0])).reduce((n, i) => n + i.minutes, 0);
    assert.ok(before >= 90 && before - (slots.find((x) => x.start + x.minutes === before)?.minutes ?? 0) < 90, 'the break comes at the first slot boundary past 90 minutes');
  });

  it('shows every finding in both voices, with the suggested controls as options', () => {
    const { r, p } = pack(RAG);
    const md = toWorkshopMarkdown(p);
    const all = p.cards.flatMap((c) => c.findings.map((f) => ({ c, f })));
    assert.equal(all.length, r.findings.length);
    for (const { c, f } of all) {
      const src = r.findings.find((x) => x.ruleId === f.ruleId && x.componentId === c.componentId);
      assert.ok(src, f.ruleId);
      assert.equal(f.plain, src.plain);
      assert.equal(f.security, src.security);
      assert.deepEqual(f.options.map((m) => m.id), src.mitigations.map((m) => m.id));
      assert.ok(md.includes(escapeProse(src.plain)) && md.includes(escapeProse(src.security)), f.ruleId);
      for (const m of src.mitigations) assert.ok(md.includes(`- [ ] ${escapeProse(m.name)}: ${escapeProse(m.stub)}`), m.id);
    }
    const llm = p.cards.find((c) => c.componentId === 'llm');
    assert.ok(llm?.questions.some((g) => g.source === 'kind' && g.questions.length > 0));
    assert.deepEqual(llm?.questions.slice(1).map((g) => g.source), buildWalkthrough(r, catalog, engine.lookup).steps.flatMap((s) => (s.type === 'component' && s.componentKey === llm?.componentKey ? s.lenses.map((l) => l.id) : [])));
  });

  it('pre-fills the decision log with the decisions in the file and leaves a row per open finding', () => {
    const { r, p } = pack(RAG);
    const recorded = p.decisionLog.filter((x) => x.recorded);
    assert.deepEqual(recorded.map((x) => [x.componentLabel, x.type, x.named, x.decisionStatus, x.owner, x.expires, x.status]), [
      ['GPT-4o via Azure OpenAI', 'mitigates', 'LLM01:2025', 'implemented', undefined, undefined, 'mitigated'],
      ['GPT-4o via Azure OpenAI', 'accepts', 'LLM09:2025', undefined, 'support-lead', '2027-06-30', 'accepted'],
    ]);
    assert.equal(recorded[1].text, 'answers are shown as suggestions with links to the source articles');
    const open = r.findings.filter((f) => f.status === 'open');
    const empty = p.decisionLog.filter((x) => !x.recorded);
    assert.deepEqual(empty.map((x) => x.ruleId).sort(), open.map((f) => f.ruleId).sort());
    assert.ok(empty.every((x) => x.text === undefined && x.owner === undefined));
    const { doc } = html(p);
    const rows = [...doc.querySelectorAll('section.log tbody tr')];
    assert.equal(rows.length, p.decisionLog.length);
    assert.equal(rows.filter((tr) => tr.classList.contains('blank')).length, open.length);
    assert.ok(rows[1].textContent?.includes('support-lead') && rows[1].textContent.includes('2027-06-30'));
  });

  it('gives write-back lines that the next analysis reads as the decision', () => {
    const text = readFileSync(RAG, 'utf8');
    const { p } = pack(RAG, text);
    const kb = p.cards.find((c) => c.componentId === 'kb')?.findings.find((f) => f.ruleId === 'TL017');
    assert.ok(kb);
    const [mitigate, accept] = kb.writeBack;
    assert.match(mitigate, /^%% @mitigates kb against TL017 with ".+" \(planned\)$/);
    const after = analyse(RAG, `${text}\n    ${mitigate}\n`);
    assert.equal(after.findings.find((f) => f.componentId === 'kb' && f.ruleId === 'TL017')?.status, 'planned');
    const filled = accept.replace('<owner>', 'ana').replace('YYYY-MM-DD', '2027-03-01');
    const accepted = analyse(RAG, `${text}\n    ${filled}\n`);
    assert.equal(accepted.findings.find((f) => f.componentId === 'kb' && f.ruleId === 'TL017')?.status, 'accepted');
  });

  it('splits the federated-learning example into sessions no longer than the length asked for', () => {
    const whole = pack(FED).p;
    const { r, p } = pack(FED, undefined, 60);
    assert.equal(p.cards.length, r.file.models.flatMap((m) => m.components).length);
    assertAgendaAddsUp(p);
    assert.ok(p.agenda.sessions.length > 1, 'more than an hour of work');
    for (const s of p.agenda.sessions) assert.ok(s.overrun || s.minutes <= 60, `session ${s.index}: ${s.minutes}`);
    const slotted = p.agenda.sessions.flatMap((s) => s.items.filter((i) => i.type === 'component').map((i) => i.cardIndex));
    assert.deepEqual(slotted, p.cards.map((_, i) => i), 'each card once, in order');
    assert.equal(p.agenda.sessions[0].items[0].type, 'scope');
    for (const s of p.agenda.sessions.slice(1)) assert.equal(s.items[0].type, 'recap');
    for (const s of p.agenda.sessions.slice(0, -1)) assert.equal(s.items.at(-1)?.type, 'close');
    assert.equal(p.agenda.sessions.at(-1)?.items.at(-1)?.type, 'wrap-up');
    // Same slots as one long session; only the openings, closings and breaks differ.
    const slotSum = (x: WorkshopPack) => x.agenda.sessions.flatMap((s) => s.items).filter((i) => i.type === 'component').reduce((n, i) => n + i.minutes, 0);
    assert.equal(slotSum(p), slotSum(whole));
    assert.match(toWorkshopMarkdown(p), /### Session 2 \(\d+ min\)/);
    assert.ok(p.cards.every((c) => c.findings.every((f) => f.plain && f.security)));
  });

  it('a diagram with no AI component still gives a pack, and says why it has little to do', () => {
    const text = 'flowchart LR\n  shopper([Shopper]) --> web[Web shop] --> orders[(Orders database)]\n';
    const { r, p } = pack('shop.mmd', text);
    assert.equal(p.counts.ai, 0);
    assert.equal(p.cards.length, r.file.models[0].components.length);
    assert.ok(p.notes.some((n) => n.startsWith('No AI component was found')));
    assertAgendaAddsUp(p);
    const md = toWorkshopMarkdown(p);
    assert.match(md, /\*\*Before the session:\*\* No AI component was found/);
    assert.match(md, /Nothing to log: the model has no finding\./);
    const orders = p.cards.find((c) => c.componentId === 'orders');
    assert.equal(orders?.unrecognised, false);
    assert.match(orders?.note ?? '', /^Not an AI component, and no rule flagged it/);
    assert.ok(html(p).doc.querySelector('p.note')?.textContent?.includes('No AI component'));
  });

  it('a card for a component Threatlens did not recognise asks for its kind, with the line to declare it', () => {
    const text = 'flowchart LR\n  a[Frobnicator] --> b[Quux box] --> llm[GPT-4o chat model]\n';
    const { p } = pack('odd.mmd', text);
    const odd = p.cards.filter((c) => c.unrecognised);
    assert.deepEqual(odd.map((c) => c.componentId).sort(), ['a', 'b']);
    for (const c of odd) {
      assert.ok(c.note?.includes(`%% @component ${c.componentId} kind=<kind>`), c.note);
      assert.deepEqual(c.questions, []);
      assert.deepEqual(c.findings, []);
    }
    assert.ok(p.notes.some((n) => n.includes('2 components were not recognised (Frobnicator, Quux box)')));
    assert.ok(p.cards.find((c) => c.componentId === 'llm')?.findings.length);
    const declared = analyse('odd.mmd', `${text}  %% @component a kind=agent\n`);
    assert.ok(!buildWorkshopPack(declared, catalog, engine.lookup, { path: 'odd.mmd', date: DATE }).cards.find((c) => c.componentId === 'a')?.unrecognised, 'the line declares it');
  });

  it('with every threat decided, the log is all recorded decisions and the pack says it is a review', () => {
    const base = readFileSync(RAG, 'utf8');
    const first = analyse(RAG, base);
    const lines = first.findings.filter((f) => f.status === 'open').map((f, i) => {
      if (i % 3 === 0) return `    %% @mitigates ${f.componentId} against ${f.ruleId} with "control ${i}" (implemented)`;
      if (i % 3 === 1) return `    %% @accepts ${f.componentId} ${f.ruleId} because "reason ${i}" owner=owner${i} expires=2027-0${1 + (i % 9)}-15`;
      return `    %% @not-applicable ${f.componentId} ${f.ruleId} because "not here ${i}"`;
    });
    const { r, p } = pack(RAG, `${base}\n${lines.join('\n')}\n`);
    assert.equal(r.findings.filter((f) => f.status === 'open').length, 0);
    assert.equal(p.counts.open, 0);
    assert.ok(p.decisionLog.every((x) => x.recorded));
    assert.equal(p.decisionLog.length, r.findings.length, 'one decision per finding: each names its rule, or one OWASP id of the file');
    assert.ok(p.decisionLog.some((x) => x.owner === 'owner1' && x.expires === '2027-02-15' && x.type === 'accepts'));
    assert.ok(p.notes.some((n) => n.startsWith('Every finding already has a decision')));
    assert.ok(p.cards.filter((c) => c.findings.length).every((c) => c.note?.startsWith('Every finding here already has a decision')));
    assert.ok(p.cards.every((c) => c.findings.every((f) => f.writeBack.length === 0)));
    assertAgendaAddsUp(p);
    assert.equal(p.agenda.sessions[0].items.at(-1)?.minutes, 10, 'nothing open: the shortest wrap-up');
  });

  it('HTML: one inert, self-contained, printable page in which a hostile label is only text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const yaml = [
      'threatlens: 1',
      'components:',
      `  bot: { kind: llm, label: ${JSON.stringify(`Bot ${hostile}`)}, exposure: public }`,
      `  kb: { kind: vector-store, label: "KB <script>alert(2)</script>" }`,
      'flows:',
      '  - kb -> bot',
    ].join('\n');
    for (const [path, text] of [['hostile.threatlens.yaml', yaml], ['hostile.mmd', 'flowchart LR\n  u([User]) --> bot["#lt;img src=x onerror=alert(1)#gt; GPT-4o"]\n']] as const) {
      const { p } = pack(path, text);
      const { page, doc } = html(p);
      assert.equal(doc.querySelectorAll('script, img, iframe, object, link').length, 0, path);
      assert.equal(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'), "default-src 'none'; style-src 'nonce-n0nce'");
      assert.ok((doc.body.textContent ?? '').includes(hostile), 'the label is shown as written');
      assert.ok(!/https?:/.test(page), 'no remote resource and no link');
      assert.ok(!/ (?:style|on\w+)="/.test(page), 'no inline style or handler attribute');
      const css = doc.querySelector('style')?.textContent ?? '';
      assert.match(css, /@media print \{[^@]*section\.card \{ page-break-before: always;/);
      assert.equal(doc.querySelectorAll('section.card').length, p.cards.length);
      const md = toWorkshopMarkdown(p);
      assert.ok(!md.includes('<img') && !md.includes('<script'), 'Markdown escapes the labels too');
    }
  });

  it('YAML models get write-back lines in their own syntax', () => {
    const threagile = pack('examples/threagile-rag.yaml');
    assert.equal(threagile.p.syntax, 'threagile');
    const line = threagile.p.cards.flatMap((c) => c.findings.map((f) => ({ c, f }))).find((x) => x.f.writeBack.length);
    assert.ok(line);
    assert.match(line.f.writeBack[0], /^# @mitigates /);
    const text = readFileSync('examples/threagile-rag.yaml', 'utf8');
    const after = analyse('examples/threagile-rag.yaml', `${text}\n${line.f.writeBack[0]}\n`);
    assert.equal(after.findings.find((f) => f.componentId === line.c.componentId && f.ruleId === line.f.ruleId)?.status, 'planned');
    const travel = pack('examples/travel-agent.threatlens.yaml').p;
    assert.equal(travel.syntax, 'threatlens-yaml');
    assert.ok(travel.writeBack.syntax.some((l) => l.startsWith('mitigations:')));
    assert.ok(travel.decisionLog.some((x) => x.recorded));
  });

  it('a Markdown file with several diagrams gets a card per drawn component and says which fence a line goes in', () => {
    const { r, p } = pack('examples/multi-agent-mcp.md');
    assert.ok(r.file.models.length > 1);
    assert.equal(p.cards.length, r.file.models.reduce((n, m) => n + m.components.length, 0));
    assert.equal(new Set(p.cards.map((c) => c.componentKey)).size, p.cards.length);
    assert.match(p.writeBack.where, /within the ```mermaid fence of the diagram that draws the component/);
    assert.doesNotMatch(pack(RAG).p.writeBack.where, /fence/);
    assertAgendaAddsUp(p);
  });

  it('threatlens workshop writes the pack as Markdown or HTML and checks --minutes', () => {
    const md = cli(['workshop', RAG, '--today', DATE], process.cwd());
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /^# Workshop pack: Customer support RAG bot\n/);
    assert.match(md.out, /## Agenda[\s\S]*## Roles[\s\S]*## Question cards[\s\S]*## Decision log[\s\S]*## Writing decisions back/);
    const page = cli(['workshop', RAG, FED, '--format', 'html', '--minutes', '45'], process.cwd());
    assert.equal(page.code, 0, page.err);
    const doc = new JSDOM(page.out).window.document;
    assert.equal(doc.querySelectorAll('article').length, 2);
    assert.ok((doc.body.textContent ?? '').includes('Session 2'));
    const bad = cli(['workshop', RAG, '--minutes', '10'], process.cwd());
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--minutes expects a whole number of minutes from 30 to 480/);
    assert.equal(cli(['workshop', 'package.json'], process.cwd()).code, 2, 'no model: nothing to run a workshop on');
  });
});

describe('walkthrough summary: workshop pack button', () => {
  it('asks the panel for the workshop export with a message the panel accepts', async () => {
    const { window } = new JSDOM('<!doctype html><body></body>');
    const g = globalThis as { document?: Document };
    const saved = g.document;
    g.document = window.document;
    try {
      const { summaryStep } = await import('../../webview/src/steps/summaryStep');
      const { parseFromWebview } = await import('../../src/shared/walkthroughProtocol');
      const w = buildWalkthrough(analyse(RAG), catalog, engine.lookup);
      const asked: string[] = [];
      const ctx = { view: { walkthrough: w }, exportDoc: (what: string) => asked.push(what), goTo: () => {} } as unknown as Parameters<typeof summaryStep>[0];
      const el = summaryStep(ctx);
      const button = el.querySelector('vscode-button[data-action="export-workshop"]');
      assert.ok(button, 'the summary step has the button');
      assert.match(button.textContent ?? '', /^Workshop pack/);
      button.dispatchEvent(new window.Event('click'));
      assert.deepEqual(asked, ['workshop']);
      assert.deepEqual(parseFromWebview({ type: 'export', what: asked[0] }), { type: 'export', what: 'workshop' });
      assert.equal(parseFromWebview({ type: 'export', what: 'workshop-html' }), undefined, 'anything else is dropped');
    } finally {
      g.document = saved;
    }
  });
});
