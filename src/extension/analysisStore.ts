/**
 * The latest analysis of every file Threatlens knows: open documents and files read by the
 * workspace scan. Diagnostics, the Threats view, the status bar and CodeLens all read from here
 * and refresh on `onDidChange`.
 */
import * as vscode from 'vscode';
import type { Analysis } from './engineHost';

export class AnalysisStore implements vscode.Disposable {
  private readonly entries = new Map<string, Analysis>();
  private readonly emitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /** Fired with the files whose analysis changed or was removed. */
  readonly onDidChange = this.emitter.event;

  static register(context: vscode.ExtensionContext): AnalysisStore {
    const store = new AnalysisStore();
    context.subscriptions.push(store);
    return store;
  }

  get(uri: vscode.Uri): Analysis | undefined {
    return this.entries.get(uri.toString());
  }

  all(): Analysis[] {
    return [...this.entries.values()];
  }

  set(uri: vscode.Uri, analysis: Analysis | undefined): void {
    const key = uri.toString();
    const old = this.entries.get(key);
    if (old === analysis) return;
    if (analysis) this.entries.set(key, analysis);
    else if (old) this.entries.delete(key);
    else return;
    this.emitter.fire([uri]);
  }

  /** Removes the file and, for a deleted folder, everything below it. */
  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    const prefix = key.endsWith('/') ? key : `${key}/`;
    const gone = [...this.entries.values()].filter((a) => {
      const k = a.uri.toString();
      return k === key || k.startsWith(prefix);
    });
    for (const a of gone) this.entries.delete(a.uri.toString());
    if (gone.length) this.emitter.fire(gone.map((a) => a.uri));
  }

  /** Tells listeners that everything may look different (settings changed). */
  refreshAll(): void {
    this.emitter.fire(this.all().map((a) => a.uri));
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
