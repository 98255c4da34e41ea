/**
 * Diff as JSON (`--format json`), validated by `diffReportSchema` in the tests. Lines are 1-based
 * here (unlike the LSP ranges of the check report) because they are for people and links.
 */
import type { Finding } from '../../analysis/finding';
import { REPORT_VERSION, TOOL_NAME } from '../../report/types';
import type { DiffFinding, ThreatDiff } from '../types';

function finding(x: DiffFinding): Record<string, unknown> {
  const f: Finding = x.finding;
  return {
    path: x.path, line: x.line, column: x.column,
    ruleId: f.ruleId, componentId: f.componentId, title: f.title, owasp: f.owasp, atlas: f.atlas,
    score: f.score, severity: f.severity, status: f.status, fingerprint: f.fingerprint,
    mitigations: f.mitigations.map((m) => ({ id: m.id, name: m.name, stub: m.stub })),
    // Which findings each decision closes: one naming an OWASP id covers every finding citing it.
    decisions: f.decisions.map((d) => ({ type: d.type, threat: d.threat, covers: [...d.covers], ...(d.incomplete ? { incomplete: true } : {}) })),
    ...(x.expired ? { expiredAcceptance: { text: x.expired.text, ...(x.expired.owner ? { owner: x.expired.owner } : {}), ...(x.expired.expires ? { expires: x.expired.expires } : {}) } } : {}),
  };
}

export function diffToJson(d: ThreatDiff, toolVersion: string): Record<string, unknown> {
  return {
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion },
    base: d.base,
    head: d.head,
    summary: {
      new: d.newFindings.length,
      newOpen: d.newFindings.filter((x) => x.finding.status === 'open').length,
      resolved: d.resolved.length,
      statusChanges: d.statusChanges.length,
      reopened: d.reopened.length,
      componentsAdded: d.components.added.length,
      componentsRemoved: d.components.removed.length,
      flowsAdded: d.flows.added.length,
      flowsRemoved: d.flows.removed.length,
      baselined: d.baselined,
      unchanged: d.unchanged,
    },
    newFindings: d.newFindings.map(finding),
    statusChanges: d.statusChanges.map((c) => ({ ...finding(c), from: c.from, to: c.to })),
    reopened: d.reopened.map(finding),
    resolved: d.resolved.map((r) => ({ ...r.record, reason: r.reason })),
    components: d.components,
    flows: d.flows,
    files: d.files,
  };
}
