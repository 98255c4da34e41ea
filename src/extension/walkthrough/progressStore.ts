/**
 * Walkthrough progress per file, in workspaceState (keyed by the document URI), so a walkthrough
 * resumes at the step where it stopped, with the steps already marked done, after the panel is
 * closed or VS Code restarts. Nothing is written into the file for this: progress is personal,
 * decisions are not (they go into the file).
 */
import type * as vscode from 'vscode';

export interface StoredProgress {
  stepId?: string;
  done: string[];
}

const PREFIX = 'threatlens.walkthrough:';
const OPEN_PANELS = 'threatlens.walkthrough.openPanels';

export class ProgressStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(uri: vscode.Uri): StoredProgress {
    const raw = this.memento.get<unknown>(PREFIX + uri.toString());
    if (typeof raw !== 'object' || raw === null) return { done: [] };
    const r = raw as { stepId?: unknown; done?: unknown };
    return {
      ...(typeof r.stepId === 'string' ? { stepId: r.stepId } : {}),
      done: Array.isArray(r.done) ? r.done.filter((x): x is string => typeof x === 'string') : [],
    };
  }

  async update(uri: vscode.Uri, change: Partial<StoredProgress>): Promise<StoredProgress> {
    const next = { ...this.get(uri), ...change };
    await this.memento.update(PREFIX + uri.toString(), next);
    return next;
  }

  /**
   * Files whose panel is open. VS Code does not always save a webview's state before a browser
   * window reloads, so a restored panel without state is matched to one of these by its title.
   */
  openPanels(): string[] {
    const raw = this.memento.get<unknown>(OPEN_PANELS);
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  }

  async setPanelOpen(uri: vscode.Uri, open: boolean): Promise<void> {
    const key = uri.toString();
    const rest = this.openPanels().filter((u) => u !== key);
    await this.memento.update(OPEN_PANELS, open ? [...rest, key] : rest);
  }
}
