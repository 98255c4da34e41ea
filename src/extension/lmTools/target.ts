/**
 * The document a tool call is about: the `file` the model named (a workspace-relative path, an
 * absolute path or a URI) or the active editor's. Only files in a workspace folder, or already
 * open, are read, so a model cannot go through arbitrary files of the machine.
 */
import * as vscode from 'vscode';
import type { Analysis, EngineHost } from '../engineHost';

export class ToolRefusal extends Error {}

function uriOf(file: string): vscode.Uri | undefined {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(file) || /^untitled:/i.test(file)) return vscode.Uri.parse(file);
  if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, ...file.split(/[\\/]/).filter(Boolean)) : undefined;
}

export async function targetDocument(file: string | undefined): Promise<vscode.TextDocument> {
  if (file === undefined || !file.trim()) {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) throw new ToolRefusal('No file was given and no editor is active: name the diagram file.');
    return doc;
  }
  const uri = uriOf(file.trim());
  if (!uri) throw new ToolRefusal(`Cannot tell which file ${file} is: no workspace folder is open; give its full path.`);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  if (!vscode.workspace.getWorkspaceFolder(uri)) throw new ToolRefusal(`${file} is outside the workspace folders; Threatlens tools only read files of the workspace.`);
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch (e) {
    throw new ToolRefusal(`Cannot open ${file}: ${(e as Error).message}`);
  }
}

/** The document's current analysis, or a refusal for a file Threatlens does not read. */
export function analysisOf(host: EngineHost, doc: vscode.TextDocument): Analysis {
  const a = host.analyzeDocument(doc);
  if (!a) throw new ToolRefusal(`${vscode.workspace.asRelativePath(doc.uri)} is not a diagram Threatlens reads (Mermaid, Markdown with mermaid fences, Threatlens or Threagile YAML).`);
  return a;
}

/** A tool result of text parts; a refusal is an answer the model reads, not an exception. */
export function textResult(...parts: string[]): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult(parts.map((p) => new vscode.LanguageModelTextPart(p)));
}

export async function refusing(body: () => Promise<vscode.LanguageModelToolResult> | vscode.LanguageModelToolResult): Promise<vscode.LanguageModelToolResult> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof ToolRefusal) return textResult(e.message);
    throw e;
  }
}
