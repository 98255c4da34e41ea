/**
 * The compliance view of a threat model: for every obligation of the crosswalk, the findings
 * that bear on it and how each was decided (open, planned, mitigated, accepted with its owner and
 * review date, not applicable). An obligation of an instrument that does not apply to a finding
 * (no AI system around it, no personal data near it) does not get that finding. Pure: the CLI,
 * the editor command and the tests call the same function on the engine's results.
 */
import type { DecisionRef, Finding, FindingStatus, Severity } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import { coverageLine } from '../inference/recognition';
import type { Component, SystemModel } from '../model';
import { LineIndex } from '../positions';
import type { FileResult } from '../report/types';
import { builtinCrosswalk, type Crosswalk, type Obligation } from './crosswalk';
import type { Applies } from './schema';
import { modelScope, type ModelScope } from './scope';

export interface ComplianceEntry {
  path: string;
  componentId: string;
  label: string;
  ruleId: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  /** 1-based line of the component's declaration. */
  line: number;
  decisions: DecisionRef[];
}

export type StatusCounts = Record<FindingStatus, number>;

export interface ObligationGroup {
  obligation: Obligation;
  /** The crosswalk's reasons for the findings listed, each once, riskiest finding's first. */
  why: string[];
  entries: ComplianceEntry[];
  counts: StatusCounts;
}

export interface InstrumentScope {
  id: string;
  name: string;
  applies: Applies;
  /** How many of the report's findings the instrument counts for. */
  findings: number;
  /** The components that put findings in scope: AI components, or those holding personal data. */
  because: { path: string; ids: string[] }[];
}

export interface ComplianceReport {
  paths: string[];
  /** Every obligation of the crosswalk, in its order; those with no finding have no entries. */
  groups: ObligationGroup[];
  instruments: InstrumentScope[];
  findings: number;
  counts: StatusCounts;
  /** Findings of rules the crosswalk does not know (workspace rules), so nothing is hidden. */
  unmapped: ComplianceEntry[];
  /** `2 components not recognised: coverage incomplete`, or ''. */
  coverage: string;
}

const emptyCounts = (): StatusCounts => ({ open: 0, planned: 0, mitigated: 0, accepted: 0, 'not-applicable': 0 });

interface Indexed {
  model: SystemModel;
  byId: ReadonlyMap<string, Component>;
  scope: ModelScope;
}

/** The diagram holding the finding: ids repeat across the diagrams of one Markdown file. */
function modelOf(f: Finding, models: readonly Indexed[]): Indexed | undefined {
  return models.find((m) => f.span.start >= m.model.span.start && f.span.start <= m.model.span.end && m.byId.has(f.componentId))
    ?? models.find((m) => m.byId.has(f.componentId));
}

function inScope(applies: Applies, scope: ModelScope | undefined, f: Finding): boolean {
  if (!scope) return false;
  if (applies === 'ai-system') return scope.aiSystem.has(f.componentId);
  return scope.nearPersonalData.has(f.componentId) || f.evidence.some((e) => scope.personalData.has(e.componentId));
}

const byRisk = (a: ComplianceEntry, b: ComplianceEntry) =>
  SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);

export function buildCompliance(all: readonly FileResult[], crosswalk: Crosswalk = builtinCrosswalk()): ComplianceReport {
  const results = all.filter((r) => r.file.models.length > 0);
  const groups = new Map<string, ObligationGroup>(crosswalk.obligations.map((o) => [o.id, { obligation: o, why: [], entries: [], counts: emptyCounts() }]));
  const instruments = crosswalk.instruments.map((i): InstrumentScope => ({ ...i, findings: 0, because: [] }));
  const counts = emptyCounts();
  const unmapped: ComplianceEntry[] = [];
  let findings = 0;
  for (const r of results) {
    const lines = new LineIndex(r.file.text);
    const models = r.file.models.map((m): Indexed => ({ model: m, byId: new Map(m.components.map((c) => [c.id, c])), scope: modelScope(m) }));
    for (const i of instruments) {
      const ids = [...new Set(models.flatMap(({ scope: s }) => (i.applies === 'ai-system' ? s.aiComponents : s.personalDataComponents)))];
      if (ids.length) i.because.push({ path: r.file.path, ids });
    }
    for (const f of r.findings) {
      const model = modelOf(f, models);
      const scope = model?.scope;
      const entry: ComplianceEntry = {
        path: r.file.path, componentId: f.componentId,
        label: model?.byId.get(f.componentId)?.label ?? f.componentId,
        ruleId: f.ruleId, title: f.title, severity: f.severity, status: f.status,
        line: lines.positionAt(f.span.start).line + 1, decisions: f.decisions,
      };
      findings++;
      counts[f.status]++;
      const links = crosswalk.byRule.get(f.ruleId);
      if (!links?.length) { unmapped.push(entry); continue; }
      for (const i of instruments) if (inScope(i.applies, scope, f)) i.findings++;
      // A rule may reach one obligation through two links (two reasons): list the finding once.
      const placed = new Set<string>();
      for (const l of links) {
        const g = groups.get(l.obligation);
        if (!g || placed.has(l.obligation) || !inScope(g.obligation.applies, scope, f)) continue;
        placed.add(l.obligation);
        g.entries.push(entry);
        g.counts[entry.status]++;
      }
    }
  }
  for (const g of groups.values()) {
    g.entries.sort(byRisk);
    for (const e of g.entries) {
      for (const l of crosswalk.byRule.get(e.ruleId) ?? []) if (l.obligation === g.obligation.id && !g.why.includes(l.why)) g.why.push(l.why);
    }
  }
  unmapped.sort(byRisk);
  return { paths: results.map((r) => r.file.path), groups: [...groups.values()], instruments, findings, counts, unmapped, coverage: coverageLine(results) };
}
