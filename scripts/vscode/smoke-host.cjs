// Extension-host entry for `npm start -- --smoke` (loaded as extensionTestsPath, like the test suites):
// waits until Threatlens is ready, opens the workspace's diagrams one by one until the extension has
// published Threatlens diagnostics for one of them, and writes what it saw to $THREATLENS_SMOKE_RESULT.
// VS Code closes the extension host when run() settles; start.mjs reads the file and stops the server.
const fs = require('node:fs');
const vscode = require('vscode');

const SOURCE = 'Threatlens';
const PER_FILE_MS = 20_000;
const PATTERN = '**/*.{mmd,mermaid,md,markdown,threatlens.yaml,threatlens.yml,yaml,yml}';

function write(result) {
  const file = process.env.THREATLENS_SMOKE_RESULT;
  if (!file) return;
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

function threatDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The file's Threatlens diagnostics, or [] once the extension has analysed it without any (or after a deadline). */
async function waitForDiagnostics(api, uri) {
  const deadline = Date.now() + PER_FILE_MS;
  let analysedAt = 0;
  while (Date.now() < deadline) {
    const d = threatDiagnostics(uri);
    if (d.length) return d;
    if (api.analysis(uri)) {
      analysedAt ||= Date.now();
      // Published with the analysis; a short grace covers the hop to the diagnostics collection.
      if (Date.now() - analysedAt > 1000) return [];
    }
    await sleep(100);
  }
  return [];
}

/** Diagrams first, then Threatlens YAML, then Markdown, then other YAML. */
function rank(uri) {
  const p = uri.path.toLowerCase();
  if (/\.(mmd|mermaid)$/.test(p)) return 0;
  if (/\.threatlens\.ya?ml$/.test(p)) return 1;
  if (/\.(md|markdown)$/.test(p)) return 2;
  return 3;
}

async function run() {
  const t0 = Date.now();
  try {
    const ext = vscode.extensions.getExtension('threatlens.threatlens');
    if (!ext) throw new Error('the extension threatlens.threatlens is not loaded');
    const api = await ext.activate();
    await api.ready;
    const files = (await vscode.workspace.findFiles(PATTERN, '**/node_modules/**', 200))
      .sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
    for (const uri of files) {
      await vscode.window.showTextDocument(uri, { preview: false });
      const diagnostics = await waitForDiagnostics(api, uri);
      if (diagnostics.length === 0) continue;
      const first = diagnostics[0];
      write({
        ok: true, vscodeVersion: vscode.version, file: vscode.workspace.asRelativePath(uri), diagnostics: diagnostics.length,
        first: { line: first.range.start.line + 1, message: first.message.split('\n')[0] }, ms: Date.now() - t0,
      });
      return;
    }
    write({ ok: false, vscodeVersion: vscode.version, error: `no Threatlens diagnostics on any of ${files.length} file(s)`, ms: Date.now() - t0 });
  } catch (err) {
    write({ ok: false, vscodeVersion: vscode.version, error: err instanceof Error ? err.stack || err.message : String(err), ms: Date.now() - t0 });
  }
}

module.exports = { run };
