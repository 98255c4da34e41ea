import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api, closeAllEditors, codeOf, everyFindingOfALine, findingDiagnostic, hasAny, open, read, scratchCopy, waitForDiagnostics, ws,
} from './helpers';

const S = vscode.DiagnosticSeverity;
const FIX_ALL = 'Fix all: add planned mitigation stubs for every open finding in this file';
const ADD_STUBS = 'source.threatlens.addMitigationStubs';

/** The code actions at `range`, resolved (so the lazily computed "Fix all" has its edit). */
function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 100);
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, `no edit in ${action?.title}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for ${action.title}`);
}

/** Applies the action titled `title`, then asks again and applies it once more if still offered. */
async function applyTwice(uri: vscode.Uri, range: vscode.Range, title: string | RegExp, kind?: string): Promise<{ first: vscode.CodeAction; second?: vscode.CodeAction }> {
  const match = (a: vscode.CodeAction) => (typeof title === 'string' ? a.title === title : title.test(a.title));
  // The first request after opening can race the editor's own code-action round; ask again on
  // the next diagnostics change rather than sleeping (bounded).
  let first = (await actionsAt(uri, range, kind)).find(match);
  for (let i = 0; !first && i < 5; i++) {
    await nextDiagnosticsChangeOr(1000);
    first = (await actionsAt(uri, range, kind)).find(match);
  }
  assert.ok(first, `no action ${String(title)}; have:\n${(await actionsAt(uri, range, kind)).map((a) => a.title).join('\n')}`);
  await apply(first);
  // The same fix again (same title: the same finding and control), computed on the edited text.
  const second = (await actionsAt(uri, range, kind)).find((a) => a.title === first.title);
  if (second?.edit) assert.ok(await vscode.workspace.applyEdit(second.edit));
  return { first, second };
}

function nextDiagnosticsChangeOr(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const sub = vscode.languages.onDidChangeDiagnostics(done);
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

suite('quick fixes', () => {
  suiteSetup(async () => {
    await api();
    // These tests follow a finding from open to decided through its diagnostic.
    await everyFindingOfALine(true);
  });
  suiteTeardown(() => everyFindingOfALine(false));
  teardown(closeAllEditors);

  test('a crowded line: at most 8 entries, no duplicate title, "Show all fixes…" for the rest, "Fix all" last', async () => {
    const uri = ws('examples/rag-support-bot.mmd');
    await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.filter((x) => x.message.includes('on "llm"')).length > 2);
    const llm = diags.find((d) => d.message.includes('on "llm"'));
    assert.ok(llm);
    const actions = await actionsAt(uri, llm.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.length <= 8, actions.map((a) => a.title).join('\n'));
    assert.equal(new Set(actions.map((a) => a.title)).size, actions.length, 'no duplicated title');
    const more = actions.find((a) => a.title.startsWith('Show all fixes… ('));
    assert.equal(more?.command?.command, 'threatlens.showAllFixes', 'the rest is one entry away');
    assert.equal(actions[actions.length - 1].title, FIX_ALL);
    assert.ok(actions[0].isPreferred, 'the riskiest finding\'s preferred control first');
  });

  test('.mmd: "Mitigate …" inserts one planned annotation under the declaration and the finding turns Information', async () => {
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const editor = await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const target = diags.find((d) => d.message.includes('on "kb"') && d.severity !== S.Hint && d.severity !== S.Information);
    assert.ok(target, 'an open finding on kb');
    const rule = codeOf(target);
    const actions = await actionsAt(uri, target.range, vscode.CodeActionKind.QuickFix.value);
    // Titles name the rule (the one finding the decision is for) and its headline OWASP entry.
    const mitigations = actions.filter((a) => a.title.startsWith(`Mitigate ${rule} `));
    assert.ok(mitigations.length >= 1);
    assert.match(mitigations[0].title, new RegExp(`^Mitigate ${rule} \\((LLM|ASI)\\d\\d:\\d{4} .+\\) on 'kb': .+`));
    assert.equal(mitigations[0].isPreferred, true, 'the first suggested control is preferred');
    assert.ok(actions.some((a) => new RegExp(`^Accept risk ${rule} \\(.+\\) on 'kb' \\(write the reason\\)$`).test(a.title)));
    assert.ok(actions.some((a) => a.title === FIX_ALL));
    assert.equal(new Set(actions.map((a) => a.title)).size, actions.length, 'no duplicated action');

    const { second } = await applyTwice(uri, target.range, mitigations[0].title);
    assert.equal(second, undefined, 'the fix is no longer offered once applied');
    const text = editor.document.getText();
    assert.equal(count(text, '%% @mitigates kb against '), 1, 'exactly one annotation line');
    const lines = text.split('\n');
    const decl = lines.findIndex((l) => l.includes('kb[(Pinecone'));
    assert.match(lines[decl + 1], new RegExp(`^ {8}%% @mitigates kb against ${rule} with ".+" \\(planned\\)$`));
    const after = await waitForDiagnostics(uri, (d) => findingDiagnostic(d, rule, 'kb')?.severity === S.Information, 'the finding planned');
    assert.match(findingDiagnostic(after, rule, 'kb')?.message ?? '', /\(mitigation planned\)$/);
  });

  test('"Accept risk" writes an @accepts line with the reason selected; the finding stays open until the reason is typed', async () => {
    const uri = await scratchCopy('examples/sql-code-agent.mmd');
    const editor = await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const target = diags.find((d) => d.message.includes('on "py"') && d.severity === S.Error);
    assert.ok(target);
    const rule = codeOf(target);
    await applyTwice(uri, target.range, new RegExp(`^Accept risk ${rule} .+ on 'py'`));
    assert.equal(count(editor.document.getText(), `%% @accepts py ${rule} because "TODO: `), 1);
    // The placeholder is a snippet placeholder: selected, so typing the reason replaces it.
    assert.match(editor.document.getText(editor.selection), /^TODO: /);
    const incomplete = await waitForDiagnostics(uri, (d) => /\(acceptance incomplete\)$/.test(findingDiagnostic(d, rule, 'py')?.message ?? ''), 'a TODO reason is not an acceptance');
    assert.equal(findingDiagnostic(incomplete, rule, 'py')?.severity, S.Error);
    assert.ok(incomplete.some((d) => codeOf(d) === 'annotation/incomplete' && d.severity === S.Warning));
    await vscode.commands.executeCommand('type', { text: 'charts only, no network from the sandbox' });
    assert.equal(count(editor.document.getText(), `%% @accepts py ${rule} because "charts only, no network from the sandbox"`), 1);
    await waitForDiagnostics(uri, (d) => findingDiagnostic(d, rule, 'py')?.severity === S.Hint, 'the finding accepted');
  });

  test('Markdown: the annotation goes inside the right fence', async () => {
    const uri = await scratchCopy('examples/multi-agent-mcp.md');
    const editor = await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const lastLines = editor.document.lineCount;
    const target = diags.filter((d) => d.message.includes('on "planner"') && d.severity !== S.Hint).sort((a, b) => b.range.start.line - a.range.start.line)[0];
    assert.ok(target && target.range.start.line > lastLines - 6, 'the planner of the second diagram');
    const rule = codeOf(target);
    await applyTwice(uri, target.range, new RegExp(`^Mitigate ${rule} .+ on 'planner'`));
    const lines = editor.document.getText().split('\n');
    const decl = target.range.start.line;
    assert.match(lines[decl + 1], /^ {4}%% @mitigates planner against /);
    assert.equal(lines[decl + 2], '    planner -->|post summary| slack');
    const after = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === rule && x.range.start.line === decl && x.severity === S.Information), 'planned in the second diagram');
    // The first diagram's planner keeps its findings open: the decision went to the second one only.
    assert.ok(after.some((x) => x.message.includes('on "planner"') && x.range.start.line < decl && x.severity !== S.Information && x.severity !== S.Hint), 'the first diagram is untouched');
  });

  test('YAML: the mitigation is added under the component, keeping every comment', async () => {
    const uri = await scratchCopy('fixtures/commented.threatlens.yaml');
    const editor = await open(uri);
    const before = editor.document.getText();
    const diags = await waitForDiagnostics(uri, hasAny);
    const target = diags.find((d) => d.message.includes('on "bot"') && d.severity !== S.Hint && d.severity !== S.Information);
    assert.ok(target, diags.map((d) => d.message).join('\n'));
    const rule = codeOf(target);
    await applyTwice(uri, target.range, new RegExp(`^Mitigate ${rule} .+ on 'bot'`));
    const after = editor.document.getText();
    for (const line of before.split('\n')) assert.ok(after.includes(line), `line lost or changed: ${line}`);
    // After the last entry of the component, before the comment lines that follow it.
    assert.match(after, /\n {4}provider: third-party\n {4}mitigations:\n {6}TL\d{3}:\n {8}control: ".+"\n {8}status: planned\n {4}# nothing else is declared for the bot yet\n {2}notes:/);
    assert.equal(count(after, 'status: planned'), 1, 'one entry');
    await waitForDiagnostics(uri, (d) => findingDiagnostic(d, rule, 'bot')?.severity === S.Information, 'planned');
  });

  test('YAML: a flow-style component gets `, mitigations: {…}` before its closing brace', async () => {
    const uri = await scratchCopy('fixtures/commented.threatlens.yaml');
    const editor = await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const target = diags.find((d) => d.message.includes('on "kb"') && d.severity !== S.Hint && d.severity !== S.Information);
    assert.ok(target, diags.map((d) => d.message).join('\n'));
    await applyTwice(uri, target.range, /^Mitigate .+ on 'kb'/);
    assert.match(editor.document.getText(), /\n {2}kb: \{ kind: vector-store, ingests: uploads, mitigations: \{ TL\d{3}: \{ control: ".+", status: planned \} \} \} {3}# flow-style component\n/);
  });

  test('unknown ids: the near match replaces the typo', async () => {
    const uri = await scratchCopy('fixtures/unknown-ids.mmd');
    const editor = await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'annotation/unknown-node'));
    const node = diags.find((x) => codeOf(x) === 'annotation/unknown-node');
    assert.ok(node);
    const { first } = await applyTwice(uri, node.range, "Replace 'lm' with 'llm'");
    assert.equal(first.isPreferred, true);
    assert.match(editor.document.getText(), /%% @mitigates llm against LLM01:2025/);
    const threat = (await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'annotation/unknown-node'), 'node fixed')).find((x) => codeOf(x) === 'annotation/unknown-threat');
    assert.ok(threat);
    await applyTwice(uri, threat.range, "Replace 'LLM1:2025' with 'LLM01:2025'");
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x).startsWith('annotation/unknown')), 'no unknown ids left');
    assert.match(editor.document.getText(), /%% @accepts llm LLM01:2025 because/);
  });

  test('"Declare kind" for a component Threatlens does not recognise: a hint on its line, the likely kinds first', async () => {
    const uri = await scratchCopy('fixtures/unknown-ids.mmd');
    const editor = await open(uri);
    const hintOf = (ds: vscode.Diagnostic[]) => ds.find((d) => d.code === 'component/unrecognised');
    const diags = await waitForDiagnostics(uri, (ds) => Boolean(hintOf(ds)), 'the not-recognised hint');
    const hint = hintOf(diags);
    assert.ok(hint);
    assert.equal(hint.severity, S.Hint);
    assert.match(hint.message, /^"thing" was not recognised, so no rule checks it: declare its kind \(likely agent/);
    const t = await api();
    const thing = t.analysis(uri)?.result.file.models[0].components.find((c) => c.id === 'thing');
    assert.equal(thing?.kindSource, 'default', 'no evidence, whatever fallback kind it got');
    assert.equal(hint.range.start.line, 2);
    const at = editor.document.positionAt(editor.document.getText().indexOf('thing['));
    const range = new vscode.Range(at, at.translate(0, 5));
    const actions = await actionsAt(uri, range, vscode.CodeActionKind.QuickFix.value);
    const declares = actions.filter((a) => a.title.startsWith("Declare kind of 'thing': ")).map((a) => a.title.replace("Declare kind of 'thing': ", ''));
    // Next to an LLM, an agent is the likeliest; at most five choices, then the full list behind "…".
    assert.equal(declares[0], 'agent', declares.join(', '));
    assert.ok(declares.length <= 5);
    assert.ok(actions.some((a) => a.title === "Declare kind of 'thing'…" && a.command?.command === 'threatlens.declareKind'));
    await applyTwice(uri, range, "Declare kind of 'thing': agent");
    assert.equal(count(editor.document.getText(), '%% @component thing kind=agent'), 1);
    const kind = () => t.analysis(uri)?.result.file.models[0].components.find((c) => c.id === 'thing');
    await waitForDiagnostics(uri, (ds) => kind()?.kind === 'agent' && kind()?.kindSource === 'declared' && !hintOf(ds), 'thing declared an agent, the hint gone');
  });

  test('fix all (source action): a planned stub for every open finding, idempotent', async () => {
    const uri = await scratchCopy('examples/sql-code-agent.mmd');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => x.severity === S.Error));
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await actionsAt(uri, whole, ADD_STUBS);
    assert.deepEqual(actions.map((a) => a.title), [FIX_ALL]);
    assert.equal(actions[0].kind?.value, ADD_STUBS);
    await apply(actions[0]);
    const after = await waitForDiagnostics(uri, (d) => d.length > 0 && d.every((x) => x.severity === S.Information || x.severity === S.Hint), 'no open finding left');
    assert.ok(after.every((x) => x.severity !== S.Information || /\(mitigation planned\)$/.test(x.message)));
    assert.deepEqual(await actionsAt(uri, whole, ADD_STUBS), [], 'nothing left to fix');
    const text = editor.document.getText();
    const stubs = text.split('\n').filter((l) => l.includes('%% @mitigates'));
    assert.equal(new Set(stubs).size, stubs.length, 'no duplicated line');
  });

  test('fix all (command) and the hover commands are idempotent too', async () => {
    const uri = await scratchCopy('examples/fine-tuning-pipeline.mmd');
    const editor = await open(uri);
    await waitForDiagnostics(uri, hasAny);
    const t = await api();
    const f = t.analysis(uri)?.result.findings.find((x) => x.status === 'open' && x.componentId === 'serve');
    assert.ok(f);
    const args = { uri: uri.toString(), componentId: 'serve', anchor: f.span.start, threat: f.owasp[0], control: 'a "quoted" control' };
    assert.equal(await vscode.commands.executeCommand('threatlens.insertMitigation', args), true);
    assert.equal(await vscode.commands.executeCommand('threatlens.insertMitigation', args), false, 'second run writes nothing');
    assert.equal(count(editor.document.getText(), `%% @mitigates serve against ${f.owasp[0]} with "a \\"quoted\\" control" (planned)`), 1);
    assert.equal(await vscode.commands.executeCommand('threatlens.acceptRisk', { ...args, threat: 'LLM10:2025', reason: 'internal users only' }), true);
    assert.match(await vscode.workspace.openTextDocument(uri).then((d) => d.getText()), /%% @accepts serve LLM10:2025 because "internal users only"/);
    assert.equal(await vscode.commands.executeCommand('threatlens.fixAll', uri), true);
    await waitForDiagnostics(uri, (d) => d.length > 0 && d.every((x) => x.severity === S.Information || x.severity === S.Hint), 'all decided');
    assert.equal(await vscode.commands.executeCommand('threatlens.fixAll', uri), false);
    await editor.document.save();
    assert.equal(await read(uri), editor.document.getText());
  });
});
