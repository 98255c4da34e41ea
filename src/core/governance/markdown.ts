/**
 * The compliance report as Markdown: what each instrument covers in these files and why, a
 * summary table by obligation, then per obligation the findings that bear on it with their
 * decisions. File text (labels, decision words, owners) is escaped; ids and paths are code spans.
 * It maps threats to obligations; it is no legal assessment, and it says so.
 */
import { codeCell, codeSpan, escapeProse } from '../report/escape';
import { decisionLine } from '../report/decisionLine';
import type { ComplianceEntry, ComplianceReport, InstrumentScope, ObligationGroup, StatusCounts } from './build';
import { obligationName } from './crosswalk';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function scopeLine(i: InstrumentScope, report: ComplianceReport): string {
  const where = i.because.map((b) => `${b.ids.map(codeSpan).join(', ')}${report.paths.length > 1 ? ` in ${codeSpan(b.path)}` : ''}`).join('; ');
  if (i.applies === 'personal-data') {
    if (!i.because.length) return `- **${i.name}**: no component is marked as holding personal data (\`data=pii\` or \`data=phi\`), so its obligations are left out. If personal data does pass through the system, mark where it is held (\`%% @component <id> data=pii\`) and run the report again.`;
    const held = `- **${i.name}**: personal data is held by ${where}`;
    if (!i.findings) return `${held}, but no finding sits on those components, within two flows of them or on a path through them, so none of its obligations has a threat listed.`;
    return `${held}; its obligations count for the ${plural(i.findings, 'finding')} on those components, within two flows of them or on a path through them.`;
  }
  if (!i.because.length) {
    const hint = report.coverage ? ' Some components are not recognised: if one is a model or an agent, declare its kind (`%% @component <id> kind=llm`).' : '';
    return `- **${i.name}**: the diagram shows no model, agent, training pipeline or model registry, so there is no AI system for its obligations to apply to.${hint}`;
  }
  return `- **${i.name}**: counts for the ${plural(i.findings, 'finding')} on the AI system around ${where}.`;
}

const statusCells = (c: StatusCounts) => `${c.open} | ${c.planned} | ${c.mitigated} | ${c.accepted} | ${c['not-applicable']}`;

function decisionCell(e: ComplianceEntry): string {
  const own = e.decisions.filter((d) => d.covers.includes(e.ruleId));
  if (!own.length) return e.status === 'open' ? 'none yet' : '';
  return own.map((d) => decisionLine(d, e.ruleId, escapeProse)).join('; ');
}

function entryRows(entries: readonly ComplianceEntry[], showPath: boolean): string[] {
  const out = ['| Finding | Component | Severity | Status | Decision |', '| --- | --- | --- | --- | --- |'];
  for (const e of entries) {
    const where = `${codeCell(e.componentId)} ${escapeProse(e.label)}, line ${e.line}${showPath ? ` of ${codeCell(e.path)}` : ''}`;
    out.push(`| ${codeCell(e.ruleId)} ${escapeProse(e.title)} | ${where} | ${e.severity} | ${e.status} | ${decisionCell(e)} |`);
  }
  return out;
}

function groupLines(g: ObligationGroup, showPath: boolean): string[] {
  const c = g.counts;
  const undecided = c.open ? `${c.open} still open` : 'every one decided';
  return [
    `## ${escapeProse(obligationName(g.obligation))}`, '',
    `${plural(g.entries.length, 'finding')}, ${undecided}. Why they bear on it:`, '',
    ...g.why.map((w) => `- ${escapeProse(w)}`), '',
    ...entryRows(g.entries, showPath), '',
  ];
}

export function toComplianceMarkdown(report: ComplianceReport, title = 'Threatlens compliance report'): string {
  const out = [`# ${escapeProse(title)}`, ''];
  const showPath = report.paths.length > 1;
  out.push(`Files: ${report.paths.map(codeSpan).join(', ') || 'none'}.`, '');
  out.push('Each finding of the threat model is linked to the obligations it bears on: EU AI Act (Regulation (EU) 2024/1689), GDPR (Regulation (EU) 2016/679) and NIST AI RMF 1.0. This is a map for the people who own those obligations, not a legal assessment. The EU AI Act articles listed bind high-risk AI systems; whether this system is one (Article 6 and Annex III) is for the team to decide.', '');
  out.push('## Scope', '');
  for (const i of report.instruments) out.push(scopeLine(i, report));
  out.push('');
  if (report.coverage) out.push(`**${report.coverage}.** No rule checks those components until their kind is declared, so obligations they bear on cannot show up here.`, '');
  if (!report.findings) {
    out.push(report.instruments.some((i) => i.because.length)
      ? 'No finding in these files: no obligation has a threat to answer for. The obligations still hold; this report only has nothing to map to them.'
      : 'No finding in these files, and no AI component or personal data that the obligations above would apply to.', '');
    return out.join('\n');
  }
  const c = report.counts;
  out.push(`${plural(report.findings, 'finding')}: ${c.open} open, ${c.planned} planned, ${c.mitigated} mitigated, ${c.accepted} accepted, ${c['not-applicable']} not applicable.${c.open ? '' : ' Every finding has a decision; the tables show who decided what.'}`, '');
  const used = report.groups.filter((g) => g.entries.length);
  if (used.length) {
    out.push('| Obligation | Findings | Open | Planned | Mitigated | Accepted | Not applicable |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const g of used) out.push(`| ${escapeProse(obligationName(g.obligation))} | ${g.entries.length} | ${statusCells(g.counts)} |`);
    out.push('');
  } else out.push('None of the findings falls in the scope of an obligation listed here.', '');
  for (const g of used) out.push(...groupLines(g, showPath));
  const idle = report.groups.filter((g) => !g.entries.length);
  if (idle.length) out.push('## Obligations with no finding', '', `No finding in these files bears on ${idle.map((g) => escapeProse(obligationName(g.obligation))).join('; ')}.`, '');
  if (report.unmapped.length) {
    out.push('## Findings the crosswalk does not cover', '', 'These come from rules outside the built-in catalog; add them to a crosswalk to see their obligations.', '', ...entryRows(report.unmapped, showPath), '');
  }
  return out.join('\n');
}

/** The same report as JSON-ready data: obligations with their findings and decisions. */
export function toComplianceJson(report: ComplianceReport): unknown {
  const entry = (e: ComplianceEntry) => ({
    path: e.path, componentId: e.componentId, label: e.label, line: e.line, ruleId: e.ruleId, title: e.title, severity: e.severity, status: e.status,
    decisions: e.decisions.filter((d) => d.covers.includes(e.ruleId)).map((d) => ({
      type: d.type, threat: d.threat, text: d.text,
      ...(d.status ? { status: d.status } : {}), ...(d.owner ? { owner: d.owner } : {}), ...(d.expires ? { expires: d.expires } : {}),
      ...(d.expired ? { expired: true } : {}), ...(d.incomplete ? { incomplete: true } : {}),
    })),
  });
  return {
    threatlensCompliance: '1',
    paths: report.paths,
    summary: { findings: report.findings, ...report.counts, ...(report.coverage ? { coverage: report.coverage } : {}) },
    instruments: report.instruments.map((i) => ({ id: i.id, name: i.name, applies: i.applies, findings: i.findings, because: i.because })),
    obligations: report.groups.map((g) => ({
      id: g.obligation.id, instrument: g.obligation.instrument, ref: g.obligation.ref, title: g.obligation.title,
      why: g.why, counts: g.counts, findings: g.entries.map(entry),
    })),
    unmapped: report.unmapped.map(entry),
  };
}
