/** The Threats view's filters (severity, status, OWASP id) and the commands that set them. */
import * as vscode from 'vscode';
import type { Finding, FindingStatus, Severity } from '../core/analysis/finding';
import type { Catalog } from '../core/catalog/catalog';
import { CMD } from './commandIds';
import type { ThreatlensSettings } from './settings';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const STATUSES: readonly FindingStatus[] = ['open', 'planned', 'mitigated', 'accepted', 'not-applicable'];

export interface FilterState {
  severities?: Severity[];
  statuses?: FindingStatus[];
  /** OWASP id, short (`LLM01`) or qualified (`LLM01:2025`). */
  owasp?: string;
}

export function passes(f: Finding, filter: FilterState, s: ThreatlensSettings): boolean {
  if (s.hiddenStatuses.includes(f.status)) return false;
  if (filter.severities && !filter.severities.includes(f.severity)) return false;
  if (filter.statuses && !filter.statuses.includes(f.status)) return false;
  if (filter.owasp) {
    // A bare id means the default edition, as in annotations: LLM05 is a different risk in 2026.
    const raw = filter.owasp.toUpperCase();
    const want = raw.includes(':') ? raw : raw.startsWith('ASI') ? `${raw}:2026` : `${raw}:${s.defaultEdition}`;
    if (!f.owasp.includes(want)) return false;
  }
  return true;
}

export function describe(filter: FilterState): string | undefined {
  const parts = [
    filter.severities ? filter.severities.join(', ') : '',
    filter.statuses ? filter.statuses.join(', ') : '',
    filter.owasp ?? '',
  ].filter(Boolean);
  return parts.length ? `Filtered: ${parts.join(' · ')}` : undefined;
}

/** Registers the filter commands; `apply` receives the new state. Arguments skip the pickers (tests, keybindings). */
export function registerFilterCommands(context: vscode.ExtensionContext, get: () => FilterState, apply: (f: FilterState) => void, catalog: Catalog): void {
  const pickMany = async <T extends string>(items: readonly T[], current: readonly T[] | undefined, title: string): Promise<T[] | undefined> => {
    const picked = await vscode.window.showQuickPick(items.map((label) => ({ label, picked: !current || current.includes(label) })), { canPickMany: true, title });
    return picked?.map((p) => p.label);
  };
  const onlyKnown = <T extends string>(v: unknown, known: readonly T[]): T[] | undefined =>
    Array.isArray(v) ? v.filter((x): x is T => typeof x === 'string' && (known as readonly string[]).includes(x)) : undefined;

  context.subscriptions.push(
    vscode.commands.registerCommand(CMD.filterBySeverity, async (arg?: unknown) => {
      const chosen = onlyKnown(arg, SEVERITIES) ?? (await pickMany(SEVERITIES, get().severities, 'Show findings of these severities'));
      if (!chosen) return;
      apply({ ...get(), severities: chosen.length === SEVERITIES.length ? undefined : chosen });
    }),
    vscode.commands.registerCommand(CMD.filterByStatus, async (arg?: unknown) => {
      const chosen = onlyKnown(arg, STATUSES) ?? (await pickMany(STATUSES, get().statuses, 'Show findings with these statuses'));
      if (!chosen) return;
      apply({ ...get(), statuses: chosen.length === STATUSES.length ? undefined : chosen });
    }),
    vscode.commands.registerCommand(CMD.filterByOwasp, async (arg?: unknown) => {
      let id = typeof arg === 'string' ? arg : undefined;
      if (id === undefined) {
        const items = [{ label: 'All', description: 'no OWASP filter', id: '' }, ...[...catalog.owasp.values()].map((e) => ({ label: e.qid, description: e.name, id: e.qid }))];
        id = (await vscode.window.showQuickPick(items, { title: 'Show findings citing this OWASP entry', matchOnDescription: true }))?.id;
        if (id === undefined) return;
      }
      apply({ ...get(), owasp: id.trim() === '' ? undefined : id.trim() });
    }),
    vscode.commands.registerCommand(CMD.clearFilters, () => apply({})),
  );
}
