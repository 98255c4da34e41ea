import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { briefingPage, briefingSection } from '../../src/core/report/briefingHtml';
import { RISK_COLOURS } from '../../src/core/report/diagramSvg';
import { buildWalkthrough, diagramViews } from '../../src/core/walkthrough';
import { run } from '../../src/cli/main';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-11-23' });

function page(path: string, text = readFileSync(path, 'utf8')): { html: string; doc: Document; w: ReturnType<typeof buildWalkthrough> } {
  const r = engine.analyze(path, text);
  assert.ok(r);
  const w = buildWalkthrough(r, catalog, engine.lookup);
  const html = briefingPage('t', [briefingSection(w, { path, date: '2026-11-23', workshop: false, diagramTitles: diagramViews(r.file).map((d) => d.title) })], 'n0nce');
  return { html, doc: new JSDOM(html).window.document, w };
}

describe('printable HTML briefing', () => {
  it('is one inert page: a CSP allowing only its own style, no script, no remote resource', () => {
    const { html, doc } = page('examples/rag-support-bot.mmd');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; img-src data:");
    assert.equal(doc.querySelectorAll('script').length, 0);
    assert.equal(doc.querySelector('style')?.getAttribute('nonce'), 'n0nce');
    assert.ok(!/\b(?:src|href)="https?:/.test(html.replace(/<a href="https:\/\/[^"]*"/g, '')), 'no remote resource (links to catalog pages are fine)');
    assert.ok(!/ style="/.test(html), 'no inline style attribute the CSP would block');
  });

  it('draws each component once, coloured by its riskiest open finding, with the briefing text around it', () => {
    const { doc, w } = page('examples/rag-support-bot.mmd');
    const nodes = [...doc.querySelectorAll('svg.diagram g.node')];
    assert.equal(nodes.length, w.components.length);
    for (const c of w.components) {
      const g = nodes.find((n) => n.querySelector('title')?.textContent?.startsWith(`${c.label || c.id} (`));
      assert.ok(g, c.id);
      const want = c.highestOpen ? RISK_COLOURS[c.highestOpen] : c.findingCount ? RISK_COLOURS.decided : RISK_COLOURS.none;
      assert.equal(g.querySelector('rect')?.getAttribute('stroke'), want.stroke, c.id);
    }
    assert.equal(doc.querySelectorAll('svg.diagram line.flow').length, w.flows.filter((f) => f.from !== f.to).length);
    assert.ok(doc.querySelector('ul.legend'));
    const text = doc.body.textContent ?? '';
    for (const s of ['Posture', 'Recommendation', 'Top risks', 'Business impact', 'Accepted risks and why']) assert.ok(text.includes(s), s);
    // The picture sits between the posture and the recommendation.
    const order = [...doc.querySelectorAll('h2, figure')].map((e) => (e.tagName === 'FIGURE' ? 'figure' : e.textContent));
    assert.deepEqual(order.slice(0, 3), ['Posture', 'figure', 'Recommendation']);
  });

  it('every label from the file is text, in the SVG as in the prose', () => {
    const text = [
      'flowchart TD',
      '    user["#lt;script#gt;alert(1)#lt;/script#gt; Customer"] --> bot["#lt;img src=x onerror=alert(2)#gt; GPT-4o"]',
      '    bot --> kb[("</svg><foreignObject>x</foreignObject> Chroma vector store")]',
    ].join('\n');
    const { html, doc } = page('hostile.mmd', text);
    assert.equal(doc.querySelectorAll('script, img, foreignObject, foreignobject').length, 0, html);
    const names = [...doc.querySelectorAll('svg.diagram text.name')].map((t) => t.textContent ?? '');
    assert.ok(names.some((n) => n.includes('<script>')), names.join(' | '));
  });

  it('a cycle and a wide fan-out still lay out, every node inside the picture', () => {
    const lines = ['flowchart LR', '    a[Agent] --> b[Planner LLM]', '    b --> a'];
    for (let i = 0; i < 23; i++) lines.push(`    a --> t${i}[Tool ${i}]`);
    const { doc } = page('fan.mmd', lines.join('\n'));
    const svg = doc.querySelector('svg.diagram');
    const [, , width, height] = (svg?.getAttribute('viewBox') ?? '').split(' ').map(Number);
    assert.ok(width < 1200, `a wide layer wraps (${width})`);
    for (const r of doc.querySelectorAll('svg.diagram rect')) {
      const x = Number(r.getAttribute('x'));
      const y = Number(r.getAttribute('y'));
      assert.ok(x >= 0 && y >= 0 && x + Number(r.getAttribute('width')) <= width && y + Number(r.getAttribute('height')) <= height);
    }
  });

  it('threatlens brief --format html writes the page; each run has its own nonce', () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: () => {} };
    assert.equal(run(['brief', 'examples/rag-support-bot.mmd', 'examples/sql-code-agent.mmd', '--format', 'html', '--today', '2026-11-23'], process.cwd(), io), 0);
    assert.equal(run(['brief', 'examples/rag-support-bot.mmd', '--format', 'html'], process.cwd(), io), 0);
    const [two, one] = out;
    assert.match(two, /^<!doctype html>/);
    assert.equal(new JSDOM(two).window.document.querySelectorAll('article').length, 2);
    const nonce = (s: string) => /'nonce-([^']+)'/.exec(s)?.[1];
    assert.ok(nonce(two) && nonce(one) && nonce(two) !== nonce(one));
  });
});
