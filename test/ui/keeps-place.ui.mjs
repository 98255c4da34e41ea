// The walkthrough keeps its place, and the editor's counts agree (issue 17, item 4), in a dark and a light theme:
// a Markdown file with two diagrams (one CodeLens per diagram naming the file's total, the status bar revealing the
// file in the Threats view, no two steps with the same name, one colour for a component drawn twice, one scale for
// both drawings, "Fit" fitting the side panel), high drawn stronger than medium, a decision recorded at the bottom of
// a step that neither moves the step nor scrolls back to the diagram, finding titles clear of the sticky bar, and a
// date field whose label does not promise a format the browser does not show.
import assert from 'node:assert/strict';
import path from 'node:path';
import { command, copyIntoWorkspace, onStep, openFile, openWalkthrough, openWorkbench, setTheme, TIMEOUT } from './support/workbench.mjs';

/** Contrast ratio (WCAG) of a CSS colour against another, both as computed by the browser. */
function contrast(a, b) {
  const lum = (css) => {
    const n = css.match(/[\d.]+/g)?.map(Number) ?? [];
    // `rgb(r, g, b)` is 0-255; `color(srgb r g b)` (what color-mix computes to) is 0-1.
    const [r, g, bl] = css.startsWith('color(') ? n.slice(0, 3) : n.slice(0, 3).map((x) => x / 255);
    const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function keepsPlace({ page, url, workspace, screenshot }) {
  await copyIntoWorkspace(workspace, 'examples/multi-agent-mcp.md', 'kp-multi-agent.md');
  await openWorkbench(page, url);
  const shots = path.dirname(await screenshot('keeps-place-start.png'));
  for (const theme of ['Dark Modern', 'Light Modern']) {
    const t = /light/i.test(theme) ? 'light' : 'dark';
    await setTheme(page, workspace, theme);
    await command(page, 'View: Close All Editors');
    await openFile(page, 'kp-multi-agent.md');

    // 1. One CodeLens per diagram, each with its own count and the file's, which the status bar shows.
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.codelens-decoration', { hasText: 'Threatlens · diagram 1 of 2:' }).first().waitFor({ timeout: TIMEOUT });
    const status = page.locator('.statusbar-item', { hasText: /\d+ high/ }).first();
    await status.waitFor({ timeout: TIMEOUT });
    const fileCount = (await status.innerText()).trim();
    const lensText = await editor.locator('.codelens-decoration', { hasText: 'diagram 1 of 2' }).first().innerText();
    assert.ok(lensText.includes(`(file: ${fileCount})`), `lens "${lensText}" names the status bar's "${fileCount}"`);
    await screenshot(`keeps-place-${t}-codelens.png`);

    // 2. A click on the status bar shows this file, selected, in the Threats view.
    await status.click();
    const view = page.locator('[id="workbench.view.extension.threatlens"]');
    await view.locator('.monaco-list-row.selected', { hasText: 'kp-multi-agent.md' }).first().waitFor({ timeout: TIMEOUT });
    await screenshot(`keeps-place-${t}-status-bar-reveal.png`);

    // 3. The walkthrough in a side panel 700 px wide: two drawings, one scale, both inside the panel.
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.locator('.tabs-container .tab[aria-label*="kp-multi-agent.md"]').first().click();
    const wv = await openWalkthrough(page);
    await wv.locator('svg g.tl-node[data-key="1:planner"]').waitFor({ timeout: TIMEOUT });
    const sizes = await wv.locator('.tl-svg-host > svg').evaluateAll((els) => els.map((e) => ({
      scale: e.getBoundingClientRect().width / (e.viewBox.baseVal?.width || 1),
      right: e.getBoundingClientRect().right,
      panel: document.documentElement.clientWidth,
    })));
    assert.equal(sizes.length, 2);
    assert.ok(Math.abs(sizes[0].scale - sizes[1].scale) < 0.01, `one scale for both drawings: ${JSON.stringify(sizes)}`);
    for (const s of sizes) assert.ok(s.right <= s.panel, `"Fit" keeps the drawing inside the panel: ${JSON.stringify(s)}`);

    // 4. planner is drawn in both diagrams: one colour; the step list names each diagram and no two entries read the same.
    const cls = (key) => wv.locator(`svg g.tl-node[data-key="${key}"]`).getAttribute('class');
    const sev = (c) => /tl-sev-\w+/.exec(c ?? '')?.[0];
    assert.equal(sev(await cls('0:planner')), sev(await cls('1:planner')));
    const names = (await wv.locator('.tl-step-select vscode-option').allInnerTexts()).map((n) => n.replace(/^\d+\.\s*/, '').replace(/ · \d+ open.*$/, ''));
    assert.equal(new Set(names).size, names.length, `step names: ${names.join(' | ')}`);
    assert.ok(names.some((n) => n.includes('· diagram 2')), names.join(' | '));
    await wv.locator('#tl-diagrams, .tl-diagrams, figure').first().screenshot({ path: path.join(shots, `keeps-place-${t}-two-diagrams.png`) }).catch(() => undefined);
    await page.locator('iframe.webview.ready:visible').screenshot({ path: path.join(shots, `keeps-place-${t}-panel.png`) });

    // 5. High is drawn stronger than medium against the panel's background.
    const fill = (s) => wv.locator(`svg g.tl-node.tl-sev-${s} > :is(rect, polygon, path)`).first().evaluate((e) => getComputedStyle(e).fill);
    const bg = await wv.locator('body').evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [high, medium] = [await fill('high'), await fill('medium')];
    assert.ok(contrast(high, bg) > contrast(medium, bg), `${t}: high ${high} (${contrast(high, bg).toFixed(2)}) vs medium ${medium} (${contrast(medium, bg).toFixed(2)}) on ${bg}`);

    // 6. A component step: the first finding card's title is not under the sticky bar when scrolled to.
    await wv.locator('svg g.tl-node[data-key="0:coder"]').click();
    // The panel remembers its step: the second theme's pass may already be on coder's step.
    await wv.locator('vscode-button[data-action="go-to-selected"], .tl-selection strong').first().waitFor({ timeout: TIMEOUT });
    if (await wv.locator('vscode-button[data-action="go-to-selected"]').count()) await wv.locator('vscode-button[data-action="go-to-selected"]').click();
    await wv.locator('#step-title', { hasText: '(coder)' }).waitFor({ timeout: TIMEOUT });
    const progress = await wv.locator('[data-testid="progress"]').innerText();
    const stepNo = /Step (\d+) of (\d+)/.exec(progress);
    assert.ok(stepNo);
    const cards = wv.locator('article.tl-finding.tl-status-open');
    const last = cards.last();
    const clear = await last.locator('h4').evaluate((h) => {
      h.scrollIntoView();
      const nav = document.querySelector('.tl-nav');
      return { title: h.getBoundingClientRect().top, bar: nav ? nav.getBoundingClientRect().bottom : 0, padding: getComputedStyle(document.documentElement).scrollPaddingTop, scroller: document.scrollingElement?.tagName, y: window.scrollY };
    });
    assert.ok(clear.title >= clear.bar, `${t}: the card title (${clear.title}px) is below the bar (${clear.bar}px): ${JSON.stringify(clear)}`);
    await page.locator('iframe.webview.ready:visible').screenshot({ path: path.join(shots, `keeps-place-${t}-card-below-bar.png`) });

    // 7. The acceptance form: a date picker whose label promises no format.
    await last.locator('vscode-radio[value="accepts"]').click();
    const date = last.locator('vscode-textfield[type="date"]');
    await date.waitFor({ timeout: TIMEOUT });
    const label = await last.locator('label.tl-field:has(vscode-textfield[type="date"]) .tl-field-label').innerText();
    assert.ok(!/YYYY|mm\/dd/i.test(label), `date label: ${label}`);
    await last.screenshot({ path: path.join(shots, `keeps-place-${t}-acceptance-form.png`) });

    // 8. Recording a decision on the last card: the same step, and the reader is not sent back to the diagram.
    await last.locator('vscode-radio[value="mitigates"]').click();
    const threat = (await last.locator('h4').innerText()).split(' ')[0];
    await last.scrollIntoViewIfNeeded();
    const before = await wv.locator('body').evaluate(() => window.scrollY);
    assert.ok(before > 200, `scrolled down to the card (${before}px)`);
    await last.locator('vscode-button[data-action="mitigate"]').click();
    await wv.locator('.tl-status', { hasText: /^Recorded/ }).waitFor({ timeout: TIMEOUT });
    await wv.locator('article.tl-finding.tl-status-planned', { hasText: threat }).first().waitFor({ timeout: TIMEOUT });
    await onStep(wv, Number(stepNo[1]), Number(stepNo[2]));
    await wv.locator('#step-title', { hasText: '(coder)' }).waitFor({ timeout: TIMEOUT });
    const after = await wv.locator('body').evaluate(() => window.scrollY);
    assert.ok(after > before / 2, `the panel stayed near the card: ${before}px before, ${after}px after`);
    await page.locator('iframe.webview.ready:visible').screenshot({ path: path.join(shots, `keeps-place-${t}-after-decision.png`) });
    await command(page, 'View: Close All Editors');
  }
}
