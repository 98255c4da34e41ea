// What a person sees in the real workbench (code-server + chromium): an example diagram with its
// highlighting and CodeLens, the Problems panel, a hover card, the quick-fix menu, the Threats view
// and the status bar item. Each step saves a screenshot under .test-output/screenshots/.
import assert from 'node:assert/strict';
import { command, goTo, openFile, TIMEOUT } from './support/workbench.mjs';

/** @param {{ page: import('playwright-core').Page, url: string, screenshot: (name: string) => Promise<string> }} t */
export default async function editorUi({ page, url, screenshot }) {
  await page.setViewportSize({ width: 1500, height: 1050 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  await page.waitForSelector('.part.statusbar', { timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });

  // 1. The example with Threatlens's highlighting, squiggles and CodeLens.
  await openFile(page, 'rag-support-bot.mmd');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: TIMEOUT });
  await editor.locator('.codelens-decoration', { hasText: 'Threatlens:' }).first().waitFor({ timeout: TIMEOUT });
  // The status bar item for the active file.
  const status = page.locator('.statusbar-item', { hasText: /\d+ (critical|high|medium|low)/ }).first();
  await status.waitFor({ timeout: TIMEOUT });
  // Annotation lines get several distinct token colours (verb, node, threat id, string, status).
  const annotation = editor.locator('.view-line', { hasText: '@mitigates llm against LLM01:2025' }).first();
  await annotation.waitFor({ timeout: TIMEOUT });
  const classes = await annotation.locator('span > span').evaluateAll((spans) => [...new Set(spans.map((s) => s.className))]);
  assert.ok(classes.length >= 5, `annotation tokens should be highlighted, got classes ${classes.join(' ')}`);
  await screenshot('editor-highlighting.png');

  // 2. The Problems panel.
  await command(page, 'View: Focus Problems');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ timeout: TIMEOUT });
  await problems.locator('.monaco-list-row', { hasText: /LLM\d\d:2026 / }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('problems-panel.png');

  // 3. The hover card on the `llm` component, from its label (the id also shows the diagnostics).
  await command(page, 'View: Hide Panel');
  await goTo(page, 15, 20);
  await command(page, 'Show or Focus Hover');
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Threatlens' }).first();
  await hover.waitFor({ timeout: TIMEOUT });
  const hoverText = await hover.innerText();
  assert.match(hoverText, /Kind llm, inferred from label "GPT-4o"/);
  // The first screen: one line per finding (headline edition, the other's id beside it), then the full-text link.
  assert.match(hoverText, /LLM01:2026 Prompt Injection/);
  assert.match(hoverText, /Mitigate/);
  assert.match(hoverText, /Full text/);
  await screenshot('hover-card.png');
  await page.keyboard.press('Escape');

  // 4. The quick-fix menu on the knowledge base (open findings).
  await goTo(page, 17, 10);
  // The Quick Fix command opens the lightbulb's menu for the cursor's line; clicking a visible
  // bulb could hit the previous line's bulb, which lingers for a moment after the cursor moves.
  await command(page, 'Quick Fix...');
  const menu = page.locator('.action-widget', { hasText: 'Mitigate' }).first();
  await menu.waitFor({ timeout: TIMEOUT });
  const menuText = await menu.innerText();
  assert.match(menuText, /Mitigate TL\d{3} \((LLM|ASI)\d\d:\d{4} .+\) on 'kb'/);
  assert.match(menuText, /Fix all: add planned mitigation stubs/);
  await screenshot('quick-fix-menu.png');
  await page.keyboard.press('Escape');

  // 5. The Threats view in its own activity bar container; opening it scans the workspace.
  await command(page, 'Threatlens: Show Threats View');
  const view = page.locator('[id="workbench.view.extension.threatlens"]');
  await view.waitFor({ timeout: TIMEOUT });
  // The first files in name order; later ones may sit below the fold of the virtualised list.
  for (const name of ['agentic-ops.mmd', 'fine-tuning-pipeline.mmd']) {
    await view.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
  }
  // Expand one component to show its findings.
  await view.locator('.monaco-list-row', { hasText: /^\s*\S+\s*llm ·/ }).first().locator('.monaco-tl-twistie').click();
  await view.locator('.monaco-list-row', { hasText: /(LLM|ASI)\d\d:20\d\d / }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('threats-view.png');

  // 6. A Markdown file: the ```mermaid fence is highlighted (injection grammar) and analysed.
  await openFile(page, 'multi-agent-mcp.md');
  const md = page.locator('.editor-instance .monaco-editor').first();
  await md.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: TIMEOUT });
  await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')]
    .some((line) => line.textContent.replace(/\u00a0/g, ' ').includes('flowchart TB') && [...line.querySelectorAll('span span')].some((s) => s.textContent === 'flowchart' && s.className !== 'mtk1')), undefined, { timeout: TIMEOUT });
  await screenshot('markdown-fence.png');
}
