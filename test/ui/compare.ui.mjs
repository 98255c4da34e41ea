// "Compare Threats with Branch…" as a user runs it: the command palette, the quick pick of the
// repository's branches, then the comparison as a tree on top of the Threats view. The workspace is made
// a git repository for this test (and stops being one at the end) with a commit on `main`, a second
// branch, and a working-tree change that adds a component.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { command, expandTreeRow, openFile, openWorkbench, TIMEOUT } from './support/workbench.mjs';

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function compareUi({ page, url, workspace, screenshot }) {
  const git = (...args) => execFileSync('git', ['-c', 'user.name=Threatlens test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'threat model as reviewed');
  git('branch', 'release/1.0');
  // A new model API behind the chat widget, in the working tree only.
  await appendFile(path.join(workspace, 'examples', 'rag-support-bot.mmd'), '    web --> helper[Claude via the Anthropic API]\n');
  try {
    await openWorkbench(page, url);
    await openFile(page, 'rag-support-bot.mmd');
    // The palette and the branch pick share one widget, which may never be hidden in between.
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await command(page, 'Threatlens: Compare Threats with Branch', rows.filter({ hasText: 'release/1.0' }).first());
    // Each row: the branch name, "branch", and the subject of its last commit.
    const names = (await rows.allInnerTexts()).map((t) => t.split('\n')[0].replace(/branch$/, '').trim());
    assert.ok((await rows.first().innerText()).includes('threat model as reviewed'), 'the last commit subject is shown');
    assert.deepEqual([...names].sort(), ['main', 'release/1.0'], `branches offered: ${names.join(', ')}`);
    await screenshot('compare-quick-pick.png');
    await page.locator('.quick-input-widget input').fill('main');
    await rows.filter({ hasText: /^main/ }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');

    // The Threats view shows what changed since main, with the new component's findings.
    const tree = page.locator('.pane-body .monaco-list-row');
    await tree.filter({ hasText: 'Changes since main' }).first().waitFor({ timeout: TIMEOUT });
    await tree.filter({ hasText: 'New findings' }).first().waitFor({ timeout: TIMEOUT });
    const header = await tree.filter({ hasText: 'Changes since main' }).first().innerText();
    assert.match(header, /[1-9]\d* new · \d+ resolved · \d+ changed/, header);
    await expandTreeRow(page, tree.filter({ hasText: 'Architecture changes' }).first(), tree.filter({ hasText: 'Added helper' }).first());
    await screenshot('compare-threats-view.png');
    await command(page, 'Threatlens: Close Threat Comparison');
    await tree.filter({ hasText: 'Changes since main' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
  } finally {
    git('checkout', '-q', '--', '.');
    await rm(path.join(workspace, '.git'), { recursive: true, force: true });
  }
}
