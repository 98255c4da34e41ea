// How long an edit takes to show up as diagnostics, measured in the real extension host: from
// workspace.applyEdit to the onDidChangeDiagnostics that carries the analysis of the new version.
// Printed (console.log) so the numbers can be quoted; the debounce (threatlens.debounceMs) is
// subtracted to show the cost of the analysis and the round trip.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, hasAny, open, scratchCopy, scratchFile, waitForDiagnostics, ws } from './helpers';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(uri: vscode.Uri, runs: number): Promise<{ total: number[]; core: number[]; debounce: number }> {
  const t = await api();
  const editor = await open(uri);
  await waitForDiagnostics(uri, hasAny);
  const debounce = vscode.workspace.getConfiguration('threatlens').get<number>('debounceMs', 250);
  const total: number[] = [];
  const core: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc = editor.document;
    const edit = new vscode.WorkspaceEdit();
    // Alternately add and remove a comment line at the top: every edit moves every span.
    if (i % 2 === 0) edit.insert(uri, new vscode.Position(0, 0), `%% timing edit ${i}\n`);
    else edit.delete(uri, new vscode.Range(0, 0, 1, 0));
    const before = doc.version;
    const fresh = () => {
      const v = t.analysis(uri)?.version;
      return v !== undefined && v > before && v === doc.version;
    };
    const t0 = performance.now();
    const updated = waitForDiagnostics(uri, fresh, `diagnostics of a version after ${before}`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await updated;
    total.push(performance.now() - t0);
    core.push(t.analysis(uri)?.ms ?? NaN);
  }
  return { total, core, debounce };
}

function report(name: string, chars: number, r: { total: number[]; core: number[]; debounce: number }): void {
  const m = median(r.total);
  console.log(`[threatlens timing] ${name} (${chars} chars, ${r.total.length} edits): edit → updated diagnostics median ${m.toFixed(1)} ms ` +
    `(min ${Math.min(...r.total).toFixed(1)}, max ${Math.max(...r.total).toFixed(1)}), minus the ${r.debounce} ms debounce: ${(m - r.debounce).toFixed(1)} ms; ` +
    `analysis in the core: median ${median(r.core).toFixed(2)} ms`);
}

suite('timing', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);

  test('edit → updated diagnostics on the largest example', async () => {
    const entries = await vscode.workspace.fs.readDirectory(ws('examples'));
    const sizes = await Promise.all(entries.map(async ([name]) => ({ name, size: (await vscode.workspace.fs.stat(ws(`examples/${name}`))).size })));
    const largest = sizes.sort((a, b) => b.size - a.size)[0];
    const uri = await scratchCopy(`examples/${largest.name}`);
    const r = await measure(uri, 11);
    report(`examples/${largest.name}`, largest.size, r);
    assert.ok(median(r.total) - r.debounce < 1000, 'an edit shows up within a second after the debounce');
  });

  test('edit → updated diagnostics on a 400-component diagram', async () => {
    const lines = ['flowchart LR'];
    for (let i = 0; i < 100; i++) {
      lines.push(`    u${i}[Customer ${i}] --> a${i}[Support agent ${i}]`, `    a${i} --> m${i}[GPT-4o ${i}]`, `    a${i} --> kb${i}[(Vector store ${i})]`);
    }
    const text = `${lines.join('\n')}\n`;
    const uri = await scratchFile('large.mmd', text);
    const r = await measure(uri, 7);
    report('a generated 400-component diagram', text.length, r);
    assert.ok(median(r.total) - r.debounce < 5000);
  });
});
