import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, ws } from './helpers';

suite('Export Compliance Report and Write Model Card Security Section', () => {
  teardown(closeAllEditors);

  test('opens the compliance report of a diagram as Markdown, grouped by obligation', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportCompliance', ws('examples/rag-support-bot.mmd'));
    assert.ok(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# Threatlens compliance report\n/);
    assert.match(doc.getText(), /^## EU AI Act Article 15: Accuracy, robustness and cybersecurity$/m);
  });

  test('opens a model card whose only model is the trained checkpoint, with the security section', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportModelCard', ws('examples/federated-learning.mmd'));
    assert.ok(uri);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
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
