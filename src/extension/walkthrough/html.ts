/**
 * The webview's HTML: a strict Content Security Policy with a per-load nonce, and nothing but the
 * built script and stylesheet from dist/webview/ (the panel's only `localResourceRoots`).
 *
 * Why `style-src … 'unsafe-inline'`: Mermaid writes a `<style>` element into every SVG it renders
 * and sets `style` attributes on nodes and edges; without it diagrams lose their layout colours.
 * Styles cannot run code, and scripts stay locked to the nonce: no inline script, no `eval`, no
 * remote origin, so a label that smuggles `<img onerror=…>` or `<script>` past every escaping
 * layer still runs nothing.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../core/report/escape';

/** Folder of the built webview assets (scripts/build-webview.mjs writes them). */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(cspSource: string, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${scriptNonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function walkthroughHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const root = webviewAssetsRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'walkthrough.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'walkthrough.css'));
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app" aria-busy="true"><p class="loading">Loading the walkthrough…</p></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
