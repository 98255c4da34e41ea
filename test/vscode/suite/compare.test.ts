// "Compare Threats with Branch…" and "Copy as Review Comment" on a selection, in the real VS Code.
// The workspace becomes a git repository with one commit on `main`; a diagram is then changed in
// the working tree and compared with `main`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { ComparisonSummary } from '../../../src/extension/diffView';
import { listBranches } from '../../../src/extension/gitRefs';
import type { ThreatNode } from '../../../src/extension/threatsView';
import { api, read, root, ws } from './helpers';

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

function git(args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Threatlens Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root().fsPath, encoding: 'utf8' });
}

const FILE = 'compare/support-bot.mmd';

suite('Compare threats with a branch', () => {
  suiteSetup(async () => {
    await api();
    const base = await read(ws('examples/rag-support-bot.mmd'));
    await vscode.workspace.fs.writeFile(ws(FILE), new TextEncoder().encode(base));
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base']);
    // The change under review: an agent that can issue refunds, and a planned control on the knowledge base.
    const head = base
      .replace('    orchestrator -->|conversation log| tickets\n', '    orchestrator -->|conversation log| tickets\n    orchestrator -->|refund request| refunds[[Refund agent]]\n    refunds -->|issue refund| stripe[Stripe refunds API tool]\n')
      .concat('    %% @mitigates kb against LLM08:2025 with "only reviewed articles are indexed" (planned)\n');
    await vscode.workspace.fs.writeFile(ws(FILE), new TextEncoder().encode(head));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('threatlens.clearComparison');
    // Leave the workspace as the other suites expect it: no extra diagram (a workspace edit, so the
    // store forgets the file at once), no repository.
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(ws('compare'), { recursive: true, ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
    await vscode.workspace.fs.delete(ws('.git'), { recursive: true, useTrash: false });
    assert.equal((await api()).analysis(ws(FILE)), undefined);
  });

  test('shows new, decided and architecture changes as a tree on top of the Threats view', async () => {
    const t = await api();
    const summary = await vscode.commands.executeCommand<ComparisonSummary>('threatlens.compareWithBranch', 'main');
    assert.ok(summary, 'the command returns a summary');
    assert.equal(summary.ref, 'main');
    assert.match(summary.sha, /^[0-9a-f]{40}$/);
    assert.ok(summary.newFindings > 0, JSON.stringify(summary));
    assert.equal(summary.componentsAdded, 2);
    assert.ok(summary.statusChanges >= 1);

    const [top] = t.threats.getChildren();
    assert.equal(top.type, 'section');
    const rootItem = t.threats.getTreeItem(top);
    assert.equal(label(rootItem), 'Changes since main');
    assert.equal(rootItem.contextValue, 'threatlens.comparison');
    assert.match(String(rootItem.description), /^\d+ new · \d+ resolved · \d+ changed$/);
    const groups = t.threats.getChildren(top).map((n) => ({ n, item: t.threats.getTreeItem(n) }));
    const names = groups.map((g) => label(g.item));
    assert.deepEqual(names.filter((x) => ['New findings', 'Decided', 'Architecture changes'].includes(x)), ['New findings', 'Decided', 'Architecture changes']);
    const news = t.threats.getChildren(groups.find((g) => label(g.item) === 'New findings')?.n);
    assert.equal(news.length, summary.newFindings);
    for (const n of news) {
      assert.equal(n.type, 'finding');
      if (n.type !== 'finding') continue;
      assert.ok(n.analysis.uri.path.endsWith(FILE));
      assert.ok(['refunds', 'stripe', 'tickets', 'orchestrator'].includes(n.finding.componentId), n.finding.componentId);
      const item = t.threats.getTreeItem(n);
      assert.equal(item.command?.command, 'vscode.open', 'a click reveals the line');
      assert.match(String(item.contextValue), /^threatlens\.finding\./);
    }
    const arch = t.threats.getChildren(groups.find((g) => label(g.item) === 'Architecture changes')?.n).map((n) => label(t.threats.getTreeItem(n)));
    assert.ok(arch.includes('Added refunds') && arch.includes('Added stripe'), arch.join(', '));
    assert.ok(arch.includes('orchestrator → refunds'));

    // "Copy as Review Comment" with several findings selected: one comment for all of them.
    const picked: ThreatNode[] = news.slice(0, 3);
    const text = await vscode.commands.executeCommand<string>('threatlens.copyReviewComment', picked[0], picked);
    assert.match(text, /^\*\*Threatlens: 3 findings to review\*\*\n\n---\n\n\*\*Threatlens: \[/);
    assert.equal(text.split('\n---\n').length, 4);
    assert.equal(await vscode.env.clipboard.readText(), text);
    const same = await vscode.commands.executeCommand<string>('threatlens.copyReviewComments', picked[0], picked);
    assert.equal(same, text);
    const single = await vscode.commands.executeCommand<string>('threatlens.copyReviewComment', picked[0], [picked[0]]);
    assert.match(single, /^\*\*Threatlens: \[/, 'one selected finding gives the single comment');
  });

  test('follows edits of the working tree, and closes', async () => {
    const t = await api();
    await vscode.commands.executeCommand('threatlens.compareWithBranch', 'main');
    await vscode.workspace.fs.writeFile(ws(FILE), await vscode.workspace.fs.readFile(ws('examples/rag-support-bot.mmd')));
    await t.scan();
    const [top] = t.threats.getChildren();
    const kids = t.threats.getChildren(top).map((n) => label(t.threats.getTreeItem(n)));
    assert.deepEqual(kids, ['No threat changes']);
    await vscode.commands.executeCommand('threatlens.clearComparison');
    assert.ok(t.threats.getChildren().every((n) => n.type !== 'section'));
  });

  test('offers the branches of the repository', async () => {
    git(['branch', 'release/1.0']);
    const branches = await listBranches(root().fsPath);
    assert.deepEqual(branches.map((b) => b.name).sort(), ['main', 'release/1.0']);
    assert.ok(branches.every((b) => !b.remote && b.subject === 'base'));
  });

  test('explains an unknown branch', async () => {
    const r = await vscode.commands.executeCommand<ComparisonSummary | undefined>('threatlens.compareWithBranch', 'no-such-branch');
    assert.equal(r, undefined);
  });
});
