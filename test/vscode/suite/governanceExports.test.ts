import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, ws } from './helpers';

function shown(uri: vscode.Uri): vscode.TextDocument {
  const doc = vscode.window.activeTextEditor?.document;
  assert.ok(doc && doc.uri.toString() === uri.toString(), 'the command shows the document it returns');
  return doc;
}

suite('Export Compliance Report and Write Model Card Security Section', () => {
  teardown(closeAllEditors);

  test('opens the compliance report of a diagram as Markdown, grouped by obligation', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportCompliance', ws('examples/rag-support-bot.mmd'));
    assert.ok(uri);
    // The editor the command opened: an earlier test's closed untitled document may still answer to the same name.
    const doc = shown(uri);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# Threatlens compliance report\n/);
    assert.match(doc.getText(), /^## EU AI Act Article 15: Accuracy, robustness and cybersecurity$/m);
  });

  test('opens a model card whose only model is the trained checkpoint, with the security section', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportModelCard', ws('examples/federated-learning.mmd'));
    assert.ok(uri);
    const text = shown(uri).getText();
    assert.match(text, /^---\ntags:\n {2}- threatlens\n---\n/);
    assert.match(text, /^## Risks, limitations and security$/m);
    assert.match(text, /^### `global` Global model checkpoint$/m);
  });

  test('offers nothing for a file without a model', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'no diagram' }));
    assert.equal(await vscode.commands.executeCommand('threatlens.exportCompliance'), undefined);
    assert.equal(await vscode.commands.executeCommand('threatlens.exportModelCard'), undefined);
  });
});
