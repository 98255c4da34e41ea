import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { escapeProse, toBriefing } from '../../src/core/report/briefing';
import { buildWalkthrough } from '../../src/core/walkthrough';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-11-23' });

function briefing(path: string, text = readFileSync(path, 'utf8'), done: string[] = []): string {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return toBriefing(buildWalkthrough(r, catalog, engine.lookup, { done }), { path, date: '2026-11-23' });
}

/** Rendered as a Markdown viewer would, raw HTML allowed: whatever escaping misses would show up here. */
const render = (md: string) => new MarkdownIt({ html: true, linkify: false }).render(md);

describe('executive risk briefing', function () {
  it('has the posture, the top risks in business terms, the decisions and the accepted risks with their reasons', function () {
    const md = briefing('examples/rag-support-bot.mmd');
    assert.match(md, /^# Executive risk briefing: Customer support RAG bot$/m);
    for (const section of ['## Posture', '## Top risks', '## Decisions taken', '## Accepted risks and why', '## Still open']) assert.ok(md.includes(section), section);
    assert.match(md, /\*\*(Critical|High|Moderate|Low) exposure\.\*\*/);
    assert.match(md, /11 components in 1 diagram; \d+ threats identified: \d+ still need a decision/);
    // Written for its threat and component: the harms, then the rule's sentence naming the component.
    assert.match(md, /Business impact \((data loss|regulatory fines|fraud|outage|harm to users|reputational damage|runaway costs)(, [a-z ]+)*\): .*"(GPT-4o via Azure OpenAI|Support chat widget|Pinecone knowledge base)"/);
    assert.match(md, /What could happen: /);
    // The example's implemented mitigation and its acceptance, with reason, owner and expiry.
    assert.match(md, /GPT-4o via Azure OpenAI: retrieved chunks wrapped in delimiters/);
    assert.match(md, /answers are shown as suggestions with links to the source articles \| support-lead \| 2027-06-30 \|/);
    assert.ok(md.split('\n').length < 80, 'one page');
  });

  it('lists the top risks highest score first', function () {
    const md = briefing('examples/sql-code-agent.mmd');
    const scores = [...md.matchAll(/^\d+\. .*\((\d+\.\d) of 10\)/gm)].map((m) => Number(m[1]));
    assert.ok(scores.length >= 3 && scores.length <= 5);
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i]);
  });

  it('says when every risk is decided', function () {
    const text = ['flowchart LR', '    user[Customer] --> web[Chat widget]'].join('\n');
    const md = briefing('quiet.mmd', text);
    assert.match(md, /\*\*(No risks identified|Managed|Low exposure|Moderate exposure)\.\*\*/);
  });

  it('escapes every label, reason and control: no link, HTML or emphasis comes from the file', function () {
    const text = [
      'flowchart LR',
      '    user["#lt;img src=x onerror=alert(1)#gt; Customer"] --> bot["[steal](javascript:alert(1)) GPT-4o *bot* `x` | y"]',
      '    bot --> kb[("#lt;script#gt;alert(2)#lt;/script#gt; Chroma vector store")]',
      '    %% @accepts bot LLM10:2025 because "<img src=x onerror=alert(3)> [why](javascript:alert(4))" owner="<b>eve</b>"',
      '    %% @mitigates kb against LLM08:2025 with "**bold** <script>alert(5)</script>" (planned)',
    ].join('\n');
    const md = briefing('hostile.mmd', text);
    const html = render(md);
    assert.ok(!/<img/i.test(html), 'no image');
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/href=/i.test(html), 'no link at all');
    assert.ok(!/<b>eve/i.test(html), 'no HTML from the owner');
    assert.ok(!/<em>bot<\/em>/.test(html), 'no emphasis from a label');
    // The text is still there, as text.
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; Customer') || html.includes('&amp;lt;img'), html);
    assert.ok(html.includes('[steal](javascript:alert(1)) GPT-4o *bot* `x` | y'), 'the label reads as written');
  });

  it('escapeProse keeps ordinary punctuation readable', function () {
    assert.equal(escapeProse('GPT-4o (OpenAI API), v1.2.'), 'GPT-4o (OpenAI API), v1.2.');
    assert.equal(escapeProse('[a](b) <i> *c* `d` | e ~f~ !g #h & \\'), '\\[a\\](b) &lt;i&gt; \\*c\\* \\`d\\` \\| e \\~f\\~ \\!g \\#h &amp; \\\\');
    assert.equal(escapeProse('two\nlines'), 'two lines');
  });

  it('states each top risk in business terms for its threat and component, and what the data it handles adds', function () {
    const text = [
      'flowchart LR',
      '    patient[Patient] --> app[Clinic portal]',
      '    app --> bot[Clinical assistant GPT-4o]',
      '    bot --> records[(Patient records database)]',
      '    %% @component bot data=phi',
    ].join('\n');
    const md = briefing('clinic.mmd', text);
    const impacts = md.split('\n').filter((l) => l.includes('Business impact'));
    assert.ok(impacts.length >= 2, md);
    assert.equal(new Set(impacts).size, impacts.length, 'no two risks share one fixed phrase');
    const onBot = impacts.filter((l) => l.includes('"Clinical assistant GPT-4o"'));
    assert.ok(onBot.length > 0, impacts.join('\n'));
    const leak = onBot.find((l) => /data loss/.test(l));
    assert.ok(leak, onBot.join('\n'));
    assert.match(leak, /regulatory fines/);
    assert.match(leak, /It handles health data: a leak is a breach that regulators and the people affected must be told about\./);
    const cost = impacts.find((l) => /runaway costs/.test(l));
    if (cost) assert.doesNotMatch(cost, /health data/, 'a denial-of-wallet risk is not a data breach');
  });
});
