import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, ws } from './helpers';

suite('Export Workshop Pack', () => {
  teardown(closeAllEditors);

  test('opens the pack of a diagram as Markdown: agenda, roles, a card per component, the decision log', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportWorkshopPack', { uri: ws('examples/rag-support-bot.mmd').toString(), format: 'markdown' });
    assert.ok(uri);
    // The editor the command opened: an earlier test's closed untitled document may still answer to the same name.
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === uri.toString());
    assert.equal(doc.languageId, 'markdown');
    const text = doc.getText();
    for (const part of [/agenda/i, /facilitator/i, /scribe/i, /decision log/i, /retrieved chunks wrapped in delimiters/]) assert.match(text, part);
    assert.ok(text.includes('"kb"') || text.includes('`kb`'), 'the knowledge base has its card');
  });

  test('writes the printable HTML where it is told to, self-contained and split into sessions', async () => {
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-workshop-')), 'pack.html'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('threatlens.exportWorkshopPack',
      { uri: ws('examples/federated-learning.mmd').toString(), format: 'html', minutes: 60, target: target.toString() });
    assert.equal(written?.toString(), target.toString());
    const html = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.doesNotMatch(html, /<script|https?:\/\/[^"'\s]*\.(js|css)/i);
    assert.match(html, /Session 2/i);
  });

  test('offers nothing for a file without a model', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'no diagram' }));
    assert.equal(await vscode.commands.executeCommand('threatlens.exportWorkshopPack', { format: 'markdown' }), undefined);
  });
});
