/**
 * The `threatlens.*` settings, read in one place into one typed object. Every feature reads
 * `Settings.current` and listens to `Settings.onDidChange`; nothing else calls getConfiguration.
 */
import * as vscode from 'vscode';
import type { FindingStatus, Severity } from '../core/analysis/finding';
import { DEFAULT_MAX_FILE_SIZE } from '../core/document';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const CATALOG_IDS = ['owasp-llm', 'owasp-agentic'] as const;
export type CatalogId = (typeof CATALOG_IDS)[number];
/** The names the setting had when each list had one edition; still read, as the same lists. */
const OLD_CATALOG_IDS: Readonly<Record<string, CatalogId>> = { 'owasp-llm-2025': 'owasp-llm', 'owasp-agentic-2026': 'owasp-agentic' };
export const OWASP_EDITIONS = ['2026', '2025'] as const;

export interface ThreatlensSettings {
  debounceMs: number;
  /** Diagnostic severity of open findings, per score band. */
  severity: Record<Severity, SeverityName>;
  /** Mitigated, accepted and not-applicable findings: Hint diagnostics, or not shown. */
  decidedFindings: 'hint' | 'hidden';
  /** Statuses left out of diagnostics and the Threats view. */
  hiddenStatuses: FindingStatus[];
  include: string[];
  exclude: string[];
  catalogs: CatalogId[];
  /** Current OWASP LLM editions shown, headline edition first. */
  owaspEditions: number[];
  /** The LLM edition an unqualified id such as `LLM03` in an annotation means. */
  defaultEdition: number;
  extraRuleFolders: string[];
  /** Extra rule folders set in user settings: they may point outside the workspace. */
  trustedRuleFolders: string[];
  maxFileSize: number;
  codeLens: boolean;
  /** Findings shown as diagnostics on one line, riskiest first (0: all). */
  maxPerLine: number;
}

export const DEFAULT_INCLUDE = ['**/*.mmd', '**/*.mermaid', '**/*.md', '**/*.markdown', '**/*.yaml', '**/*.yml'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**'];

const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];
const STATUSES: readonly FindingStatus[] = ['open', 'planned', 'mitigated', 'accepted', 'not-applicable'];
const DEFAULT_SEVERITY: Record<Severity, SeverityName> = { critical: 'error', high: 'error', medium: 'warning', low: 'information' };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

function readCatalogs(values: string[]): CatalogId[] {
  const out: CatalogId[] = [];
  for (const v of values) {
    const id = (CATALOG_IDS as readonly string[]).includes(v) ? (v as CatalogId) : OLD_CATALOG_IDS[v];
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Valid editions in the order given; an empty or invalid list falls back to both, newest first. */
function readEditions(v: unknown): number[] {
  const out = strings(v).filter((x) => (OWASP_EDITIONS as readonly string[]).includes(x)).map(Number).filter((n, k, all) => all.indexOf(n) === k);
  return out.length ? out : OWASP_EDITIONS.map(Number);
}

/** A whole number of at least 0; anything else is the default of 2. */
function readMaxPerLine(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 2;
}

export function readSettings(): ThreatlensSettings {
  const c = vscode.workspace.getConfiguration('threatlens');
  const severity = { ...DEFAULT_SEVERITY };
  for (const band of Object.keys(DEFAULT_SEVERITY) as Severity[]) {
    const v = c.get<string>(`severity.${band}`);
    if (v && (SEVERITY_NAMES as readonly string[]).includes(v)) severity[band] = v as SeverityName;
  }
  const debounce = c.get<number>('debounceMs', 250);
  const maxFileSize = c.get<number>('maxFileSize', DEFAULT_MAX_FILE_SIZE);
  const catalogs = c.get<unknown>('catalogs');
  const folders = c.inspect<string[]>('extraRuleFolders');
  return {
    debounceMs: Number.isFinite(debounce) ? Math.max(0, Math.min(10_000, debounce)) : 250,
    severity,
    decidedFindings: c.get<string>('decidedFindings') === 'hidden' ? 'hidden' : 'hint',
    hiddenStatuses: strings(c.get('hiddenStatuses')).filter((s): s is FindingStatus => (STATUSES as readonly string[]).includes(s)),
    include: Array.isArray(c.get('include')) ? strings(c.get('include')) : DEFAULT_INCLUDE,
    exclude: Array.isArray(c.get('exclude')) ? strings(c.get('exclude')) : DEFAULT_EXCLUDE,
    catalogs: Array.isArray(catalogs) ? readCatalogs(strings(catalogs)) : [...CATALOG_IDS],
    owaspEditions: readEditions(c.get<unknown>('owaspEditions')),
    defaultEdition: c.get<string>('defaultEdition') === '2026' ? 2026 : 2025,
    extraRuleFolders: strings(c.get('extraRuleFolders')),
    trustedRuleFolders: strings(folders?.globalValue),
    maxFileSize: Number.isFinite(maxFileSize) && maxFileSize > 0 ? maxFileSize : DEFAULT_MAX_FILE_SIZE,
    codeLens: c.get<boolean>('codeLens.enabled', true),
    maxPerLine: readMaxPerLine(c.get<unknown>('diagnostics.maxPerLine')),
  };
}

/** Holds the current settings and tells listeners when a `threatlens.*` setting changes. */
export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ThreatlensSettings>();
  private readonly listener: vscode.Disposable;
  current: ThreatlensSettings = readSettings();
  readonly onDidChange = this.emitter.event;

  private constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('threatlens')) return;
      this.current = readSettings();
      this.emitter.fire(this.current);
    });
  }

  static register(context: vscode.ExtensionContext): Settings {
    const s = new Settings();
    context.subscriptions.push(s);
    return s;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
