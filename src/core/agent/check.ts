/**
 * What an agent (an MCP client, Copilot's agent mode) gets back from checking a file: the JSON
 * report's finding shape (so a client that knows `threatlens check --format json` knows this),
 * plus the plain-language line, and one text line per finding for clients that only read text.
 */
import { toJsonReport } from '../report/json';
import { printable } from '../report/escape';
import { findingMessage } from '../report/messages';
import type { CatalogLookup, FileResult } from '../report/types';
import type { Range } from '../positions';
import { VERSION } from '../version';

export interface AgentFinding extends Record<string, unknown> {
  ruleId: string;
  componentId: string;
  owasp: string[];
  atlas: string[];
  stride: string[];
  severity: string;
  status: string;
  range: Range;
  fingerprint: string;
  plain: string;
}

export interface AgentFile {
  path: string;
  format: string;
  findings: AgentFinding[];
  problems: { code: string; severity: string; message: string; range: Range }[];
  summary: { findings: number; open: number; decided: number; problems: number };
}

export function checkedFile(r: FileResult): AgentFile {
  const json = toJsonReport([r], VERSION).files[0];
  // The report keeps findings in the analysis's order, so index i is r.findings[i].
  const findings = json.findings.map((f, i) => ({ ...f, plain: r.findings[i].plain }) as AgentFinding);
  const open = r.findings.filter((f) => f.status === 'open').length;
  return {
    path: json.path, format: json.format, findings, problems: json.problems,
    summary: { findings: findings.length, open, decided: findings.length - open, problems: json.problems.length },
  };
}

/** `path:12 high open TL001 LLM01:2026 …: <title> on "llm" — <plain>`: one line per finding, one-based line numbers. */
export function checkLines(r: FileResult, lookup: CatalogLookup): string[] {
  const file = checkedFile(r);
  const lines = r.findings.map((f, i) => {
    const range = file.findings[i].range;
    const atlas = f.atlas.length ? ` ATLAS ${f.atlas.join(', ')}` : '';
    return `${printable(file.path)}:${range.start.line + 1} ${f.severity} ${f.status} ${f.ruleId} ${findingMessage(f, lookup)}${atlas}. ${printable(f.plain)}`;
  });
  const head = `${printable(file.path)}: ${file.summary.findings} finding(s), ${file.summary.open} open, ${file.summary.decided} decided, ${file.summary.problems} problem(s).`;
  return [head, ...lines, ...r.problems.map((p) => `${printable(file.path)}: ${p.severity} ${p.code}: ${printable(p.message)}`)];
}
