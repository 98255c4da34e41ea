// The contributions in package.json are consistent with what the extension registers and ships.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api } from './helpers';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string }; virtualWorkspaces: boolean };
  contributes: {
    commands: { command: string }[];
    grammars: { path: string }[];
    yamlValidation: { url: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
    walkthroughs: { steps: { media: { markdown?: string } }[] }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

suite('manifest', () => {
  let ext: vscode.Extension<unknown>;
  let pkg: Manifest;
  suiteSetup(async () => {
    await api();
    const e = vscode.extensions.getExtension('threatlens.threatlens');
    assert.ok(e);
    ext = e;
    pkg = ext.packageJSON as Manifest;
  });

  test('activates only on the files concerned, and supports untrusted (without git) and virtual workspaces', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    for (const e of ['onLanguage:mermaid', 'onLanguage:markdown', 'onLanguage:yaml', 'workspaceContains:**/*.mmd']) assert.ok(pkg.activationEvents.includes(e), e);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description ?? '', /git/);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  test('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands) assert.ok(registered.has(c.command), c.command);
  });

  test('grammars, schema, icon and walkthrough media exist', () => {
    const files = [
      ...pkg.contributes.grammars.map((g) => g.path),
      ...pkg.contributes.yamlValidation.map((y) => y.url),
      ...pkg.contributes.viewsContainers.activitybar.map((a) => a.icon),
      ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? '')),
      'language-configuration.json',
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), f);
  });

  test('.mmd files get the mermaid language', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'examples', 'sql-code-agent.mmd'));
    assert.equal(doc.languageId, 'mermaid');
  });

  test('settings have the documented defaults', () => {
    const c = vscode.workspace.getConfiguration('threatlens');
    assert.equal(c.get('debounceMs'), 250);
    assert.equal(c.get('severity.high'), 'error');
    assert.equal(c.get('severity.medium'), 'warning');
    assert.equal(c.get('decidedFindings'), 'hint');
    assert.deepEqual(c.get('catalogs'), ['owasp-llm', 'owasp-agentic']);
    assert.deepEqual(c.get('owaspEditions'), ['2026', '2025'], 'both editions, the newer first');
    assert.equal(c.get('defaultEdition'), '2025');
    assert.deepEqual(c.get('extraRuleFolders'), []);
    assert.equal(c.get('diagnostics.maxPerLine'), 2, 'the 2 riskiest findings a line');
    for (const [key, prop] of Object.entries(pkg.contributes.configuration.properties)) assert.ok('default' in prop, `${key} has a default`);
  });
});
