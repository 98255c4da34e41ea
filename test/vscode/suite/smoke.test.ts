import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('smoke', () => {
  test('runs in VS Code 1.139', () => {
    assert.ok(vscode.version.startsWith('1.139'), `vscode.version is ${vscode.version}`);
  });

  test('the threatlens extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension('threatlens.threatlens');
    assert.ok(ext, 'extension threatlens.threatlens not found');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
