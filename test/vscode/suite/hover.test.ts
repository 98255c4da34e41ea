import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { visibleWords } from '../../../src/core/present/hoverScreen';
import { escapeMarkdown } from '../../../src/core/report/escape';
import { api, closeAllEditors, hasAny, hoverText, open, waitForDiagnostics, ws } from './helpers';

async function hoverAt(uri: vscode.Uri, needle: string, occurrence = 0, delta = 1): Promise<{ text: string; hovers: vscode.Hover[] }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = doc.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(at + delta));
  return { text: hoverText(hovers), hovers };
}

/** Runs the hover's "Full text" link and returns the Markdown it opens. */
async function fullText(hover: string): Promise<string> {
  const target = commandLinks(hover).find((l) => l.startsWith('command:threatlens.showFindingDetails?'));
  assert.ok(target, `no Full text link in:\n${hover}`);
  const args = JSON.parse(decodeURIComponent(target.slice(target.indexOf('?') + 1))) as unknown[];
  const before = new Set(vscode.workspace.textDocuments);
  await vscode.commands.executeCommand('threatlens.showFindingDetails', ...args);
  const doc = vscode.workspace.textDocuments.find((d) => !before.has(d) && d.isUntitled && d.languageId === 'markdown');
  assert.ok(doc, 'the full text opens as a Markdown document');
  return doc.getText();
}

/** Every `](command:…)` link target in the Markdown. */
function commandLinks(md: string): string[] {
  return [...md.matchAll(/\]\((command:[^)\s]+)/g)].map((m) => m[1]);
}

suite('hover cards', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);

  test('on a component id: kind and why, one line per threat with its commands, within 250 words; the full text holds the rest', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const t = await api();
    const { text, hovers } = await hoverAt(uri, 'llm[GPT-4o');
    const a = t.analysis(uri);
    assert.ok(a);
    const open_ = a.result.findings.filter((f) => f.componentId === 'llm' && f.status === 'open');
    assert.ok(open_.length > 0);
    assert.match(text, /Kind \*\*llm\*\*, inferred from label \\"GPT\\-4o\\"/);
    assert.ok(text.includes('[LLM01:2026 Prompt Injection]('), text);
    assert.ok(text.includes('mitigated') && text.includes('risk accepted'), 'decided findings and their status');
    assert.ok(visibleWords(text) <= 250, `${visibleWords(text)} words on the first screen`);
    const links = commandLinks(text);
    assert.ok(links.some((l) => l.startsWith('command:threatlens.insertMitigation?')));
    assert.ok(links.some((l) => l.startsWith('command:threatlens.acceptRisk?')));
    assert.ok(links.every((l) => l.startsWith('command:threatlens.')), links.join('\n'));
    const md = hovers[0].contents[0];
    if (md instanceof vscode.MarkdownString && typeof md.isTrusted === 'object') {
      assert.ok(md.isTrusted.enabledCommands.every((c) => c.startsWith('threatlens.')));
      assert.ok(md.isTrusted.enabledCommands.includes('threatlens.showFindingDetails'));
    }
    const full = await fullText(text);
    assert.ok(full.includes('[LLM01:2025 Prompt Injection](https://genai.owasp.org/llmrisk/llm01-prompt-injection/)'), 'the other edition in the full text');
    assert.match(full, /\[AML\.T\d{4}(?:\.\d{3})?\]\(https:\/\/atlas\.mitre\.org\/techniques\/AML\.T\d{4}/);
    assert.match(full, /STRIDE \[[STRIDE]\]\(https:\/\/learn\.microsoft\.com\/[^)]+\) /);
    const f = open_[0];
    assert.ok(full.includes(escapeMarkdown(f.plain)), 'plain-language explanation');
    assert.ok(full.includes(escapeMarkdown(f.security)), 'security explanation');
    assert.ok(full.includes(escapeMarkdown(f.mitigations[0].stub)), 'suggested mitigation');
  });

  test('on a label, the same card as on the id', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    const byLabel = await hoverAt(uri, 'GPT-4o via Azure');
    const byId = await hoverAt(uri, 'llm[GPT-4o');
    assert.equal(byLabel.text, byId.text);
  });

  test('on a threat id inside an annotation: what it resolved to and what it decides', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    const { text } = await hoverAt(uri, 'LLM01:2025 with', 0, 2);
    assert.match(text, /`LLM01:2025` in @mitigates `llm`/);
    assert.ok(text.includes('Resolves to:'));
    assert.ok(text.includes('[LLM01:2025 Prompt Injection](https://genai.owasp.org/llmrisk/llm01-prompt-injection/)'));
    assert.match(text, /Decides \d+ findings? on `llm`/);
    assert.match(text, /mitigated/);
    const accepted = await hoverAt(uri, 'LLM09:2025 because', 0, 2);
    assert.match(accepted.text, /LLM09:2025 Misinformation/);
    assert.match(accepted.text, /risk accepted/);
  });

  test('on an unknown threat id: the near matches', async () => {
    const uri = ws('fixtures/unknown-ids.mmd');
    await open(uri);
    const { text } = await hoverAt(uri, 'LLM1:2025', 0, 2);
    assert.match(text, /Not a known threat id/);
    assert.match(text, /Did you mean `LLM01:2025`/);
  });

  test('labels from the file render as text: no HTML, no foreign command links', async () => {
    const uri = ws('fixtures/hostile-labels.mmd');
    await open(uri);
    await waitForDiagnostics(uri, hasAny);
    for (const needle of ['evil[', 'link[', 'onerror', 'terminal.new) agent']) {
      const { text } = await hoverAt(uri, needle);
      assert.ok(text.length > 0, `a hover at ${needle}`);
      assert.ok(!text.includes('<img'), 'no raw HTML');
      assert.ok(!text.includes('<script'), 'no raw script tag');
      const links = commandLinks(text);
      assert.ok(links.every((l) => l.startsWith('command:threatlens.')), `foreign command link in:\n${text}`);
      assert.ok(!/\]\(command:workbench/.test(text));
    }
    const evil = await hoverAt(uri, 'evil[');
    const evilFull = await fullText(evil.text);
    assert.ok(!evilFull.includes('<img') && !evilFull.includes('<script'), 'no raw HTML in the full text');
    assert.ok(evilFull.includes('Decision: accepted (LLM09:2025, covers TL036): \\[run\\]\\(command:workbench\\.action\\.terminal\\.new\\) &lt;script&gt;alert\\(1\\)&lt;/script&gt;'), evilFull);
    const link = await hoverAt(uri, 'link[');
    assert.ok(link.text.includes('`link` \\[x\\]\\(command:workbench\\.action\\.terminal\\.new\\) agent'), link.text);
  });

  test('YAML: on a component key', async () => {
    const uri = ws('examples/travel-agent.threatlens.yaml');
    await open(uri);
    const { text } = await hoverAt(uri, '  gpt:', 0, 3);
    assert.match(text, /`gpt` GPT\\-4o \\\(OpenAI API\\\)/);
    assert.match(text, /Kind \*\*llm\*\*, declared with kind: llm\n/);
    assert.match(text, /\*\*\[LLM\d\d:2026 [^\]]+\]\([^)]+\)\*\* \(= LLM\d\d:2025\)/, 'the other edition\'s id beside the headline id');
  });
});
