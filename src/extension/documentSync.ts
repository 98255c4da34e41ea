/**
 * Keeps the store in step with the files: analyses on open, on change (debounced by
 * `threatlens.debounceMs`), on save; removes a file on delete; on close (of its last tab, or of
 * the document), forgets files outside the workspace, and re-reads workspace files from disk when
 * their document goes (the editor's unsaved text is gone).
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysisStore';
import type { EngineHost } from './engineHost';
import { isEditableScheme, isExcluded } from './fileFilter';
import { maxBytesFor, readWorkspaceText } from './safeRead';
import type { Settings } from './settings';

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

export class DocumentSync implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly settings: Settings) {
    const ws = vscode.workspace;
    this.disposables.push(
      ws.onDidOpenTextDocument((d) => this.now(d)),
      ws.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.later(e.document); }),
      ws.onDidSaveTextDocument((d) => this.now(d)),
      ws.onDidCloseTextDocument((d) => void this.closed(d)),
      ws.onDidDeleteFiles((e) => { for (const u of e.files) this.removed(u); }),
      ws.onDidRenameFiles((e) => { for (const f of e.files) this.removed(f.oldUri); }),
      // onDidCloseTextDocument may come late or never when a tab closes; tabs tell at once.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsChanged(e)),
      host.onDidChangeEngine(() => this.reanalyzeAll()),
      settings.onDidChange(() => this.reanalyzeAll()),
    );
    const watcher = ws.createFileSystemWatcher('**/*.{mmd,mermaid,md,markdown,yaml,yml}');
    this.disposables.push(
      watcher,
      watcher.onDidDelete((u) => this.removed(u)),
      watcher.onDidChange((u) => void this.changedOnDisk(u)),
    );
    for (const d of ws.textDocuments) this.now(d);
  }

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, settings: Settings): DocumentSync {
    const sync = new DocumentSync(host, store, settings);
    context.subscriptions.push(sync);
    return sync;
  }

  private relevant(doc: vscode.TextDocument): boolean {
    return isEditableScheme(doc.uri) && !isExcluded(doc.uri, this.settings.current);
  }

  /** Analyses the document now (cancelling a pending debounced run). */
  now(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    if (doc.isClosed) return;
    if (!this.relevant(doc)) {
      this.store.set(doc.uri, undefined);
      return;
    }
    this.store.set(doc.uri, this.host.analyzeDocument(doc));
  }

  private later(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.now(doc);
    }, this.settings.current.debounceMs));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  private async closed(doc: vscode.TextDocument): Promise<void> {
    this.cancel(doc.uri);
    if (doc.uri.scheme === 'untitled' || !vscode.workspace.getWorkspaceFolder(doc.uri)) {
      this.host.forget(doc.uri);
      this.store.set(doc.uri, undefined);
      return;
    }
    // A workspace file stays known (like a scanned one), as it is on disk now.
    await this.fromDisk(doc.uri);
  }

  private tabsChanged(e: vscode.TabChangeEvent): void {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map(tabUri).filter((u) => u !== undefined).map((u) => u.toString()));
    for (const uri of e.closed.map(tabUri)) {
      if (!uri || shown.has(uri.toString())) continue;
      if (uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(uri)) continue;
      this.cancel(uri);
      this.store.set(uri, undefined);
    }
    // A document that was never disposed is shown again without a new open event.
    for (const uri of e.opened.map(tabUri)) {
      if (!uri || this.store.get(uri)) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) this.now(doc);
    }
  }

  private removed(uri: vscode.Uri): void {
    this.cancel(uri);
    this.host.forget(uri);
    this.store.delete(uri);
  }

  private async changedOnDisk(uri: vscode.Uri): Promise<void> {
    if (!this.store.get(uri)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    await this.fromDisk(uri);
  }

  private async fromDisk(uri: vscode.Uri): Promise<void> {
    // A checkout can turn a known file into a FIFO or a link to a device: read it only if safeRead allows.
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    const read = root ? await readWorkspaceText(uri, { root, maxBytes: maxBytesFor(this.settings.current.maxFileSize) }) : undefined;
    if (!read || 'skipped' in read) {
      this.removed(uri);
      return;
    }
    const text = read.text;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    this.store.set(uri, isExcluded(uri, this.settings.current) ? undefined : this.host.analyze(uri, text, undefined));
  }

  /** After a settings or rules change: everything again, open documents from the editor, others from their last text. */
  private reanalyzeAll(): void {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d] as const));
    for (const d of open.values()) this.now(d);
    for (const a of this.store.all()) {
      if (open.has(a.uri.toString())) continue;
      if (isExcluded(a.uri, this.settings.current)) this.store.set(a.uri, undefined);
      else this.store.set(a.uri, this.host.analyze(a.uri, a.result.file.text, undefined));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
