// Renders the marketplace icon media/icon.png (128×128) from the activity-bar glyph (media/threatlens.svg):
// the shield-and-lens drawn in white on a dark rounded square, rasterised by Debian's chromium through
// playwright-core. The PNG is committed; run this only when the design changes: node scripts/gen-icon.mjs
import { readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vscode/server.mjs';

const glyph = readFileSync('media/threatlens.svg', 'utf8')
  .replace(/<title>[^<]*<\/title>/, '')
  .replace('width="24" height="24"', 'width="84" height="84" x="22" y="20"')
  .replace(/currentColor/g, '#ffffff');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#24364a"/><stop offset="1" stop-color="#0f1a26"/></linearGradient></defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  ${glyph}
</svg>`;

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').first().screenshot({ path: 'media/icon.png', omitBackground: true });
} finally {
  await browser.close();
}
console.log('wrote media/icon.png');
