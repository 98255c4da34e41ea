// Helpers for the UI tests (test/ui/*.ui.mjs): workbench commands, files, and the
// walkthrough webview, which VS Code nests two iframes deep (iframe.webview > iframe#active-frame).
// Every wait is on something visible in the page; none sleeps.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const TIMEOUT = 60_000;

export async function openWorkbench(page, url) {
  await page.setViewportSize({ width: 1500, height: 1000 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  await page.waitForSelector('.part.statusbar', { timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT });
}

/**
 * Runs a command by its palette title and waits for the palette to close, or, for a command that
 * opens a quick pick of its own in the same widget, for `opens` (a locator in that pick).
 */
export async function command(page, title, opens) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  if (opens) await opens.waitFor({ timeout: TIMEOUT });
  else await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/**
 * Switches the colour theme through the workspace settings (VS Code applies them live), then waits for the
 * workbench to wear it. The theme picker would do the same, but its list reorders while it filters, which
 * makes picking a row by keyboard racy. `undefined` removes the setting again.
 */
export async function setTheme(page, workspace, name) {
  const dir = path.join(workspace, '.vscode');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify(name ? { 'workbench.colorTheme': name } : {}, null, 2));
  if (!name) return;
  const cls = /light/i.test(name) ? 'vs' : 'vs-dark';
  await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: TIMEOUT });
}

/** Copies a file into the workspace root under a new name, so tests never edit files other tests read. */
export async function copyIntoWorkspace(workspace, from, name) {
  const target = path.join(workspace, name);
  await copyFile(path.join(workspace, from), target);
  return target;
}

export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ timeout: TIMEOUT });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: TIMEOUT });
}

/** Moves the cursor through Quick Open's `:line:column` (the browser keeps Ctrl+G for itself). */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `${line}` }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/** The walkthrough webview on screen (the visible one, if several panels exist). */
export function walkthrough(page) {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/** Opens the walkthrough of the active editor's file and waits for its drawing. */
export async function openWalkthrough(page) {
  await command(page, 'Threatlens: Open STRIDE-for-AI walkthrough');
  const wv = walkthrough(page);
  await wv.locator('svg g.tl-node').first().waitFor({ timeout: TIMEOUT });
  return wv;
}

/** Waits until the header says we are on step `n` (1-based). */
export async function onStep(wv, n, total) {
  await wv.locator('[data-testid="progress"]', { hasText: `Step ${n} of ${total}` }).waitFor({ timeout: TIMEOUT });
}

/** Re-reads `file` until `pred` holds for its text (the editor saves asynchronously). */
export async function waitForFile(page, file, pred, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    // A file the extension is about to create does not exist yet: keep looking until the deadline.
    const text = await readFile(file, 'utf8').catch((e) => { if (e.code === 'ENOENT') return ''; throw e; });
    if (pred(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} in ${file}:\n${text}`);
    // Each look costs a round trip to the page, which paces the loop without a fixed sleep.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  }
}

/**
 * Expands a tree row and brings `child` (one of its children) into sight. The row is found again on each
 * pass and its expansion read from `aria-expanded`, because a view that refreshes while the test clicks can
 * move rows under the pointer; a click that landed on another row is simply tried again.
 */
export async function expandTreeRow(page, row, child) {
  await row.waitFor({ timeout: TIMEOUT });
  const deadline = Date.now() + TIMEOUT;
  while (!(await child.isVisible())) {
    if (Date.now() > deadline) throw new Error(`timed out expanding a tree row (aria-expanded=${await row.getAttribute('aria-expanded')})`);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: 5_000 }).catch(() => undefined);
    } else {
      // Expanded, but its children are below the fold of a short view: scroll the view under the row.
      await row.hover();
      await page.mouse.wheel(0, 200);
      await child.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
  }
}
