// A diagram Mermaid refuses to draw (more edges than the panel's Mermaid allows, as a very large
// generated diagram has) must not leave a blank panel: the error shows, with the findings as a list,
// and the walkthrough steps still work.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { command, openFile, openWorkbench, TIMEOUT, walkthrough } from './support/workbench.mjs';

/** @param {{ page: import('playwright-core').Page, url: string, workspace: string, screenshot: (name: string) => Promise<string> }} t */
export default async function renderError({ page, url, workspace, screenshot }) {
  const lines = ['flowchart LR', '    user([Customer]) -->|question| bot[Support chatbot on GPT-4o]', '    bot --> kb[(Pinecone vector store)]'];
  // 5,001 edges: one more than the walkthrough lets Mermaid draw (maxEdges).
  for (let i = 0; i < 4999; i++) lines.push('    user --> bot');
  await writeFile(path.join(workspace, 'too-many-edges.mmd'), `${lines.join('\n')}\n`);

  await openWorkbench(page, url);
  await openFile(page, 'too-many-edges.mmd');
  await command(page, 'Threatlens: Open STRIDE-for-AI walkthrough');
  const wv = walkthrough(page);
  const error = wv.locator('.tl-render-error[role="alert"]');
  await error.waitFor({ timeout: TIMEOUT });
  const text = await error.innerText();
  assert.match(text, /Mermaid could not draw this diagram/);
  assert.match(text, /[Ee]dge limit/, `Mermaid's own reason is shown: ${text}`);
  // The findings stand in for the drawing: the chatbot's, with score, status and OWASP id.
  assert.match(text, /Support chatbot on GPT-4o/);
  assert.match(text, /\d+\.\d (low|medium|high|critical) · open · LLM\d\d:\d{4}: /);
  assert.equal(await wv.locator('.tl-svg-host svg').count(), 0);
  await screenshot('walkthrough-render-error.png');

  // The workshop goes on without the drawing.
  await wv.locator('vscode-button[data-action="next"]').click();
  await wv.locator('article.tl-finding').first().waitFor({ timeout: TIMEOUT });
  assert.match(await wv.locator('#step-title').innerText(), /\((bot|kb|user)\)/);
  await command(page, 'View: Close All Editors');
}
