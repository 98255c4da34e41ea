/**
 * "Threatlens: Export Report…": the core's Markdown, SARIF or JSON writer, or the verification
 * plan, over every analysed file (the workspace is scanned first when it has not been), into an
 * untitled editor or a file the user picks. Arguments skip the pickers:
 * `{ format, destination: 'untitled' | 'file', uri? }`.
 */
import * as vscode from 'vscode';
import { toJsonReport } from '../core/report/json';
import { toMarkdown } from '../core/report/markdown';
import { toSarif } from '../core/report/sarif';
import { VERSION } from '../core/version';
import { toVerificationMarkdown } from '../core/verify/markdown';
import { buildVerificationPlan } from '../core/verify/plan';
import type { AnalysisStore } from './analysisStore';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';
import type { WorkspaceScan } from './workspaceScan';

type Format = 'markdown' | 'sarif' | 'json' | 'verification';

interface ExportArgs {
  format?: Format;
  destination?: 'untitled' | 'file';
  /** Target file for `destination: 'file'`; asked for when absent. */
  uri?: string;
}

const FORMATS: { label: string; format: Format; ext: string; language: string }[] = [
  { label: 'Markdown', format: 'markdown', ext: 'md', language: 'markdown' },
  { label: 'SARIF 2.1.0', format: 'sarif', ext: 'sarif', language: 'json' },
  { label: 'JSON', format: 'json', ext: 'json', language: 'json' },
  { label: 'Verification plan (Markdown)', format: 'verification', ext: 'md', language: 'markdown' },
];

export class ReportExport {
  private constructor(private readonly host: EngineHost, private readonly store: AnalysisStore, private readonly scan: WorkspaceScan) {}

  static register(context: vscode.ExtensionContext, host: EngineHost, store: AnalysisStore, scan: WorkspaceScan): void {
    const e = new ReportExport(host, store, scan);
    context.subscriptions.push(vscode.commands.registerCommand(CMD.exportReport, (args?: ExportArgs) => e.run(args ?? {})));
  }

  private render(format: Format): string {
    const results = this.store.all().map((a) => a.result).sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
    const lookup = this.host.engine.lookup;
    if (format === 'markdown') return toMarkdown(results, lookup);
    if (format === 'verification') return toVerificationMarkdown(buildVerificationPlan(results, this.host.engine.catalog));
    if (format === 'json') return `${JSON.stringify(toJsonReport(results, VERSION), null, 2)}\n`;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    return `${JSON.stringify(toSarif(results, this.host.engine.rules, lookup, VERSION, root), null, 2)}\n`;
  }

  /** Returns the document or file written, or undefined when cancelled. */
  async run(args: ExportArgs): Promise<vscode.Uri | undefined> {
    const format = args.format ? FORMATS.find((f) => f.format === args.format) : await vscode.window.showQuickPick(FORMATS, { title: 'Threatlens report format' });
    if (!format) return undefined;
    let destination = args.destination;
    if (!destination) {
      const picked = await vscode.window.showQuickPick([
        { label: 'Open in a new editor', value: 'untitled' as const },
        { label: 'Save to a file…', value: 'file' as const },
      ], { title: 'Where should the report go?' });
      if (!picked) return undefined;
      destination = picked.value;
    }
    if (!this.scan.completed && vscode.workspace.workspaceFolders?.length) await this.scan.run(vscode.ProgressLocation.Notification);
    const text = this.render(format.format);
    if (destination === 'untitled') {
      const doc = await vscode.workspace.openTextDocument({ content: text, language: format.language });
      await vscode.window.showTextDocument(doc, { preview: false });
      return doc.uri;
    }
    let target = args.uri ? vscode.Uri.parse(args.uri) : undefined;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      target = await vscode.window.showSaveDialog({
        title: 'Save the Threatlens report',
        defaultUri: folder ? vscode.Uri.joinPath(folder, `threatlens-report.${format.ext}`) : undefined,
        filters: { [format.label]: [format.ext] },
      });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    if (!args.uri) void vscode.window.showInformationMessage(`Threatlens report saved to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  }
}
