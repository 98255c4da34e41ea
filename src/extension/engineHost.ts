/**
 * One Engine per configuration (enabled catalogs, workspace rules, size limit), rebuilt when any
 * of them changes, and the analysis of each file cached per document version. The extension's
 * only entry into the core's analysis: every feature asks this host, none builds an Engine.
 */
import * as vscode from 'vscode';
import { loadBuiltinCatalog, type Catalog } from '../core/catalog/catalog';
import { Engine } from '../core/engine';
import type { OwaspView } from '../core/catalog/editions';
import type { OwaspList } from '../core/catalog/catalog';
import { LineIndex } from '../core/positions';
import type { FileResult } from '../core/report/types';
import type { Rule } from '../core/rules/schema';
import { toRange } from './convert';
import { Settings, type CatalogId, type ThreatlensSettings } from './settings';
import { loadWorkspaceRules, ruleFolders } from './workspaceRules';

export interface Analysis {
  uri: vscode.Uri;
  /** Document version analysed; undefined when the text was read from disk. */
  version: number | undefined;
  result: FileResult;
  index: LineIndex;
  /** Engine generation that produced it. */
  generation: number;
  /** Time spent in the core, in milliseconds. */
  ms: number;
}

/** The core's view of the OWASP settings: lists on, editions shown, the edition of bare ids. */
export function owaspViewOf(s: Pick<ThreatlensSettings, 'catalogs' | 'owaspEditions' | 'defaultEdition'>): OwaspView {
  const lists = s.catalogs.map((c: CatalogId): OwaspList => (c === 'owasp-llm' ? 'llm' : 'agentic'));
  return { lists, editions: s.owaspEditions, defaultEdition: s.defaultEdition };
}

/** The path the engine sees: workspace-relative when possible, with an extension for untitled documents. */
export function enginePath(uri: vscode.Uri, languageId?: string): string {
  const base = uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.path;
  if (/\.(mmd|mermaid|md|markdown|ya?ml)$/i.test(base)) return base.replace(/\\/g, '/');
  const ext = languageId === 'mermaid' ? '.mmd' : languageId === 'markdown' ? '.md' : languageId === 'yaml' ? '.yaml' : '';
  return `${base}${ext}`;
}

export class EngineHost implements vscode.Disposable {
  readonly catalog: Catalog = loadBuiltinCatalog();
  engine: Engine;
  generation = 0;
  /** Resolves once the workspace rules have been read the first time. */
  readonly ready: Promise<void>;
  private readonly cache = new Map<string, Analysis>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeEngine = this.emitter.event;
  private readonly ruleDiagnostics = vscode.languages.createDiagnosticCollection('threatlens-rules');
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private configKey = '';
  private queue: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly settings: Settings) {
    this.engine = this.build([], settings.current);
    this.configKey = this.keyOf([], settings.current);
    this.ready = this.reload();
    this.disposables.push(settings.onDidChange(() => void this.reload()));
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()));
  }

  static register(context: vscode.ExtensionContext, settings: Settings): EngineHost {
    const host = new EngineHost(settings);
    context.subscriptions.push(host);
    return host;
  }

  /** Analyses `text` as the file `uri`; cached while the version and the engine stay the same. */
  analyze(uri: vscode.Uri, text: string, version: number | undefined, languageId?: string): Analysis | undefined {
    const key = uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.generation === this.generation && (version !== undefined ? hit.version === version : hit.result.file.text === text)) return hit;
    const t0 = performance.now();
    const result = this.engine.analyze(enginePath(uri, languageId), text);
    const ms = performance.now() - t0;
    if (!result) {
      this.cache.delete(key);
      return undefined;
    }
    const analysis: Analysis = { uri, version, result, index: new LineIndex(result.file.text), generation: this.generation, ms };
    this.cache.set(key, analysis);
    return analysis;
  }

  analyzeDocument(doc: vscode.TextDocument): Analysis | undefined {
    return this.analyze(doc.uri, doc.getText(), doc.version, doc.languageId);
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private keyOf(rules: readonly Rule[], s: ThreatlensSettings): string {
    return JSON.stringify([rules, [...s.catalogs].sort(), s.owaspEditions, s.defaultEdition, s.maxFileSize]);
  }

  private build(extraRules: Rule[], s: ThreatlensSettings): Engine {
    // Rules whose every OWASP id belongs to a list that is off are switched off by the engine.
    return new Engine(this.catalog, { extraRules, owasp: owaspViewOf(s), maxFileSize: s.maxFileSize });
  }

  /** Reads the workspace rules again (one reload at a time, in order). */
  reload(): Promise<void> {
    this.queue = this.queue.then(() => this.doReload()).catch((e: unknown) => console.error('[threatlens] reloading rules failed', e));
    return this.queue;
  }

  /** Rebuilds the engine when anything it depends on changed. */
  private async doReload(): Promise<void> {
    const s = this.settings.current;
    const loaded = await loadWorkspaceRules(s, this.catalog);
    this.publishRuleProblems(loaded.problems);
    this.watch(s);
    const key = this.keyOf(loaded.rules, s);
    if (key === this.configKey) return;
    this.configKey = key;
    this.engine = this.build(loaded.rules, s);
    this.generation++;
    this.emitter.fire();
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, 100);
  }

  private watch(s: ThreatlensSettings): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of ruleFolders(s)) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.{yaml,yml}'));
      w.onDidCreate(() => this.scheduleReload());
      w.onDidChange(() => this.scheduleReload());
      w.onDidDelete(() => this.scheduleReload());
      this.watchers.push(w);
    }
  }

  private publishRuleProblems(problems: { uri: vscode.Uri; text: string; skipped?: true; error: { message: string; span?: { start: number; end: number } } }[]): void {
    this.ruleDiagnostics.clear();
    const byFile = new Map<string, { uri: vscode.Uri; diags: vscode.Diagnostic[] }>();
    for (const p of problems) {
      const index = new LineIndex(p.text);
      const range = p.error.span ? toRange(index, p.error.span) : new vscode.Range(0, 0, 0, 0);
      const d = new vscode.Diagnostic(range, p.error.message, p.skipped ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
      d.source = 'Threatlens';
      d.code = p.skipped ? 'rules/skipped' : 'rules/invalid';
      const entry = byFile.get(p.uri.toString()) ?? { uri: p.uri, diags: [] };
      entry.diags.push(d);
      byFile.set(p.uri.toString(), entry);
    }
    for (const { uri, diags } of byFile.values()) this.ruleDiagnostics.set(uri, diags);
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
    this.ruleDiagnostics.dispose();
    this.emitter.dispose();
  }
}
