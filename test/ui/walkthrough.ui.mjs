// The STRIDE-for-AI walkthrough in the real workbench (code-server + chromium): the drawing with its risk overlay,
// selection shared with the editor both ways, a mitigation chosen in the panel and written into the file (the
// diagnostic changes status), a whole walkthrough of the YAML example with the executive briefing exported, and
// every step photographed in a dark and a light theme (.test-output/screenshots/walkthrough-*.png).
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  command, copyIntoWorkspace, goTo, onStep, openFile, openWalkthrough, openWorkbench, setTheme, TIMEOUT, waitForFile, walkthrough,
} from './support/workbench.mjs';

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function walkthroughUi({ page, url, workspace, screenshot }) {
  const rag = await copyIntoWorkspace(workspace, 'examples/rag-support-bot.mmd', 'wt-rag-support-bot.mmd');
  await copyIntoWorkspace(workspace, 'examples/travel-agent.threatlens.yaml', 'wt-travel-agent.threatlens.yaml');
  await openWorkbench(page, url);
  await setTheme(page, workspace, 'Dark Modern');

  // 1. The Mermaid example: the drawing with its overlay, beside the editor.
  await openFile(page, 'wt-rag-support-bot.mmd');
  await page.locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: TIMEOUT });
  let wv = await openWalkthrough(page);
  await onStep(wv, 1, 13);
  assert.equal(await wv.locator('svg g.tl-node').count(), 11, 'one drawn node per component');
  assert.ok(await wv.locator('svg g.tl-boundary').count() >= 2, 'the trust boundaries are drawn');
  assert.ok(await wv.locator('svg g.tl-node.tl-sev-medium .tl-badge').count() > 0, 'components with open findings carry a badge');
  assert.ok(await wv.locator('svg g.tl-node.tl-sev-none').count() > 0, 'components with nothing open are green');
  const shots = path.dirname(await screenshot('walkthrough-dark-rag-scope.png'));
  /** The walkthrough panel alone, at full resolution (the step screenshots). */
  const panelShot = (name) => page.locator('iframe.webview.ready:visible').screenshot({ path: path.join(shots, name) });
  const stepShots = async (theme, i) => {
    const n = String(i).padStart(2, '0');
    await panelShot(`walkthrough-${theme}-step-${n}.png`);
    const finding = wv.locator('article.tl-finding').first();
    if (await finding.count()) {
      await finding.scrollIntoViewIfNeeded();
      await panelShot(`walkthrough-${theme}-step-${n}-findings.png`);
    }
  };

  // 2. Clicking a component in the drawing selects its declaration in the editor (kb: line 17, columns 9-10; the cursor ends at 11).
  await wv.locator('svg g.tl-node[data-key="0:kb"]').click();
  await wv.locator('.tl-selection', { hasText: 'Pinecone knowledge base' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await wv.locator('svg g.tl-node.tl-selected').getAttribute('data-key'), '0:kb');
  // The status bar shows the cursor of the active text editor: activate it (its tab keeps the selection).
  await page.locator('.tabs-container .tab[aria-label*="wt-rag-support-bot.mmd"]').first().click();
  await page.locator('.statusbar-item', { hasText: /Ln 17, Col 11 \(2 selected\)/ }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('walkthrough-dark-rag-selected-in-editor.png');

  // 3. Moving the cursor onto a component in the editor selects it in the panel (llm: line 15).
  await goTo(page, 15, 10);
  await wv.locator('.tl-selection', { hasText: 'GPT-4o via Azure OpenAI' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await wv.locator('svg g.tl-node.tl-selected').getAttribute('data-key'), '0:llm');

  // 4. "Mitigate" on the chat widget's open finding, with the first suggested control, planned.
  await wv.locator('svg g.tl-node[data-key="0:web"]').click();
  await wv.locator('vscode-button[data-action="go-to-selected"]').click();
  await wv.locator('#step-title', { hasText: 'Support chat widget (web)' }).waitFor({ timeout: TIMEOUT });
  const card = wv.locator('article.tl-finding.tl-status-open').first();
  const threat = (await card.locator('h4').innerText()).split(' ')[0];
  assert.match(threat, /^(LLM|ASI)\d\d:\d{4}$/);
  // Decisions name the rule, so they decide this finding and no other citing the same OWASP entry.
  const rule = (await card.locator('li', { hasText: 'Rule: ' }).innerText()).replace('Rule:', '').trim();
  assert.match(rule, /^TL\d{3}$/);
  await card.scrollIntoViewIfNeeded();
  await screenshot('walkthrough-dark-rag-component-step.png');
  await card.locator('vscode-button[data-action="mitigate"]').click();
  await wv.locator('.tl-status', { hasText: `Recorded a planned mitigation of ${rule} on web` }).waitFor({ timeout: TIMEOUT });
  // The panel follows the edit: the finding is now planned.
  const planned = wv.locator('article.tl-finding.tl-status-planned', { hasText: rule }).first();
  await planned.waitFor({ timeout: TIMEOUT });
  await planned.scrollIntoViewIfNeeded();
  await screenshot('walkthrough-dark-rag-mitigated.png');
  // The file gained the annotation under the declaration of web…
  const annotation = new RegExp(`^ {8}%% @mitigates web against ${rule} with ".+" \\(planned\\)$`, 'm');
  await page.locator('.editor-instance .view-line', { hasText: `@mitigates web against ${rule}` }).first().waitFor({ timeout: TIMEOUT });
  // …and its diagnostic changed status in the Problems panel.
  await command(page, 'View: Focus Problems');
  // Planned findings are information, listed after the warnings: filter the list down to them.
  const filter = page.locator('.viewpane-filter input').first();
  await filter.waitFor({ timeout: TIMEOUT });
  await filter.fill('mitigation planned');
  await page.locator('.markers-panel .monaco-list-row', { hasText: /on "web".*\(mitigation planned\)/ }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('walkthrough-dark-rag-problems.png');
  await filter.fill('');
  await command(page, 'View: Hide Panel');
  await page.locator('.tabs-container .tab[aria-label*="wt-rag-support-bot.mmd"]').first().click();
  await page.keyboard.press('Control+S');
  const saved = await waitForFile(page, rag, (t) => annotation.test(t), 'the saved annotation');
  assert.equal(saved.split('\n').filter((l) => l.includes('@mitigates web')).length, 1, 'exactly one annotation line');
  // Changing the decision: the planned control is now in place. The form starts from what the file says.
  const decided = wv.locator('article.tl-finding.tl-status-planned', { hasText: rule }).first();
  await decided.locator('summary[data-action="change"]').click();
  assert.equal(await decided.locator('vscode-radio[value="implemented"]').evaluate((r) => r.checked), true, 'status prefilled: planned → implemented');
  await decided.locator('vscode-button[data-action="mitigate"]').click();
  await wv.locator('.tl-status', { hasText: `Recorded an implemented mitigation of ${rule} on web` }).waitFor({ timeout: TIMEOUT });
  await wv.locator('article.tl-finding.tl-status-mitigated', { hasText: rule }).first().waitFor({ timeout: TIMEOUT });
  await page.locator('.tabs-container .tab[aria-label*="wt-rag-support-bot.mmd"]').first().click();
  await page.keyboard.press('Control+S');
  const webLine = (t) => t.split('\n').find((l) => l.includes(`@mitigates web against ${rule}`)) ?? '';
  const changed = await waitForFile(page, rag, (t) => webLine(t).endsWith('(implemented)'), 'the changed annotation');
  assert.equal(changed.split('\n').filter((l) => l.includes('@mitigates web')).length, 1, 'the line was changed, not duplicated');
  assert.equal(webLine(changed), webLine(saved).replace('(planned)', '(implemented)'), 'the status changed in place');
  assert.equal(changed.replace(webLine(changed), ''), saved.replace(webLine(saved), ''), 'nothing else changed');
  // The panel follows typing in the editor, within a second, and stays on the step it shows.
  await goTo(page, 9, 32);
  await page.keyboard.type(' v2');
  const typed = Date.now();
  await wv.locator('#step-title', { hasText: 'Support chat widget v2 (web)' }).waitFor({ timeout: TIMEOUT });
  const followMs = Date.now() - typed;
  console.log(`[walkthrough.ui] the panel followed the edit ${followMs} ms after the last keystroke`);
  assert.ok(followMs < 1000, `the panel took ${followMs} ms to follow the edit`);
  await wv.locator('svg g.tl-node[data-key="0:web"]', { hasText: 'Support chat widget v2' }).waitFor({ timeout: TIMEOUT });
  await command(page, 'View: Close All Editors');

  // 5. The YAML example, step by step, in the dark theme; then the executive briefing. Each step is photographed
  //    (the panel alone) at its start, and again at its first finding when it has one.
  await page.setViewportSize({ width: 1500, height: 1300 });
  await openFile(page, 'wt-travel-agent.threatlens.yaml');
  wv = await openWalkthrough(page);
  const total = await wv.locator('.tl-step-select vscode-option').count();
  assert.equal(total, 9, 'scope + 7 components + summary');
  await onStep(wv, 1, total);
  for (let i = 1; i <= total; i++) {
    await onStep(wv, i, total);
    await wv.locator('#step-title').waitFor({ timeout: TIMEOUT });
    await stepShots('dark', i);
    await wv.locator('vscode-button[data-action="next"]').click();
  }
  await wv.locator('[data-testid="progress"]', { hasText: `${total} steps done` }).waitFor({ timeout: TIMEOUT });
  // Component steps come highest open score first.
  const stepNames = await wv.locator('.tl-step-select vscode-option').allInnerTexts();
  assert.match(stepNames[0], /Scope/);
  assert.match(stepNames[total - 1], /Summary/);
  await wv.locator('vscode-button[data-action="export-briefing"]').click();
  const briefing = page.locator('.editor-instance .view-lines', { hasText: 'Executive risk briefing: Travel booking assistant' }).first();
  await briefing.waitFor({ timeout: TIMEOUT });
  await page.locator('.tabs-container .tab[aria-label*="Untitled"]').first().waitFor({ timeout: TIMEOUT });
  await screenshot('walkthrough-dark-briefing.png');
  // One document (VS Code sometimes shows it in both editor groups; the tab label names the document).
  const briefingDocs = await page.locator('.tabs-container .tab').evaluateAll((ts) => [...new Set(ts.map((t) => (t.getAttribute('aria-label') ?? '').replace(/, Editor Group \d+$/, '')).filter((l) => l.includes('Executive risk briefing')))]);
  assert.equal(briefingDocs.length, 1, `one briefing: ${briefingDocs.join(' | ')}`);

  // 6. The same walkthrough in a light theme: the drawing is redrawn for it; every step again.
  await setTheme(page, workspace, 'Light Modern');
  wv = walkthrough(page);
  await wv.locator('.tl-diagrams[data-theme="light"] svg g.tl-node').first().waitFor({ timeout: TIMEOUT });
  await onStep(wv, total, total);
  for (let i = total; i > 1; i--) {
    await wv.locator('vscode-button[data-action="prev"]').click();
    await onStep(wv, i - 1, total);
  }
  for (let i = 1; i <= total; i++) {
    await onStep(wv, i, total);
    await stepShots('light', i);
    if (i < total) await wv.locator('vscode-button[data-action="next"]').click();
  }
  await wv.locator('vscode-button[data-action="export-report"]').click();
  await page.locator('.editor-instance .view-lines', { hasText: 'Threatlens threat model' }).first().waitFor({ timeout: TIMEOUT });
  await screenshot('walkthrough-light-report.png');
  // The printable briefing: the save dialog proposes a file next to the model; accepting it writes the page.
  await wv.locator('vscode-button[data-action="export-briefing-html"]').click();
  const dialog = page.locator('.quick-input-widget:visible');
  await dialog.waitFor({ timeout: TIMEOUT });
  // The simple dialog fills its path in after it opens.
  const proposed = /wt-travel-agent\.threatlens\.briefing\.html$/;
  for (const deadline = Date.now() + TIMEOUT; !proposed.test(await dialog.locator('input').inputValue());) {
    assert.ok(Date.now() < deadline, `the dialog proposes a file next to the model: ${await dialog.locator('input').inputValue()}`);
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Enter');
  const printable = await waitForFile(page, path.join(workspace, 'wt-travel-agent.threatlens.briefing.html'), (t) => t.includes('</html>'), 'the printable briefing');
  assert.match(printable, /<svg [^>]*class="diagram"/);
  await screenshot('walkthrough-light-briefing-saved.png');
  const print = await page.context().newPage();
  await print.goto(`file://${path.join(workspace, 'wt-travel-agent.threatlens.briefing.html')}`);
  await print.locator('svg.diagram g.node').first().waitFor({ timeout: TIMEOUT });
  await print.screenshot({ path: path.join(shots, 'briefing-printable.png'), fullPage: true });
  await print.close();

  // 7. Progress is kept: closing and reopening the panel resumes at the step where it stopped…
  await wv.locator('vscode-button[data-action="prev"]').click();
  await onStep(wv, total - 1, total);
  // Close the panel with its tab's close button.
  const panelTab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: wt-travel-agent' });
  await panelTab.hover();
  await panelTab.locator('.tab-actions .action-label').first().click();
  await page.locator('.tabs-container .tab', { hasText: 'Walkthrough: wt-travel-agent' }).waitFor({ state: 'detached', timeout: TIMEOUT });
  await page.locator('.tabs-container .tab[aria-label*="wt-travel-agent.threatlens.yaml"]').first().click();
  wv = await openWalkthrough(page);
  await onStep(wv, total - 1, total);
  await wv.locator('[data-testid="progress"]', { hasText: `${total} steps done` }).waitFor({ timeout: TIMEOUT });
  // …and reloading the window restores the panel (serializer + webview state) on the same step. The reload goes
  // through VS Code's own command, which saves the window's state first (a bare page reload may not).
  const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: TIMEOUT });
  await command(page, 'Developer: Reload Window');
  await reloaded;
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  wv = walkthrough(page);
  await wv.locator('svg g.tl-node').first().waitFor({ timeout: TIMEOUT });
  await onStep(wv, total - 1, total);
  await screenshot('walkthrough-light-restored.png');
  await setTheme(page, workspace, undefined);
}
