/**
 * Reading a workspace file the editor has not opened (rule files, the workspace scan, a file
 * changed on disk). `workspace.fs.readFile` reads whatever the path leads to: a checked-in link to
 * `/dev/zero` would fill the extension host's memory, a FIFO would block it. So the entry is
 * `stat`ed first: it must be a file, under the size limit, and when it is a link (or a linked
 * folder leads to it) its real path must stay inside `root`. For `file:` URIs the real path comes
 * from Node; other schemes cannot say where a link leads, so links are refused there.
 */
import { realpath } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import * as vscode from 'vscode';

export type SafeRead = { text: string } | { skipped: string };

export interface SafeReadLimits {
  /** The workspace folder or rule folder the file must stay in. */
  root: vscode.Uri;
  maxBytes: number;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function kindOf(type: vscode.FileType): string {
  if (type & vscode.FileType.Directory) return 'a directory';
  if (type & vscode.FileType.SymbolicLink) return 'a symbolic link to something that is not a regular file';
  return 'not a regular file (a named pipe, socket or device)';
}

async function realInside(uri: vscode.Uri, root: vscode.Uri): Promise<string | undefined> {
  let real: string;
  let base: string;
  try {
    [real, base] = await Promise.all([realpath(uri.fsPath), realpath(root.fsPath)]);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a dangling symbolic link' : `cannot be resolved (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  return inside(base, real) ? undefined : `its real path ${real} is outside ${base}`;
}

export async function readWorkspaceText(uri: vscode.Uri, limits: SafeReadLimits): Promise<SafeRead> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    return { skipped: e instanceof vscode.FileSystemError && e.code === 'FileNotFound' ? 'no such file (or a dangling symbolic link)' : `cannot be read (${e instanceof Error ? e.message : String(e)})` };
  }
  const link = (stat.type & vscode.FileType.SymbolicLink) !== 0;
  if (uri.scheme === 'file') {
    // Also for entries that are not links themselves: a linked parent folder can lead out as well.
    const outside = await realInside(uri, limits.root);
    if (outside) return { skipped: outside };
  } else if (link) return { skipped: 'a symbolic link, which this file system cannot resolve safely' };
  if ((stat.type & vscode.FileType.File) === 0) return { skipped: kindOf(stat.type) };
  if (stat.size > limits.maxBytes) return { skipped: `${stat.size} bytes is over the ${limits.maxBytes}-byte limit` };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    return { skipped: `cannot be read (${e instanceof Error ? e.message : String(e)})` };
  }
  // The size can be stale (a file that grew after the stat): refused all the same.
  if (bytes.byteLength > limits.maxBytes) return { skipped: `${bytes.byteLength} bytes is over the ${limits.maxBytes}-byte limit` };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** The workspace folder `uri` belongs to, as the root its real path must stay in. */
export function workspaceRootOf(uri: vscode.Uri): vscode.Uri | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri;
}

/**
 * The byte limit for an architecture file under a character limit (`threatlens.maxFileSize`): a
 * file larger than this is over the limit whatever its encoding (UTF-8 takes at most 3 bytes per
 * UTF-16 unit), so it is skipped unread; smaller ones are read and the engine reports those over.
 */
export function maxBytesFor(maxChars: number): number {
  return maxChars * 3;
}
