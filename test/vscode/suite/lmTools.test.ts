// The language model tools for Copilot's agent mode, in the real extension host: listed in
// vscode.lm.tools, the read-only ones and a refused write called through vscode.lm.invokeTool
// (outside a chat request, as an extension would; VS Code then shows no confirmation), and the
// write also through the tool object's prepareInvocation (the confirmation a chat shows) and invoke.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AgentFile } from '../../../src/core/agent';
import { api, closeAllEditors, everyFindingOfALine, findingDiagnostic, hasAny, open, read, scratchCopy, waitForDiagnostics } from './helpers';

const S = vscode.DiagnosticSeverity;
const NAMES = ['threatlens_checkDiagram', 'threatlens_explainThreat', 'threatlens_proposeDecision'];
const none = new vscode.CancellationTokenSource().token;

function texts(r: vscode.LanguageModelToolResult): string[] {
  return r.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value);
}

/** The JSON part: a LanguageModelDataPart where the API has it (1.105+), else the second text part. */
function jsonOf(r: vscode.LanguageModelToolResult): AgentFile {
  const data = r.content.find((p): p is { mimeType: string; data: Uint8Array } => typeof p === 'object' && p !== null && 'mimeType' in p && 'data' in p);
  assert.equal(data !== undefined, 'LanguageModelDataPart' in vscode, 'a data part exactly where the API has one');
  if (data) {
    assert.match(data.mimeType, /json/);
    return JSON.parse(new TextDecoder().decode(data.data)) as AgentFile;
  }
  return JSON.parse(texts(r)[1]) as AgentFile;
}

const invoke = (name: string, input: object) => vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, none);

suite('language model tools', () => {
  suiteSetup(async () => {
    await api();
    // Findings are compared with diagnostics and followed from open to decided.
    await everyFindingOfALine(true);
  });
  suiteTeardown(() => everyFindingOfALine(false));
  teardown(closeAllEditors);

  test('vscode.lm.tools lists the three tools with their input schemas', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('threatlens_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...NAMES].sort());
    for (const t of ours) assert.ok(t.description.length > 80 && t.inputSchema, t.name);
    const propose = ours.find((t) => t.name === 'threatlens_proposeDecision')!;
    assert.deepEqual((propose.inputSchema as { required: string[] }).required, ['componentId', 'ruleId', 'decision']);
  });

  test('invokeTool checkDiagram: the findings of a file, and of the active editor by default', async () => {
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const rel = vscode.workspace.asRelativePath(uri);
    const r = await invoke('threatlens_checkDiagram', { file: rel });
    const [summary, ...lines] = texts(r)[0].split('\n');
    const data = jsonOf(r);
    assert.match(summary, new RegExp(`^${rel.replace(/[.]/g, '\\.')}: ${data.findings.length} finding\\(s\\), ${data.summary.open} open`));
    assert.ok(data.findings.length > 5);
    for (const [i, f] of data.findings.entries()) {
      assert.ok(lines[i].startsWith(`${rel}:${f.range.start.line + 1} ${f.severity} ${f.status} ${f.ruleId} `), lines[i]);
      // Both editions for a threat in the OWASP lists; one filed under STRIDE alone (TL040) has none.
      assert.ok(f.owasp.length === 0 || (f.owasp.some((id) => id.endsWith(':2026')) && f.owasp.some((id) => id.endsWith(':2025'))), f.ruleId);
      assert.ok(f.owasp.length > 0 || f.stride.length > 0, f.ruleId);
    }
    await open(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const active = jsonOf(await invoke('threatlens_checkDiagram', {}));
    assert.equal(active.path, data.path);
    // Every open finding the tool reports is a diagnostic of the editor, and the other way round.
    const openOnes = active.findings.filter((f) => f.status === 'open');
    for (const f of openOnes) assert.ok(findingDiagnostic(diags, f.ruleId, f.componentId), `${f.ruleId} on ${f.componentId}`);
  });

  test('invokeTool checkDiagram refuses a file outside the workspace', async () => {
    const r = await invoke('threatlens_checkDiagram', { file: '/etc/hostname.mmd' });
    assert.match(texts(r).join('\n'), /outside the workspace folders/);
  });

  test('invokeTool explainThreat: both voices and the mitigations', async () => {
    const text = texts(await invoke('threatlens_explainThreat', { id: 'TL001' })).join('\n');
    assert.match(text, /^TL001 /);
    assert.match(text, /In plain words: .{20,}/);
    assert.match(text, /For the security team: .{20,}/);
    assert.match(text, /Mitigations:\n- .+ \(input-guardrail\): /);
    assert.match(texts(await invoke('threatlens_explainThreat', { id: 'LLM01:2026' })).join('\n'), /^LLM01:2026 Prompt Injection/);
  });

  test('invokeTool proposeDecision refuses a placeholder reason and writes nothing', async () => {
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const before = await read(uri);
    const data = jsonOf(await invoke('threatlens_checkDiagram', { file: uri.toString() }));
    const f = data.findings.find((x) => x.status === 'open')!;
    for (const reason of ['TODO: explain why this risk is acceptable', ' ']) {
      const r = await invoke('threatlens_proposeDecision', { file: uri.toString(), componentId: f.componentId, ruleId: f.ruleId, decision: 'accept', reason });
      assert.match(texts(r).join('\n'), /placeholder/);
    }
    assert.equal(await read(uri), before);
  });

  test('proposeDecision: the confirmation shows the exact line, invoke writes and saves it, and the finding is decided', async () => {
    const tools = (await api()).lmTools;
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const doc = await vscode.workspace.openTextDocument(uri);
    const diags = await waitForDiagnostics(uri, hasAny);
    const data = jsonOf(await invoke('threatlens_checkDiagram', { file: uri.toString() }));
    const f = data.findings.find((x) => x.status === 'open')!;
    const input = { file: uri.toString(), componentId: f.componentId, ruleId: f.ruleId, decision: 'mitigate' as const, control: 'Escape model output before rendering', status: 'planned' };
    const line = `%% @mitigates ${f.componentId} against ${f.ruleId} with "Escape model output before rendering" (planned)`;
    assert.notEqual(findingDiagnostic(diags, f.ruleId, f.componentId)?.severity, S.Information);
    const prepared = await tools.proposeDecision.prepareInvocation({ input });
    const message = prepared.confirmationMessages?.message;
    assert.ok(message, 'a write asks for confirmation');
    assert.ok((typeof message === 'string' ? message : message.value).includes(line), typeof message === 'string' ? message : message.value);
    assert.equal(await read(uri), doc.getText(), 'preparing writes nothing');
    const result = texts(await tools.proposeDecision.invoke({ input, toolInvocationToken: undefined })).join('\n');
    assert.match(result, /is now planned\. The file is saved\./);
    assert.equal((await read(uri)).split(line).length, 2, 'the line is on disk once');
    assert.equal(doc.isDirty, false);
    await waitForDiagnostics(uri, (d) => findingDiagnostic(d, f.ruleId, f.componentId)?.severity === S.Information, 'the finding planned');
    const again = texts(await tools.proposeDecision.invoke({ input, toolInvocationToken: undefined })).join('\n');
    assert.match(again, /already records/);
  });

  test('proposeDecision leaves a file with unsaved changes unsaved', async () => {
    const tools = (await api()).lmTools;
    const uri = await scratchCopy('examples/travel-agent.threatlens.yaml');
    const editor = await open(uri);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# draft\n'));
    const onDisk = await read(uri);
    const f = jsonOf(await invoke('threatlens_checkDiagram', { file: uri.toString() })).findings.find((x) => x.status === 'open')!;
    const input = { file: uri.toString(), componentId: f.componentId, ruleId: f.ruleId, decision: 'accept' as const, reason: 'Bookings are capped at 200 EUR', owner: 'travel-team' };
    const result = texts(await tools.proposeDecision.invoke({ input, toolInvocationToken: undefined })).join('\n');
    assert.match(result, /is now accepted\. The file is not saved/);
    assert.ok(editor.document.isDirty);
    assert.ok(editor.document.getText().includes('"Bookings are capped at 200 EUR"'));
    assert.equal(await read(uri), onDisk);
  });

  test('proposeDecision refuses to write in Restricted Mode', async () => {
    const tool = (await api()).lmTools.proposeDecision;
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const before = await read(uri);
    const f = jsonOf(await invoke('threatlens_checkDiagram', { file: uri.toString() })).findings.find((x) => x.status === 'open')!;
    const input = { file: uri.toString(), componentId: f.componentId, ruleId: f.ruleId, decision: 'accept' as const, reason: 'Reviewed with security' };
    const trusted = tool.trusted;
    tool.trusted = () => false;
    try {
      assert.equal((await tool.prepareInvocation({ input })).confirmationMessages, undefined);
      assert.match(texts(await tool.invoke({ input, toolInvocationToken: undefined })).join('\n'), /Restricted Mode/);
    } finally {
      tool.trusted = trusted;
    }
    assert.equal(await read(uri), before);
  });

  test('invokeTool proposeDecision outside a chat request: prepared, then written without a dialog (VS Code 1.139 has no chat to confirm in)', async () => {
    const tool = (await api()).lmTools.proposeDecision;
    const uri = await scratchCopy('examples/rag-support-bot.mmd');
    const f = jsonOf(await invoke('threatlens_checkDiagram', { file: uri.toString() })).findings.find((x) => x.status === 'open')!;
    const input = { file: uri.toString(), componentId: f.componentId, ruleId: f.ruleId, decision: 'accept', reason: 'Only staff can reach it' };
    const prepare = tool.prepareInvocation.bind(tool);
    let prepared = 0;
    tool.prepareInvocation = (o) => { prepared++; return prepare(o); };
    try {
      // Bounded: had VS Code shown a modal confirmation, nothing here could answer it.
      const outcome = await Promise.race([
        invoke('threatlens_proposeDecision', input).then((r) => texts(r).join('\n')),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 8 s (a confirmation is shown)'), 8000)),
      ]);
      assert.match(outcome, /is now accepted\. The file is saved\./);
    } finally {
      tool.prepareInvocation = prepare;
    }
    assert.equal(prepared, 1, 'VS Code asked the tool to prepare the invocation');
    assert.ok((await read(uri)).includes(`%% @accepts ${f.componentId} ${f.ruleId} because "Only staff can reach it"`));
  });
});
