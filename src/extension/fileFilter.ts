/** Which files Threatlens reads: the include/exclude globs (core glob matcher) and the URI schemes it handles. */
import * as vscode from 'vscode';
import { compileGlob, type Glob } from '../core/glob';
import type { ThreatlensSettings } from './settings';

/** Schemes whose documents are files a person edits (not output panes, git views or settings). */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata', 'memfs', 'vscode-test-web']);

export function isEditableScheme(uri: vscode.Uri): boolean {
  return SCHEMES.has(uri.scheme);
}

const cache = new Map<string, Glob>();
function re(glob: string): Glob {
  let r = cache.get(glob);
  if (!r) {
    r = compileGlob(glob.replace(/^\.\//, ''));
    cache.set(glob, r);
  }
  return r;
}

/** Path relative to its workspace folder, with `/`; undefined outside the workspace. */
export function workspaceRelative(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  return globs.some((g) => re(g).test(relPath));
}

/** Excluded by `threatlens.exclude` (only workspace files can be excluded). */
export function isExcluded(uri: vscode.Uri, s: ThreatlensSettings): boolean {
  const rel = workspaceRelative(uri);
  return rel !== undefined && matchesAny(rel, s.exclude);
}

/** Read by the workspace scan: included and not excluded. */
export function isScanned(uri: vscode.Uri, s: ThreatlensSettings): boolean {
  const rel = workspaceRelative(uri);
  return rel !== undefined && matchesAny(rel, s.include) && !matchesAny(rel, s.exclude);
}
