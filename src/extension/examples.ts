/** "Threatlens: Open an Example Diagram" (the walkthrough's first step): an untitled copy of a bundled example. */
import * as vscode from 'vscode';
import { CMD } from './commandIds';

const EXAMPLES: Record<string, string> = {
  'rag-support-bot.mmd': 'mermaid',
  'sql-code-agent.mmd': 'mermaid',
  'fine-tuning-pipeline.mmd': 'mermaid',
  'multi-agent-mcp.md': 'markdown',
  'travel-agent.threatlens.yaml': 'yaml',
};

export function registerExamples(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(CMD.openExample, async (name?: unknown) => {
    const file = typeof name === 'string' && Object.prototype.hasOwnProperty.call(EXAMPLES, name) ? name : 'rag-support-bot.mmd';
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'examples', file));
    // An untitled copy: trying the quick fixes never edits the installed extension's files.
    const doc = await vscode.workspace.openTextDocument({ content: new TextDecoder('utf-8').decode(bytes), language: EXAMPLES[file] });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.uri;
  }));
}
