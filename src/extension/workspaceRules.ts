/**
 * Workspace rules: `.threatlens/rules/*.yaml` in each workspace folder plus the folders named by
 * `threatlens.extraRuleFolders`. Read through `vscode.workspace.fs` (so virtual workspaces work)
 * and validated by the core's `validateRuleFile`; rule files are data and are never executed.
 */
import * as vscode from 'vscode';
import { validateRuleFile, type Catalog, type RuleFileError } from '../core/catalog/catalog';
import type { Rule } from '../core/rules/schema';
import type { ThreatlensSettings } from './settings';

export interface RuleFileProblem {
  uri: vscode.Uri;
  text: string;
  error: RuleFileError;
}

export interface WorkspaceRules {
  rules: Rule[];
  problems: RuleFileProblem[];
  /** Every rule file read, so a change to one of them reloads the rules. */
  files: vscode.Uri[];
}

const ABSOLUTE = /^(?:[a-zA-Z]:[\\/]|\/|\\\\)/;

/** The folders to read. Absolute paths count only when set in user settings or inside the workspace. */
export function ruleFolders(settings: ThreatlensSettings): vscode.Uri[] {
  const roots = vscode.workspace.workspaceFolders ?? [];
  const out = new Map<string, vscode.Uri>();
  const add = (u: vscode.Uri) => out.set(u.toString(), u);
  for (const f of roots) add(vscode.Uri.joinPath(f.uri, '.threatlens', 'rules'));
  for (const folder of settings.extraRuleFolders) {
    if (ABSOLUTE.test(folder)) {
      const uri = vscode.Uri.file(folder);
      if (settings.trustedRuleFolders.includes(folder) || vscode.workspace.getWorkspaceFolder(uri)) add(uri);
      continue;
    }
    const clean = folder.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
    if (clean.includes('..')) continue;
    for (const f of roots) add(vscode.Uri.joinPath(f.uri, ...clean));
  }
  return [...out.values()];
}

export async function loadWorkspaceRules(settings: ThreatlensSettings, catalog: Catalog): Promise<WorkspaceRules> {
  const result: WorkspaceRules = { rules: [], problems: [], files: [] };
  const decoder = new TextDecoder('utf-8');
  for (const folder of ruleFolders(settings)) {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      continue;
    }
    const names = entries.filter(([n, t]) => (t & vscode.FileType.File) !== 0 && /\.ya?ml$/i.test(n)).map(([n]) => n).sort();
    for (const name of names) {
      const uri = vscode.Uri.joinPath(folder, name);
      let text: string;
      try {
        text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      result.files.push(uri);
      const checked = validateRuleFile(text, vscode.workspace.asRelativePath(uri, false), catalog);
      result.rules.push(...checked.rules);
      for (const error of checked.errors) result.problems.push({ uri, text, error });
    }
  }
  return result;
}
