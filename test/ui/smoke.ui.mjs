// UI smoke test: the workbench opens on the test workspace with the extension loaded, and the Explorer shows it.
// Run by scripts/vscode/run-tests.mjs, which passes a blank chromium page and the workbench URL.
import assert from 'node:assert/strict';

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function smoke({ page, url, screenshot }) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  await page.waitForSelector('.part.statusbar', { timeout: 120_000 });

  // Open the Explorer through its activity bar entry (its label carries the keybinding, e.g. "Explorer (Ctrl+Shift+E)").
  const explorerTab = page.locator('.activitybar [aria-label^="Explorer"]').first();
  await explorerTab.waitFor({ timeout: 60_000 });
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await explorerTab.click();
  await explorer.waitFor({ timeout: 60_000 });

  // The workspace folder's contents are listed (examples/ is copied into the workspace by the runner).
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const title = await page.title();
  assert.match(title, /workspace/i, `unexpected window title: ${title}`);
  await screenshot('smoke-workbench.png');
}
