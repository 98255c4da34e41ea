import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api, closeAllEditors, codeOf, findingDiagnostic, hasAny, open, scratchCopy, scratchFile, waitFor, waitForDiagnostics,
} from './helpers';

const S = vscode.DiagnosticSeverity;
const OPEN = 'threatlens.openWalkthrough';
const DECIDE = 'threatlens.walkthrough.decide';
const VIEW_TYPE = 'threatlensWalkthrough';

interface Outcome { ok: boolean; message: string }

function walkthroughTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

/** Resolves once a walkthrough tab is open (now or on the next tab change). */
async function walkthroughTab(): Promise<vscode.Tab> {
  const now = walkthroughTabs()[0];
  if (now) return now;
  await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => walkthroughTabs().length > 0, 'the walkthrough tab');
  return walkthroughTabs()[0];
}

suite('walkthrough', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);

  test('the command opens one panel per document, beside the editor', async () => {
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const editor = await open(uri);
    await waitForDiagnostics(uri, hasAny);
    assert.equal(await vscode.commands.executeCommand(OPEN), true);
    const tab = await walkthroughTab();
    assert.equal(tab.label, 'Walkthrough: ' + uri.path.split('/').pop());
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    // Asking again (from the editor title, with the file's Uri) reveals the same panel.
    assert.equal(await vscode.commands.executeCommand(OPEN, uri), true);
    assert.equal(walkthroughTabs().length, 1, 'one panel per document');
    // A second document gets its own panel (from a CodeLens or hover: `{ uri, componentId }`).
    const other = await scratchCopy('examples/sql-code-agent.mmd');
    await open(other);
    assert.equal(await vscode.commands.executeCommand(OPEN, { uri: other.toString(), componentId: 'agent' }), true);
    await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => walkthroughTabs().length === 2, 'a second walkthrough tab');
  });

  test('the CodeLens of each diagram and the component hover link to it', async () => {
    const md = await scratchCopy('examples/multi-agent-mcp.md');
    await open(md);
    await waitForDiagnostics(md, hasAny);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', md, 100);
    const walk = lenses.filter((l) => l.command?.command === OPEN);
    assert.equal(walk.length, 2, 'one per diagram');
    assert.equal(walk[0].command?.title, 'Open walkthrough');
    assert.deepEqual(walk[0].command?.arguments?.[0], { uri: md.toString(), anchor: (await api()).analysis(md)?.result.file.models[0].span.start });
    const doc = await vscode.workspace.openTextDocument(md);
    const planner = (await api()).analysis(md)?.result.file.models[0].components.find((c) => c.id === 'planner');
    assert.ok(planner);
    const at = doc.positionAt(planner.span.start + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', md, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const link = /\[Open walkthrough\]\(command:threatlens\.openWalkthrough\?([^ )]+)/.exec(text);
    assert.ok(link, text);
    const args = JSON.parse(decodeURIComponent(link[1])) as [{ uri: string; componentId: string }];
    assert.equal(args[0].componentId, 'planner');
    assert.equal(await vscode.commands.executeCommand(OPEN, args[0]), true);
    await walkthroughTab();
  });

  test('files without a model are refused', async () => {
    const uri = await scratchFile('plain.md', '# Notes\n\nNo diagram here.\n');
    await open(uri);
    assert.equal(await vscode.commands.executeCommand(OPEN), false);
    assert.equal(walkthroughTabs().length, 0);
  });

  test('the panel serializer is registered (panels come back after a reload)', () => {
    // VS Code allows one serializer per view type: a second registration fails only because ours exists.
    assert.throws(() => vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: () => Promise.resolve() }), /already registered/i);
    const pkg = vscode.extensions.getExtension('threatlens.threatlens')?.packageJSON as { activationEvents: string[]; contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> } };
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`), 'activates to restore a panel');
    assert.ok(pkg.contributes.commands.some((c) => c.command === OPEN));
    assert.ok(pkg.contributes.menus['editor/title'].some((m) => m.command === OPEN));
  });

  test('a mitigation chosen in the walkthrough is written into the file, changes the diagnostic, and undo restores both', async () => {
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const editor = await open(uri);
    const before = editor.document.getText();
    const diags = await waitForDiagnostics(uri, hasAny);
    const target = diags.find((d) => d.message.includes('on "kb"') && d.severity !== S.Hint && d.severity !== S.Information);
    assert.ok(target, 'an open finding on kb');
    const rule = codeOf(target);
    const f = (await api()).analysis(uri)?.result.findings.find((x) => x.ruleId === rule && x.componentId === 'kb');
    assert.ok(f);
    const decision = { type: 'mitigates', componentId: 'kb', anchor: f.span.start, threat: f.ruleId, control: 'only vetted help-centre articles are indexed', status: 'planned' };
    assert.equal(await vscode.commands.executeCommand(OPEN), true);

    const outcome = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision });
    assert.equal(outcome.ok, true, outcome.message);
    // The panel names the rule, as its finding views do: the decision covers this finding only.
    const line = `%% @mitigates kb against ${f.ruleId} with "only vetted help-centre articles are indexed" (planned)`;
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[lines.findIndex((l) => l.includes('kb[(Pinecone')) + 1], `        ${line}`, 'under the declaration, with its indentation');
    await waitForDiagnostics(uri, (d) => findingDiagnostic(d, rule, 'kb')?.severity === S.Information, 'the finding planned');

    // The same choice again writes nothing.
    const again = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision });
    assert.equal(again.ok, false);
    assert.equal(editor.document.getText().split(line).length - 1, 1);

    // The editor's undo takes the decision back.
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await waitForDiagnostics(uri, (d) => { const x = findingDiagnostic(d, rule, 'kb'); return x !== undefined && x.severity !== S.Information && x.severity !== S.Hint; }, 'the finding open again');
  });

  test('accept needs a reason; accept and not-applicable are written with their details', async () => {
    const uri = await scratchCopy('examples/sql-code-agent.mmd');
    const editor = await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const findings = (await api()).analysis(uri)?.result.findings.filter((x) => x.status === 'open' && x.componentId === 'py') ?? [];
    assert.ok(findings.length >= 2);
    const [a, b] = findings;
    const base = { componentId: 'py', anchor: a.span.start };
    const empty = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision: { type: 'accepts', ...base, threat: a.ruleId, reason: '   ' } });
    assert.equal(empty.ok, false, 'a reason is required');
    const bad = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision: { type: 'accepts', ...base, threat: a.ruleId, reason: 'ok', expires: 'next year' } });
    assert.equal(bad.ok, false, 'the expiry is a date');
    const ok = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision: { type: 'accepts', ...base, threat: a.ruleId, reason: 'sandboxed "per session"', owner: 'data team', expires: '2027-01-31' } });
    assert.equal(ok.ok, true, ok.message);
    assert.match(editor.document.getText(), new RegExp(`%% @accepts py ${a.ruleId} because "sandboxed \\\\"per session\\\\"" owner="data team" expires=2027-01-31`));
    const na = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision: { type: 'not-applicable', ...base, threat: b.ruleId, reason: 'no network from the sandbox' } });
    assert.equal(na.ok, true, na.message);
    assert.match(editor.document.getText(), new RegExp(`%% @not-applicable py ${b.ruleId} because "no network from the sandbox"`));
    await waitForDiagnostics(uri, (d) => findingDiagnostic(d, a.ruleId, 'py')?.severity === S.Hint, 'the accepted finding is a hint');
  });

  test('correcting a kind in the scope step writes `kind:` into a YAML model', async () => {
    const uri = await scratchCopy('examples/travel-agent.threatlens.yaml');
    const editor = await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const c = (await api()).analysis(uri)?.result.file.models[0].components.find((x) => x.id === 'profiles');
    assert.ok(c);
    const outcome = await vscode.commands.executeCommand<Outcome>(DECIDE, { uri: uri.toString(), decision: { type: 'kind', componentId: 'profiles', anchor: c.span.start, kind: 'memory' } });
    assert.equal(outcome.ok, true, outcome.message);
    assert.match(editor.document.getText(), /\n {2}profiles:\n {4}kind: memory\n/);
    const t = await api();
    const kind = () => t.analysis(uri)?.result.file.models[0].components.find((x) => x.id === 'profiles')?.kind;
    await waitForDiagnostics(uri, () => kind() === 'memory', 'profiles declared a memory');
  });
});
