import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, ws } from './helpers';

suite('Show Attack Tree', () => {
  teardown(closeAllEditors);

  test('opens the tree and the chains of a component as Markdown with Mermaid fences', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.showAttackTree', { uri: ws('examples/rag-support-bot.mmd').toString(), componentId: 'web' });
    assert.ok(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# Attack trees: Support chat widget in examples\/rag-support-bot\.mmd\n/);
    assert.equal(doc.getText().match(/^```mermaid$/gm)?.length, 2);
    assert.match(doc.getText(), /%% Threatlens attack chain for "web"/);
  });

  test('offers nothing for a file without a model', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'no diagram' }));
    assert.equal(await vscode.commands.executeCommand('threatlens.showAttackTree'), undefined);
  });
});
