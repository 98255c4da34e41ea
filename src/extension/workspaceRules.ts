/**
 * Workspace rules: `.threatlens/rules/*.yaml` in each workspace folder plus the folders named by
 * `threatlens.extraRuleFolders`. Read through `vscode.workspace.fs` (so virtual workspaces work)
 * with the checks of safeRead.ts (a regular file, within the rule-file size limit, not leading out
 * of its folder; anything else is a warning on that file) and validated by the core's
 * `validateRuleFile`; rule files are data and are never executed.
 */
import * as vscode from 'vscode';
import { RULE_FILE_LIMITS, validateRuleFile, type Catalog, type RuleFileError } from '../core/catalog/catalog';
import type { Rule } from '../core/rules/schema';
import { readWorkspaceText, workspaceRootOf } from './safeRead';
import type { ThreatlensSettings } from './settings';
import { appendAll } from '../core/arrays';

/** Files a little over the rule-file limit are read so the validator reports them in its own words; far larger ones are not read. */
const RULE_FILE_READ_LIMIT = 4 * RULE_FILE_LIMITS.maxBytes;

export interface RuleFileProblem {
  uri: vscode.Uri;
  text: string;
  error: RuleFileError;
  /** A file left unread (not a regular file, too large, a link out of its folder): a warning, not a rule error. */
  skipped?: true;
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
  for (const folder of ruleFolders(settings)) {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      continue;
    }
    // Every YAML name, whatever its type: a directory, FIFO or link with a rule file's name gets a warning.
    const names = entries.filter(([n]) => /\.ya?ml$/i.test(n)).map(([n]) => n).sort();
    // Rule folders in a workspace folder stay in it; a folder configured outside the workspace is its own root.
    const root = workspaceRootOf(folder) ?? folder;
    for (const name of names) {
      const uri = vscode.Uri.joinPath(folder, name);
      const path = vscode.workspace.asRelativePath(uri, false);
      const read = await readWorkspaceText(uri, { root, maxBytes: RULE_FILE_READ_LIMIT });
      if ('skipped' in read) {
        const detail = `Threatlens skipped this rule file: ${read.skipped}.`;
        result.problems.push({ uri, text: '', skipped: true, error: { file: path, path: '', detail, message: detail } });
        continue;
      }
      result.files.push(uri);
      const checked = validateRuleFile(read.text, path, catalog);
      appendAll(result.rules, checked.rules);
      for (const error of checked.errors) result.problems.push({ uri, text: read.text, error });
    }
  }
  return result;
}
