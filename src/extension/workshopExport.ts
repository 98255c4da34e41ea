/**
 * "Threatlens: Export Workshop Pack": the facilitator's pack of one file (src/core/workshop/), the
 * same as `threatlens workshop`. Markdown opens as an untitled document; HTML is saved where the
 * user picks (next to the file by default), as the printable briefing is. From the palette it asks
 * for the format and the session length; arguments skip the questions:
 * `{ uri: source file, format: 'markdown' | 'html', minutes?: session length, target?: HTML file }`.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildWorkshopPack, toWorkshopMarkdown, workshopPage, workshopSection, type WorkshopOptions } from '../core/workshop';
import { CMD } from './commandIds';
import type { EngineHost } from './engineHost';

type Format = 'markdown' | 'html';

interface Args {
  uri?: string;
  format?: Format;
  minutes?: number;
  target?: string;
}

/** Session lengths offered; the CLI's --minutes takes any length from 30 to 480. */
const SESSIONS: readonly { label: string; minutes?: number }[] = [
  { label: 'One session, as long as it needs' },
  { label: '60-minute sessions', minutes: 60 },
  { label: '90-minute sessions', minutes: 90 },
  { label: '120-minute sessions', minutes: 120 },
];

function validArgs(raw: unknown): Args {
  if (raw instanceof vscode.Uri) return { uri: raw.toString() };
  if (!raw || typeof raw !== 'object') return {};
  const a = raw as Record<string, unknown>;
  return {
    ...(typeof a.uri === 'string' ? { uri: a.uri } : {}),
    ...(a.format === 'markdown' || a.format === 'html' ? { format: a.format } : {}),
    ...(typeof a.minutes === 'number' && Number.isInteger(a.minutes) && a.minutes >= 30 && a.minutes <= 480 ? { minutes: a.minutes } : {}),
    ...(typeof a.target === 'string' ? { target: a.target } : {}),
  };
}

async function ask(args: Args): Promise<{ format: Format; minutes?: number } | undefined> {
  let format = args.format;
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      [{ label: 'Open as Markdown', format: 'markdown' as const }, { label: 'Save as HTML…', description: 'printable, one card per page', format: 'html' as const }],
      { title: 'Export the workshop pack' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  if (args.format) return { format, ...(args.minutes ? { minutes: args.minutes } : {}) };
  const session = await vscode.window.showQuickPick(SESSIONS.map((s) => ({ ...s })), { title: 'How long is one session?' });
  if (!session) return undefined;
  return { format, ...(session.minutes ? { minutes: session.minutes } : {}) };
}

/** Returns the document opened or the file written, or undefined when there is no model or the user cancelled. */
export async function exportWorkshopPack(host: EngineHost, raw: unknown): Promise<vscode.Uri | undefined> {
  const args = validArgs(raw);
  const source = args.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  const doc = source ? await vscode.workspace.openTextDocument(source) : undefined;
  const a = doc ? host.analyzeDocument(doc) : undefined;
  if (!source || !a || a.result.file.models.length === 0) {
    void vscode.window.showInformationMessage('Threatlens: open a Mermaid diagram, a Markdown file with a ```mermaid fence or a Threatlens YAML model first; the workshop pack is made for one file.');
    return undefined;
  }
  const choice = await ask(args);
  if (!choice) return undefined;
  const path = vscode.workspace.asRelativePath(source);
  const options: WorkshopOptions = { path, date: new Date().toISOString().slice(0, 10), ...(choice.minutes ? { minutes: choice.minutes } : {}) };
  const pack = buildWorkshopPack(a.result, host.catalog, host.engine.lookup, options);
  if (choice.format === 'markdown') {
    const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: toWorkshopMarkdown(pack) });
    await vscode.window.showTextDocument(out, { preview: false });
    return out.uri;
  }
  let target = args.target ? vscode.Uri.parse(args.target) : undefined;
  if (!target) {
    target = await vscode.window.showSaveDialog({
      title: 'Save the printable workshop pack',
      defaultUri: source.with({ path: `${source.path.replace(/\.[^./]*$/, '')}.workshop.html` }),
      filters: { HTML: ['html'] },
    });
    if (!target) return undefined;
  }
  const page = workshopPage(`Workshop pack: ${path}`, [workshopSection(pack)], randomBytes(18).toString('base64url'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(page));
  if (!args.target) {
    const open = 'Open';
    const written = target;
    void vscode.window.showInformationMessage(`Workshop pack saved to ${vscode.workspace.asRelativePath(written)}; open it in a browser to print.`, open).then((picked) => {
      if (picked === open) void vscode.env.openExternal(written);
    });
  }
  return target;
}

export function registerWorkshopExport(context: vscode.ExtensionContext, host: EngineHost): void {
  context.subscriptions.push(vscode.commands.registerCommand(CMD.exportWorkshopPack, (arg?: unknown) => exportWorkshopPack(host, arg)));
}
