// The outputs that carry a ship decision, as a user gets them in the real workbench: the workshop pack saved
// as printable HTML from the palette and opened in the browser, the compliance report and the model card
// section as Markdown documents, and the attack tree a walkthrough step draws. Screenshots: .test-output/screenshots/decision-outputs-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { command, copyIntoWorkspace, openFile, openWalkthrough, openWorkbench, TIMEOUT, waitForFile } from './support/workbench.mjs';

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function decisionOutputsUi({ page, url, workspace, screenshot }) {
  await copyIntoWorkspace(workspace, 'examples/rag-support-bot.mmd', 'do-rag.mmd');
  await openWorkbench(page, url);
  await openFile(page, 'do-rag.mmd');
  await page.locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: TIMEOUT });

  // 1. Workshop pack: HTML, one session, saved where the dialog proposes (next to the diagram).
  const picker = page.locator('.quick-input-widget:visible');
  await command(page, 'Threatlens: Export Workshop Pack', picker.locator('.monaco-list-row', { hasText: 'Save as HTML' }));
  await picker.locator('.monaco-list-row', { hasText: 'Save as HTML' }).click();
  await picker.locator('.quick-input-title', { hasText: 'How long is one session?' }).waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  const proposed = /do-rag\.workshop\.html$/;
  for (const deadline = Date.now() + TIMEOUT; !proposed.test(await picker.locator('input').inputValue().catch(() => ''));) {
    assert.ok(Date.now() < deadline, 'the save dialog proposes a file next to the diagram');
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Enter');
  const html = await waitForFile(page, path.join(workspace, 'do-rag.workshop.html'), (t) => t.includes('</html>'), 'the workshop pack');
  assert.doesNotMatch(html, /<script/i, 'the printable pack runs no script');
  await screenshot('decision-outputs-workshop-saved.png');
  const shots = path.dirname(await screenshot('decision-outputs-workbench.png'));
  const print = await page.context().newPage();
  await print.setViewportSize({ width: 1000, height: 1300 });
  await print.goto(`file://${path.join(workspace, 'do-rag.workshop.html')}`);
  await print.locator('section.agenda table').first().waitFor({ timeout: TIMEOUT });
  assert.equal(await print.locator('section.card').count(), 11, 'one question card per component');
  assert.ok(await print.locator('section.log').count() === 1, 'a decision log');
  assert.match(await print.locator('section.log').innerText(), /retrieved chunks wrapped in delimiters/);
  await print.screenshot({ path: path.join(shots, 'decision-outputs-workshop-printable.png'), fullPage: false });
  await print.locator('section.card').nth(2).scrollIntoViewIfNeeded();
  await print.screenshot({ path: path.join(shots, 'decision-outputs-workshop-card.png') });
  await print.close();

  // 2. The compliance report for the same diagram opens as Markdown.
  await page.locator('.tabs-container .tab[aria-label*="do-rag.mmd"]').first().click();
  await command(page, 'Threatlens: Export Compliance Report');
  await page.locator('.editor-instance .view-lines', { hasText: 'EU AI Act' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('decision-outputs-compliance.png');
  // Later tests share this workbench: an unsaved untitled document would make them answer a save prompt.
  await command(page, 'View: Revert and Close Editor');

  // 3. The model card section: the pick lists the diagram's models.
  await page.locator('.tabs-container .tab[aria-label*="do-rag.mmd"]').first().click();
  await command(page, 'Threatlens: Write Model Card Security Section', picker.locator('.monaco-list-row', { hasText: 'llm' }));
  await picker.locator('.monaco-list-row', { hasText: 'llm' }).first().click();
  await page.locator('.editor-instance .view-lines', { hasText: 'Risks, limitations and security' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('decision-outputs-model-card.png');
  await command(page, 'View: Revert and Close Editor');

  // 4. The walkthrough's component step draws the component's attack tree: AND/OR gates, the entry, the cut.
  await page.locator('.tabs-container .tab[aria-label*="do-rag.mmd"]').first().click();
  const wv = await openWalkthrough(page);
  await wv.locator('svg g.tl-node[data-key="0:llm"]').click();
  await wv.locator('vscode-button[data-action="go-to-selected"]').click();
  await wv.locator('#step-title', { hasText: 'GPT-4o via Azure OpenAI (llm)' }).waitFor({ timeout: TIMEOUT });
  const tree = wv.locator('.tl-attack-tree svg');
  await tree.waitFor({ timeout: TIMEOUT });
  const drawn = await tree.innerHTML();
  for (const part of ['AND', 'OR', 'Entry: Customer', 'cut by (implemented)']) assert.ok(drawn.includes(part), `the tree shows ${part}`);
  assert.doesNotMatch(drawn, /Exploit:/, 'no placeholder steps');
  await tree.scrollIntoViewIfNeeded();
  await page.locator('iframe.webview.ready:visible').screenshot({ path: path.join(shots, 'decision-outputs-attack-tree.png') });
}
