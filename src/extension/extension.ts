import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // wired in the editor issue
}

export function deactivate(): void {
  // nothing to release yet
}
