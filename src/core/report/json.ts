/**
 * The JSON output contract (README "JSON output", schemas/report.schema.json). Fields may be
 * added; the documented ones are never renamed. Ranges are zero-based LSP ranges.
 */
import { LineIndex, type Range } from '../positions';
import { UNRECOGNISED_CODE } from '../inference/recognition';
import { REPORT_VERSION, TOOL_NAME, type FileResult } from './types';

export interface JsonReport {
  version: string;
  tool: { name: string; version: string };
  files: JsonFile[];
  summary: Record<string, number>;
}

interface JsonFile {
  path: string;
  format: string;
  components: { id: string; label: string; kind: string; kindSource: string; kindReason: string; boundary?: string; properties: Record<string, string>; range: Range }[];
  flows: { from: string; to: string; label?: string; range: Range }[];
  boundaries: { id: string; label: string; members: string[]; range: Range }[];
  findings: Record<string, unknown>[];
  problems: { code: string; severity: string; message: string; range: Range; suggestions?: string[] }[];
}

export function toJsonReport(results: FileResult[], toolVersion: string): JsonReport {
  const summary: Record<string, number> = { files: results.length, components: 0, findings: 0, open: 0, planned: 0, mitigated: 0, accepted: 0, 'not-applicable': 0, critical: 0, high: 0, medium: 0, low: 0, problems: 0, unrecognised: 0 };
  const files = results.map((r) => {
    const idx = new LineIndex(r.file.text);
    const comps = r.file.models.flatMap((m) => m.components);
    summary.components += comps.length;
    summary.findings += r.findings.length;
    summary.problems += r.problems.length;
    for (const p of r.problems) if (p.code === UNRECOGNISED_CODE) summary.unrecognised += 1;
    for (const f of r.findings) {
      summary[f.status] += 1;
      if (f.status === 'open') summary[f.severity] += 1;
    }
    const file: JsonFile = {
      path: r.file.path,
      format: r.file.format,
      components: comps.map((c) => ({
        id: c.id, label: c.label, kind: c.kind, kindSource: c.kindSource, kindReason: c.kindReason,
        ...(c.boundary ? { boundary: c.boundary } : {}), properties: c.properties, range: idx.range(c.span),
      })),
      flows: r.file.models.flatMap((m) => m.flows.filter((f) => !f.invisible).map((f) => ({ from: f.from, to: f.to, ...(f.label ? { label: f.label } : {}), range: idx.range(f.span) }))),
      boundaries: r.file.models.flatMap((m) => m.boundaries.map((b) => ({ id: b.id, label: b.label, members: b.members, range: idx.range(b.span) }))),
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        componentId: f.componentId,
        title: f.title,
        owasp: f.owasp,
        owaspGroups: f.owaspGroups ?? f.owasp.map((id) => [id]),
        atlas: f.atlas,
        stride: f.stride,
        lenses: f.lenses,
        likelihood: f.likelihood,
        impact: f.impact,
        score: f.score,
        ...(f.scoreFactors ? { scoreFactors: f.scoreFactors } : {}),
        ...(f.sink ? { sink: f.sink } : {}),
        severity: f.severity,
        status: f.status,
        range: idx.range(f.span),
        evidence: f.evidence.map((e) => ({ componentId: e.componentId, range: idx.range(e.span) })),
        mitigations: f.mitigations,
        decisions: f.decisions.map((d) => ({
          type: d.type, threat: d.threat, covers: [...d.covers], text: d.text, ...(d.incomplete ? { incomplete: true } : {}),
          ...(d.status ? { status: d.status } : {}), ...(d.owner ? { owner: d.owner } : {}), ...(d.expires ? { expires: d.expires, expired: d.expired === true } : {}), range: idx.range(d.span),
        })),
        fingerprint: f.fingerprint,
      })),
      problems: r.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, range: idx.range(p.span), ...(p.suggestions?.length ? { suggestions: p.suggestions } : {}) })),
    };
    return file;
  });
  return { version: REPORT_VERSION, tool: { name: TOOL_NAME, version: toolVersion }, files, summary };
}
