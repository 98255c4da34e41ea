import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, ws } from './helpers';

suite('Export Verification Plan', () => {
  teardown(closeAllEditors);

  test('opens the plan of a diagram as Markdown, the same as threatlens verify', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportVerificationPlan', ws('examples/rag-support-bot.mmd'));
    assert.ok(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# Threatlens verification plan\n/);
    assert.match(doc.getText(), /### `TL001` /);
    assert.match(doc.getText(), /- garak: `/);
  });

  test('offers nothing for a file without a model', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'no diagram' }));
    assert.equal(await vscode.commands.executeCommand('threatlens.exportVerificationPlan'), undefined);
  });
});
