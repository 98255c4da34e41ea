import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../../src/core/analysis/finding';
import { topPerLine } from '../../../src/core/present/perLine';
import {
  api, closeAllEditors, codeOf, describe as show, findingDiagnostic, hasAny, open, read, scratchCopy, scratchFile, threatDiagnostics, waitForDiagnostics, withSettings, ws,
} from './helpers';

const S = vscode.DiagnosticSeverity;
/** One OWASP edition in the headline; the lenses, when any, beside the score. */
const MESSAGE = /^(?:(?:LLM|ASI)\d{2}:\d{4}|[A-Za-z][\w.-]+) [^:(]+: .+ on "[^"]+"(?:, which [^([]+)?(?: \(also [^)]+\))? \[\d+\.\d (?:low|medium|high|critical)(?:; lens(?:es)? [^\]]+)?\]/;
/** Every finding on the line: the default of `threatlens.diagnostics.maxPerLine` shows 2. */
const ALL = { 'diagnostics.maxPerLine': 0 };

function expectedSeverity(f: Finding): vscode.DiagnosticSeverity {
  if (f.status === 'open') return f.severity === 'medium' ? S.Warning : f.severity === 'low' ? S.Information : S.Error;
  return f.status === 'planned' ? S.Information : S.Hint;
}

/**
 * Every finding the line has room for (`maxPerLine`, 0 = all) has exactly one diagnostic, on its
 * component id, with the right severity; the others have none.
 */
async function checkFindings(uri: vscode.Uri, maxPerLine = 2): Promise<vscode.Diagnostic[]> {
  const t = await api();
  const a = t.analysis(uri);
  assert.ok(a, `no analysis for ${uri.path}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  const { shown } = topPerLine(a.result.findings, (f) => doc.positionAt(f.span.start).line, maxPerLine);
  const diags = await waitForDiagnostics(uri, (d) => d.length === shown.length + a.result.problems.length, `one diagnostic per finding shown (${shown.length}) and problem`);
  for (const f of a.result.findings) {
    const matching = diags.filter((d) => codeOf(d) === f.ruleId && doc.offsetAt(d.range.start) === f.span.start);
    if (!shown.includes(f)) {
      assert.equal(matching.length, 0, `${f.ruleId} on ${f.componentId} has no room on its line`);
      continue;
    }
    assert.equal(matching.length, 1, `${f.ruleId} on ${f.componentId}: ${matching.length} diagnostics`);
    const d = matching[0];
    assert.equal(doc.getText(d.range), f.componentId, 'the range is the component id, not the whole line');
    assert.equal(d.source, 'Threatlens');
    assert.match(d.message, MESSAGE);
    assert.equal(d.severity, expectedSeverity(f), `${show(d)} (${f.status} ${f.severity})`);
    assert.equal(d.relatedInformation?.length ?? 0, f.evidence.length > 1 ? f.evidence.length : 0, 'one related location per evidence hop of a path');
    d.relatedInformation?.forEach((r, i) => {
      assert.equal(r.location.uri.toString(), uri.toString());
      assert.equal(doc.getText(r.location.range), f.evidence[i].componentId);
    });
  }
  return diags;
}

suite('diagnostics', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);

  test('.mmd (every finding shown): one diagnostic per finding on the component id, severity by status, evidence hops', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    await withSettings(ALL, () => checkAllOfRag(uri));
  });

  test('.mmd by default: at most 2 findings a line, the riskiest, the last saying how many more', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    const diags = await checkFindings(uri);
    const perLine = new Map<number, vscode.Diagnostic[]>();
    for (const d of diags) perLine.set(d.range.start.line, [...(perLine.get(d.range.start.line) ?? []), d]);
    assert.ok(Math.max(...[...perLine.values()].map((l) => l.length)) <= 2);
    const llm = diags.filter((d) => d.message.includes('on "llm"'));
    assert.equal(llm.length, 2, 'llm has 8 findings on its line');
    assert.ok(llm.every((d) => d.severity !== S.Hint), 'open findings before decided ones');
    assert.equal(llm.filter((d) => /\(\+6 more on this line: see the hover or the Threats view\)$/.test(d.message)).length, 1, 'one of them counts the rest');
  });

  async function checkAllOfRag(uri: vscode.Uri): Promise<void> {
    const diags = await checkFindings(uri, 0);
    const mitigated = findingDiagnostic(diags, 'TL001', 'llm');
    assert.ok(mitigated, 'TL001 on llm');
    assert.equal(mitigated.severity, S.Hint, 'mitigated → Hint');
    assert.match(mitigated.message, /^LLM01:2026 Prompt Injection: .+ on "llm" \[\d\.\d \w+[^\]]*\] \(mitigated( by a decision that also covers [A-Z0-9, ]+)?\)$/);
    const accepted = diags.find((d) => d.message.startsWith('LLM07:2026 Misinformation:') && d.message.includes('on "llm"'));
    assert.equal(accepted?.severity, S.Hint, 'accepted → Hint');
    const t = await api();
    const openBands = new Set(t.analysis(uri)?.result.findings.filter((f) => f.status === 'open').map((f) => f.severity));
    assert.equal(diags.some((d) => d.severity === S.Error), openBands.has('high') || openBands.has('critical'), 'high findings are errors');
    assert.ok(openBands.has('medium') && diags.some((d) => d.severity === S.Warning), 'medium findings are warnings');
    const multiHop = diags.find((d) => (d.relatedInformation?.length ?? 0) > 1);
    assert.ok(multiHop, 'some finding has an evidence path');
    assert.match(multiHop.relatedInformation?.[0].message ?? '', /^step 1 of \d+: \w+/);
  }

  test('code carries the rule id and a link to the OWASP page', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    // TL001 is mitigated there, so it ranks below the line's open findings: show them all.
    const diags = await withSettings(ALL, () => waitForDiagnostics(uri, (ds) => Boolean(findingDiagnostic(ds, 'TL001', 'llm'))));
    const d = findingDiagnostic(diags, 'TL001', 'llm');
    assert.ok(d && typeof d.code === 'object');
    assert.equal(d.code.value, 'TL001');
    assert.equal(d.code.target.toString(), 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/');
  });

  test('Markdown: findings inside ```mermaid fences, each on its own diagram', async () => {
    const uri = ws('examples/multi-agent-mcp.md');
    await open(uri);
    const diags = await checkFindings(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const fenceLines = doc.getText().split('\n').map((l, i) => (l.startsWith('```') ? i : -1)).filter((i) => i >= 0);
    assert.equal(fenceLines.length, 4);
    const insideFence = (line: number) => (line > fenceLines[0] && line < fenceLines[1]) || (line > fenceLines[2] && line < fenceLines[3]);
    for (const d of diags) assert.ok(insideFence(d.range.start.line), `outside a fence: ${show(d)}`);
    const planner = diags.filter((d) => d.message.includes('on "planner"'));
    assert.ok(planner.some((d) => d.range.start.line < fenceLines[1]) && planner.some((d) => d.range.start.line > fenceLines[2]), 'planner has findings in both diagrams');
  });

  test('Markdown: an indented fence in a list item, and other diagram types ignored', async () => {
    const uri = ws('fixtures/notes.md');
    await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const doc = await vscode.workspace.openTextDocument(uri);
    const bot = diags.filter((d) => doc.getText(d.range) === 'bot');
    assert.ok(bot.length > 0, 'the chatbot in the list item has findings');
    const line = doc.lineAt(bot[0].range.start.line).text;
    assert.equal(bot[0].range.start.character, line.indexOf('bot['), 'columns count the list indentation');
    assert.ok(line.startsWith('      '), 'the fence is indented');
    assert.ok(diags.every((d) => !d.message.includes('sequence')), 'no complaint about the sequence diagram');
  });

  test('YAML: findings on the component keys; a declared mitigation shows as a hint', async () => {
    const uri = ws('examples/travel-agent.threatlens.yaml');
    await open(uri);
    const diags = await withSettings(ALL, () => checkFindings(uri, 0));
    const doc = await vscode.workspace.openTextDocument(uri);
    const assistant = diags.filter((d) => doc.getText(d.range) === 'assistant');
    assert.ok(assistant.length > 0);
    assert.ok(assistant.some((d) => d.message.startsWith('LLM03:2026 Excessive Agency:') && d.severity === S.Hint), assistant.map(show).join('\n'));
  });

  test('parse and annotation problems are diagnostics with their own codes', async () => {
    const uri = ws('fixtures/unknown-ids.mmd');
    await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'annotation/unknown-threat'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const node = diags.find((d) => codeOf(d) === 'annotation/unknown-node');
    assert.ok(node);
    assert.equal(doc.getText(node.range), 'lm');
    assert.equal(node.severity, S.Error);
    const threat = diags.find((d) => codeOf(d) === 'annotation/unknown-threat');
    assert.equal(threat && doc.getText(threat.range), 'LLM1:2025');
  });

  test('settings: severity per band and decided findings hidden', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    // The decided findings share the line of llm's open ones: every finding shown, to see them.
    // A "not recognised" hint is about coverage, not a decided finding: the setting leaves it.
    const decidedHint = (x: vscode.Diagnostic) => x.severity === S.Hint && x.code !== 'component/unrecognised';
    await withSettings(ALL, async () => {
      await waitForDiagnostics(uri, (d) => d.some(decidedHint));
      await withSettings({ decidedFindings: 'hidden', 'severity.medium': 'information' }, async () => {
        const diags = await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some(decidedHint) && !d.some((x) => x.severity === S.Warning), 'no hints and no warnings');
        assert.ok(diags.some((x) => x.severity === S.Information && /\[\d\.\d medium[\];]/.test(x.message)));
      });
      await waitForDiagnostics(uri, (d) => d.some(decidedHint), 'hints back');
    });
  });

  test('settings: a disabled catalog switches off the rules that cite only it', async () => {
    const t = await api();
    const uri = ws('examples/multi-agent-mcp.md');
    await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const agenticOnly = (fs: Finding[]) => fs.filter((f) => f.owasp.every((o) => o.startsWith('ASI')));
    const before = t.analysis(uri)?.result.findings ?? [];
    assert.ok(agenticOnly(before).length > 0);
    const config = vscode.workspace.getConfiguration('threatlens');
    try {
      await config.update('catalogs', ['owasp-llm-2025'], vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, () => {
        const now = t.analysis(uri)?.result.findings ?? [];
        return now.length > 0 && agenticOnly(now).length === 0;
      }, 'no agentic-only findings');
      const now = t.analysis(uri)?.result.findings ?? [];
      const mixed = new Set(before.filter((f) => f.owasp.some((o) => o.startsWith('ASI')) && f.owasp.some((o) => o.startsWith('LLM'))).map((f) => f.ruleId));
      assert.ok(now.some((f) => mixed.has(f.ruleId)), 'rules citing both lists still run');
      assert.ok(now.every((f) => f.owasp.every((o) => !o.startsWith('ASI'))), "the disabled list's ids are not shown");
    } finally {
      await config.update('catalogs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, () => agenticOnly(t.analysis(uri)?.result.findings ?? []).length > 0, 'agentic rules back');
  });

  test('updates after an edit, and on delete the diagnostics go away', async () => {
    const uri = await scratchCopy('examples/sql-code-agent.mmd');
    const editor = await open(uri);
    const before = await waitForDiagnostics(uri, hasAny);
    const agentHigh = before.filter((d) => d.message.includes('on "agent"') && d.severity === S.Error);
    assert.ok(agentHigh.length > 0);
    // Declare the agent a plain service: its agent findings disappear.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, end, '\n    %% @component agent kind=service\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => x.message.includes('on "agent"') && x.message.startsWith('ASI01')), 'agent findings gone after the edit');
    await vscode.workspace.fs.delete(uri);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'diagnostics cleared on delete');
  });

  test('an untitled Mermaid document is analysed too', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'mermaid', content: 'flowchart LR\n  u[Customer] --> m[GPT-4o]\n' });
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, hasAny);
    assert.ok(diags.some((d) => d.message.startsWith('LLM01:2026 Prompt Injection:') && d.message.includes('on "m"')));
  });

  test('a file outside the workspace: diagnostics while open, cleared on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threatlens-outside-'));
    const file = path.join(dir, 'outside.mmd');
    fs.writeFileSync(file, 'flowchart LR\n  u[Customer] --> m[GPT-4o]\n');
    const uri = vscode.Uri.file(file);
    await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const cleared = waitForDiagnostics(uri, (d) => d.length === 0, 'diagnostics cleared on close', 60_000);
    await closeAllEditors();
    // Closing the editor lets VS Code dispose of the document, which fires onDidCloseTextDocument.
    await cleared;
  });

  test('a workspace file that is not a Threatlens input gets nothing', async () => {
    const uri = await scratchFile('compose.yaml', 'services:\n  web:\n    image: nginx\n');
    await open(uri);
    const t = await api();
    assert.equal(t.analysis(uri), undefined);
    assert.deepEqual(threatDiagnostics(uri), []);
    assert.match(await read(uri), /nginx/);
  });
});
