import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ThreatNode } from '../../../src/extension/threatsView';
import { api, closeAllEditors, codeOf, hasAny, open, read, waitFor, waitForDiagnostics, ws } from './helpers';

async function tree(): Promise<{ node: ThreatNode; item: vscode.TreeItem; depth: number }[]> {
  const t = await api();
  const out: { node: ThreatNode; item: vscode.TreeItem; depth: number }[] = [];
  const walk = (nodes: ThreatNode[], depth: number) => {
    for (const node of nodes) {
      out.push({ node, item: t.threats.getTreeItem(node), depth });
      walk(t.threats.getChildren(node), depth + 1);
    }
  };
  walk(t.threats.getChildren(), 0);
  return out;
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

suite('Threats view, status bar, CodeLens and commands', () => {
  suiteSetup(async () => {
    const t = await api();
    const summary = await t.scan();
    assert.ok(summary.analysed >= 5, `scanned ${summary.analysed} of ${summary.files}`);
  });
  teardown(async () => {
    await vscode.commands.executeCommand('threatlens.clearFilters');
    await closeAllEditors();
  });

  test('tree: workspace → file → component → finding, with counts, icons and a click that reveals the line', async () => {
    const nodes = await tree();
    const roots = nodes.filter((n) => n.depth === 0);
    const folder = roots.filter((n) => label(n.item) === vscode.workspace.workspaceFolders?.[0].name);
    assert.equal(folder.length, 1, 'the workspace folder');
    assert.ok(roots.every((n) => n === folder[0] || label(n.item) === 'Files outside the workspace'));
    assert.match(String(folder[0].item.description), /^\d+ (critical|high|medium|low).* in \d+ files$/);
    const files = nodes.filter((n) => n.node.type === 'file').map((n) => label(n.item));
    for (const f of ['rag-support-bot.mmd', 'multi-agent-mcp.md', 'travel-agent.threatlens.yaml', 'sql-code-agent.mmd']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    const rag = nodes.find((n) => n.node.type === 'file' && label(n.item) === 'rag-support-bot.mmd');
    assert.match(String(rag?.item.description), /^(\d+ (critical|high|medium|low))( · \d+ (critical|high|medium|low))*$/);
    const llm = nodes.find((n) => n.node.type === 'component' && label(n.item) === 'llm' && n.node.analysis.uri.path.endsWith('rag-support-bot.mmd'));
    assert.ok(llm);
    assert.match(String(llm.item.description), /^llm · /);
    assert.equal((llm.item.iconPath as vscode.ThemeIcon).id, 'sparkle');
    const findings = nodes.filter((n) => n.node.type === 'finding' && n.node.analysis.uri.path.endsWith('rag-support-bot.mmd') && n.node.finding.componentId === 'llm');
    assert.ok(findings.length >= 3);
    const mitigated = findings.find((n) => n.node.type === 'finding' && n.node.finding.status === 'mitigated');
    assert.equal((mitigated?.item.iconPath as vscode.ThemeIcon).id, 'pass');
    const openOne = findings.find((n) => n.node.type === 'finding' && n.node.finding.status === 'open');
    assert.ok(openOne && ['error', 'warning', 'info', 'flame'].includes((openOne.item.iconPath as vscode.ThemeIcon).id));
    assert.equal(label(openOne.item), `${openOne.node.type === 'finding' ? `${openOne.node.finding.owasp[0]} ${openOne.node.finding.title}` : ''}`);
    assert.match(String(openOne.item.description), /^\d\.\d (low|medium|high|critical) · open$/);
    const cmd = openOne.item.command;
    assert.equal(cmd?.command, 'vscode.open');
    const [uri, options] = cmd.arguments as [vscode.Uri, { selection: vscode.Range }];
    await vscode.commands.executeCommand(cmd.command, uri, options);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor.document.getText(options.selection), 'llm');
    assert.ok(editor.selection.isEqual(options.selection));
  });

  test('filters by severity, status and OWASP id', async () => {
    const findings = async () => (await tree()).flatMap((n) => (n.node.type === 'finding' ? [n.node.finding] : []));
    const all = await findings();
    await vscode.commands.executeCommand('threatlens.filterBySeverity', ['high', 'critical']);
    const severe = await findings();
    assert.ok(severe.length > 0 && severe.length < all.length);
    assert.ok(severe.every((f) => f.severity === 'high' || f.severity === 'critical'));
    await vscode.commands.executeCommand('threatlens.clearFilters');
    await vscode.commands.executeCommand('threatlens.filterByStatus', ['mitigated', 'accepted']);
    const decided = await findings();
    assert.ok(decided.length > 0 && decided.every((f) => f.status === 'mitigated' || f.status === 'accepted'));
    await vscode.commands.executeCommand('threatlens.clearFilters');
    await vscode.commands.executeCommand('threatlens.filterByOwasp', 'LLM05');
    const llm05 = await findings();
    assert.ok(llm05.length > 0 && llm05.every((f) => f.owasp.includes('LLM05:2025')));
    await vscode.commands.executeCommand('threatlens.clearFilters');
    assert.equal((await findings()).length, all.length);
  });

  test('the tree refreshes when a file changes', async () => {
    const t = await api();
    const uri = ws('scratch/view-refresh.mmd');
    const changed = waitFor(t.threats.onDidChangeTreeData, () => (t.threats.getChildren()).some((r) => r.type === 'folder' && r.files.some((f) => f.analysis.uri.toString() === uri.toString())), 'the new file in the tree');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  u[Customer] --> m[GPT-4o]\n'));
    await open(uri);
    await changed;
  });

  test('status bar: open findings by severity of the active file; a click shows that file in the Threats view', async () => {
    const t = await api();
    const uri = ws('examples/sql-code-agent.mmd');
    await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const a = t.analysis(uri);
    const high = a?.result.findings.filter((f) => f.status === 'open' && f.severity === 'high').length ?? 0;
    assert.ok(high > 0);
    assert.match(t.statusBar.text, new RegExp(`^\\$\\(shield\\) (\\d+ critical · )?${high} high`));
    const click = t.statusBar.command;
    assert.ok(click && typeof click !== 'string' && click.command === 'threatlens.focusView');
    const isFile = (n: ThreatNode | undefined) => n?.type === 'file' && n.entry.analysis.uri.toString() === uri.toString();
    const revealed = waitFor(t.threatsView.onDidChangeSelection, (e) => e.selection.length === 1 && isFile(e.selection[0]), 'the file, alone, selected in the Threats view');
    await vscode.commands.executeCommand(click.command, ...((click.arguments ?? []) as unknown[]));
    await revealed;
    assert.ok(t.threatsView.visible, 'the view is shown');
  });

  test('CodeLens above each diagram with its open findings', async () => {
    const t = await api();
    const md = ws('examples/multi-agent-mcp.md');
    // Each diagram also has an "Open walkthrough" lens (src/extension/walkthrough); these are the summaries.
    const summaries = (ls: vscode.CodeLens[]) => ls.filter((l) => l.command?.command === 'threatlens.focusView');
    const lenses = summaries(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', md));
    assert.equal(lenses.length, 2, 'one per diagram');
    const doc = await vscode.workspace.openTextDocument(md);
    for (const l of lenses) {
      // Each lens counts its own diagram and names the file's total, which the status bar shows.
      assert.match(l.command?.title ?? '', /^Threatlens · diagram [12] of 2: (\d+ (critical|high|medium|low)|no findings|\d+ decided).* \(file: \d+ (critical|high)/);
      assert.deepEqual(l.command?.arguments, [md.toString()]);
      assert.match(doc.lineAt(l.range.start.line).text, /^```mermaid$/);
    }
    const rag = ws('examples/rag-support-bot.mmd');
    const [lens] = summaries(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rag));
    const a = t.analysis(rag);
    const open_ = a?.result.findings.filter((f) => f.status === 'open') ?? [];
    const medium = open_.filter((f) => f.severity === 'medium').length;
    assert.ok(lens.command?.title.includes(`${medium} medium`), lens.command?.title);
    assert.equal(lens.command?.command, 'threatlens.focusView');
  });

  test('export report: JSON, SARIF and Markdown through the core writers', async () => {
    const jsonUri = await vscode.commands.executeCommand<vscode.Uri>('threatlens.exportReport', { format: 'json', destination: 'untitled' });
    const json = JSON.parse((await vscode.workspace.openTextDocument(jsonUri)).getText()) as { version: string; files: { path: string }[]; summary: Record<string, number> };
    assert.equal(json.version, '1.0');
    assert.ok(json.files.some((f) => f.path === 'examples/rag-support-bot.mmd'), json.files.map((f) => f.path).join(', '));
    assert.ok(json.summary.findings > 0);
    const target = ws('scratch/report.sarif');
    await vscode.commands.executeCommand('threatlens.exportReport', { format: 'sarif', destination: 'file', uri: target.toString() });
    const sarif = JSON.parse(await read(target)) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    const mdUri = await vscode.commands.executeCommand<vscode.Uri>('threatlens.exportReport', { format: 'markdown', destination: 'untitled' });
    const md = (await vscode.workspace.openTextDocument(mdUri)).getText();
    assert.match(md, /^# Threatlens threat model report\n/);
    assert.match(md, /## Prioritized findings/);
  });

  test('save the printable briefing (HTML) of a file: the page the CLI writes, with its diagram in risk colours', async () => {
    const source = ws('examples/rag-support-bot.mmd');
    const target = ws('scratch/rag.briefing.html');
    const written = await vscode.commands.executeCommand<vscode.Uri>('threatlens.saveBriefingHtml', { uri: source.toString(), target: target.toString() });
    assert.equal(written?.toString(), target.toString());
    const html = await read(target);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[A-Za-z0-9_-]+'; img-src data:">/);
    assert.ok(!/<script/i.test(html));
    assert.match(html, /<h1>Executive risk briefing: Customer support RAG bot<\/h1>/);
    assert.match(html, /<svg [^>]*class="diagram"/);
    assert.match(html, /Business impact \(/);
  });

  test('copy a finding as a review comment', async () => {
    const t = await api();
    const uri = ws('examples/rag-support-bot.mmd');
    const f = t.analysis(uri)?.result.findings.find((x) => x.status === 'open' && x.componentId === 'kb');
    assert.ok(f);
    const text = await vscode.commands.executeCommand<string>('threatlens.copyReviewComment', { uri: uri.toString(), ruleId: f.ruleId, anchor: f.span.start });
    assert.match(text, /^\*\*Threatlens: \[(LLM|ASI)\d\d:\d{4} [^\]]+\]\(https:\/\/(genai\.owasp\.org|github\.com\/GenAI-Security-Project)\/[^)]+\)\*\* · \d\.\d \w+ · open\n/);
    assert.match(text, /on `kb` \(`TL\d{3}`\), `examples\/rag-support-bot\.mmd` line \d+\./);
    // The suggested line names the rule, so pasting it decides this finding only.
    assert.ok(text.includes(`\`\`\`mermaid\n%% @mitigates kb against ${f.ruleId} with "`), text);
    assert.equal(await vscode.env.clipboard.readText(), text);
    const node = (await tree()).find((n) => n.node.type === 'finding' && n.node.finding.ruleId === f.ruleId && n.node.finding.componentId === 'kb');
    assert.equal(await vscode.commands.executeCommand<string>('threatlens.copyReviewComment', node?.node), text, 'same text from the Threats view item');
  });

  test('open example (the walkthrough step) gives an analysed untitled diagram', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('threatlens.openExample');
    assert.equal(uri.scheme, 'untitled');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'mermaid');
    await waitForDiagnostics(uri, (d) => d.some((x) => x.message.includes('on "llm"')));
  });

  test('scan workspace command returns a summary', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; analysed: number; findings: number; cancelled: boolean }>('threatlens.scanWorkspace');
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files >= summary.analysed && summary.analysed >= 5);
    assert.ok(summary.findings > 20);
  });

  test('workspace rules from .threatlens/rules are loaded; a bad rule file is reported', async () => {
    const t = await api();
    const rule = [
      'rules:',
      '  - id: ACME001',
      '    title: Support bots must log to the SIEM',
      '    owasp: [LLM10:2025]',
      '    stride: [R]',
      '    likelihood: 4',
      '    impact: 4',
      '    match:',
      '      component: { kind: [llm] }',
      '    mitigations: [prompt-response-logging]',
      '    plain: Every model call must be visible to the security team.',
      '    security: Forward prompt and response logs to the SIEM with the caller identity.',
      '',
    ].join('\n');
    const ruleUri = ws('.threatlens/rules/acme.yaml');
    const uri = ws('examples/fine-tuning-pipeline.mmd');
    await open(uri);
    await vscode.workspace.fs.writeFile(ruleUri, new TextEncoder().encode(rule));
    await t.reloadRules();
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'ACME001' && x.message.includes('Support bots must log to the SIEM on "serve"')), 'the workspace rule fires');
    assert.ok(diags.length > 0);
    const bad = ws('.threatlens/rules/broken.yaml');
    await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode('rules:\n  - id: ACME002\n    likelihood: nine\n'));
    await t.reloadRules();
    const problems = vscode.languages.getDiagnostics(bad);
    assert.ok(problems.length > 0 && problems.every((p) => p.source === 'Threatlens'), 'the broken rule file has diagnostics');
    await vscode.workspace.fs.delete(ruleUri);
    await vscode.workspace.fs.delete(bad);
    await t.reloadRules();
    await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'ACME001'), 'the rule is gone');
    // The same rule from a folder named in threatlens.extraRuleFolders.
    await vscode.workspace.fs.writeFile(ws('scratch/more-rules/acme.yaml'), new TextEncoder().encode(rule));
    const config = vscode.workspace.getConfiguration('threatlens');
    try {
      await config.update('extraRuleFolders', ['scratch/more-rules'], vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'ACME001'), 'the rule from the extra folder fires');
    } finally {
      await config.update('extraRuleFolders', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'ACME001'), 'gone with the setting');
  });
});
