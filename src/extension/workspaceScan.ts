/**
 * "Threatlens: Scan Workspace": finds the files matching `threatlens.include` (minus
 * `threatlens.exclude`), reads them through `vscode.workspace.fs`, analyses each and puts the
 * result in the store, under a cancellable progress notification. Open documents are analysed
 * from the editor's text. Files are read only when safeRead.ts allows it (regular, not a link out
 * of the workspace, not far over the size limit); each one skipped gets a warning diagnostic.
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';
import { isScanned } from './fileFilter';
import { maxBytesFor, readWorkspaceText, workspaceRootOf } from './safeRead';
import type { Settings } from './settings';

export interface ScanSummary {
  files: number;
  analysed: number;
  findings: number;
  open: number;
  /** Files left unread (special files, links out of the workspace, far too large). */
  skipped: number;
  cancelled: boolean;
  ms: number;
}

export class WorkspaceScan {
  private running: Promise<ScanSummary> | undefined;
  /** True once a scan has run to the end. */
  completed = false;

  private readonly skippedFiles = vscode.languages.createDiagnosticCollection('threatlens-skipped');

  private constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly settings: Settings) {}

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings): WorkspaceScan {
    const scan = new WorkspaceScan(host, store, settings);
    context.subscriptions.push(scan.skippedFiles);
    // A caller in the extension host (the tests) may pass a CancellationToken: it cancels the scan
    // like the notification's Cancel button. Menus and the palette pass no token.
    context.subscriptions.push(vscode.commands.registerCommand(CMD.scanWorkspace, (token?: unknown) => scan.run(vscode.ProgressLocation.Notification, isToken(token) ? token : undefined)));
    return scan;
  }

  /** Runs a scan (or joins the one under way; then `cancel` is not attached to it). */
  run(location: vscode.ProgressLocation | { viewId: string }, cancel?: vscode.CancellationToken): Promise<ScanSummary> {
    this.running ??= this.scan(location, cancel)
      .then((s) => {
        if (!s.cancelled) this.completed = true;
        return s;
      })
      .finally(() => { this.running = undefined; });
    return this.running;
  }

  private async findFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const s = this.settings.current;
    // Braces cannot nest in VS Code globs, so simple excludes go to findFiles and all are re-checked after.
    const simple = s.exclude.filter((g) => !/[{}]/.test(g));
    const exclude = simple.length ? `{${simple.join(',')}}` : undefined;
    const found = new Map<string, vscode.Uri>();
    if (s.include.length === 0) return [];
    // One search when the patterns can be joined into `{a,b,…}`; each search costs a file walk.
    const includes = s.include.some((g) => /[{}]/.test(g)) ? s.include : [`{${s.include.join(',')}}`];
    for (const include of includes) {
      if (token.isCancellationRequested) break;
      for (const uri of await vscode.workspace.findFiles(include, exclude, undefined, token)) found.set(uri.toString(), uri);
    }
    return [...found.values()].filter((u) => isScanned(u, s)).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  private async scan(location: vscode.ProgressLocation | { viewId: string }, cancel?: vscode.CancellationToken): Promise<ScanSummary> {
    await this.host.ready;
    const t0 = performance.now();
    return vscode.window.withProgress({ location, title: 'Threatlens: scanning the workspace', cancellable: true }, async (progress, shown) => {
      // Cancelled by the progress's Cancel button or by the caller's token.
      const either = new vscode.CancellationTokenSource();
      const links = [shown, cancel].map((t) => t?.onCancellationRequested(() => either.cancel()));
      if (shown.isCancellationRequested || cancel?.isCancellationRequested) either.cancel();
      const token = either.token;
      const summary: ScanSummary = { files: 0, analysed: 0, findings: 0, open: 0, skipped: 0, cancelled: false, ms: 0 };
      const files = await this.findFiles(token);
      summary.files = files.length;
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d] as const));
      const maxBytes = maxBytesFor(this.settings.current.maxFileSize);
      this.skippedFiles.clear();
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) {
          summary.cancelled = true;
          break;
        }
        progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / Math.max(1, files.length) });
        const doc = open.get(uri.toString());
        let analysis;
        if (doc) analysis = this.host.analyzeDocument(doc);
        else {
          const root = workspaceRootOf(uri);
          const read = root ? await readWorkspaceText(uri, { root, maxBytes }) : { skipped: 'outside the workspace' };
          if ('skipped' in read) {
            this.skip(uri, read.skipped);
            summary.skipped++;
            continue;
          }
          analysis = this.host.analyze(uri, read.text, undefined);
        }
        this.store.set(uri, analysis);
        if (analysis) {
          summary.analysed++;
          summary.findings += analysis.result.findings.length;
          summary.open += analysis.result.findings.filter((f) => f.status === 'open').length;
        }
        // Let the editor breathe between files.
        if (i % 20 === 19) await new Promise<void>((r) => setImmediate(r));
      }
      summary.ms = performance.now() - t0;
      for (const l of links) l?.dispose();
      either.dispose();
      return summary;
    });
  }

  private skip(uri: vscode.Uri, reason: string): void {
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Threatlens skipped this file: ${reason}.`, vscode.DiagnosticSeverity.Warning);
    d.source = 'Threatlens';
    d.code = 'file/skipped';
    this.skippedFiles.set(uri, [d]);
  }
}

function isToken(x: unknown): x is vscode.CancellationToken {
  return typeof x === 'object' && x !== null && typeof (x as vscode.CancellationToken).isCancellationRequested === 'boolean' && typeof (x as vscode.CancellationToken).onCancellationRequested === 'function';
}
