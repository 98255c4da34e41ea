// Hostile labels in the real browser: a diagram whose labels, boundary title, edge label, click directive and
// decision reason carry `<img onerror>`, `<script>` and `javascript:` links (fixtures/walkthrough-hostile.mmd).
// In the walkthrough they must read as text, and nothing may run: the flag the payloads would set stays unset,
// and no <img>, extra <script>, event-handler attribute or javascript: link exists in the webview.
import assert from 'node:assert/strict';
import { openFile, openWalkthrough, openWorkbench, TIMEOUT } from './support/workbench.mjs';

/** What the webview document contains that could run code. */
function dangerous() {
  const all = [...document.querySelectorAll('*')];
  return {
    pwned: /** @type {Record<string, unknown>} */ (window).__tlPwned ?? null,
    imgs: document.querySelectorAll('img, image').length,
    // VS Code injects `_vscodeApiScript` (acquireVsCodeApi) into every webview; every other script counts.
    scripts: [...document.querySelectorAll('script')].filter((s) => s.id !== '_vscodeApiScript').map((s) => ({ src: s.getAttribute('src') ?? '', nonce: s.nonce !== '', text: (s.textContent ?? '').slice(0, 120) })),
    handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    jsLinks: all.flatMap((el) => [...el.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.name}`)),
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  };
}

function assertSafe(found, where) {
  assert.equal(found.pwned, null, `${where}: a payload ran`);
  assert.equal(found.imgs, 0, `${where}: an image element was created`);
  assert.equal(found.scripts.length, 1, `${where}: only the walkthrough's own script: ${JSON.stringify(found.scripts)}`);
  assert.ok(found.scripts[0].src.endsWith('walkthrough.js') && found.scripts[0].nonce, `${where}: the script is ours, with the nonce`);
  assert.deepEqual(found.handlers, [], `${where}: event-handler attributes`);
  assert.deepEqual(found.jsLinks, [], `${where}: javascript: URLs`);
  assert.match(found.csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9]+'; style-src [^;]+ 'unsafe-inline'; img-src [^;]+ data:; font-src [^;]+$/);
  assert.ok(!/unsafe-eval/.test(found.csp) && !/script-src[^;]*unsafe-inline/.test(found.csp), `${where}: CSP ${found.csp}`);
}

/** @param {{ page: import('playwright-core').Page, url: string, screenshot: (name: string) => Promise<string> }} t */
export default async function hostileLabels({ page, url, screenshot }) {
  await openWorkbench(page, url);
  await openFile(page, 'walkthrough-hostile.mmd');
  const wv = await openWalkthrough(page);
  await wv.locator('svg g.tl-node').nth(3).waitFor({ timeout: TIMEOUT });
  const svg = wv.locator('.tl-svg-host svg');
  const drawn = (await svg.textContent()) ?? '';
  for (const text of [
    '<img src=x onerror=window.__tlPwned=1> GPT-4o',
    '<script>window.__tlPwned=2</script> agent',
    '[click me](javascript:window.__tlPwned=3) tool',
    '<img src=x onerror=window.__tlPwned=4> trusted zone',
    '<a href=javascript:window.__tlPwned=6>run</a>',
    'Chroma vector store',
  ]) assert.ok(drawn.includes(text), `the drawing shows ${JSON.stringify(text)} as text; it shows:\n${drawn}`);
  // The scope step lists the labels as text too.
  const scope = await wv.locator('.tl-step').innerText();
  assert.ok(scope.includes('<img src=x onerror=window.__tlPwned=1> GPT-4o'));
  assert.ok(scope.includes('<script>window.__tlPwned=2</script> agent'));
  assertSafe(await wv.locator('body').evaluate(dangerous), 'scope step');
  await screenshot('walkthrough-hostile-scope.png');

  // The component whose decision reason is hostile: its step shows the reason as text.
  await wv.locator('svg g.tl-node[data-key="0:a"]').click();
  await wv.locator('vscode-button[data-action="go-to-selected"]').click();
  await wv.locator('.tl-decisions', { hasText: '<img src=x onerror=window.__tlPwned=8> [why](javascript:window.__tlPwned=9)' }).first().waitFor({ timeout: TIMEOUT });
  assert.ok((await wv.locator('#step-title').innerText()).includes('<img src=x onerror=window.__tlPwned=1> GPT-4o'));
  // Interacting with the labels (clicking and pressing Enter on them) runs nothing either.
  await wv.locator('svg g.tl-node[data-key="0:c"]').click();
  await wv.locator('svg g.tl-node[data-key="0:c"]').press('Enter');
  assertSafe(await wv.locator('body').evaluate(dangerous), 'component step');
  assert.equal(await page.evaluate(() => /** @type {Record<string, unknown>} */ (window).__tlPwned ?? null), null, 'the workbench page');
  await screenshot('walkthrough-hostile-component.png');
}
