/**
 * The Markdown report a reviewer reads, rendered or as raw text in a pull request's diff: summary
 * counts, a prioritized table, each component with its findings and decisions, then the guidance
 * once per rule (a rule fires on many components with the same explanation and controls). File
 * text is escaped only where Markdown would misread it (`escapeProse`), ids and paths are code
 * spans, and the long references are collapsed in <details> blocks.
 */
import { LineIndex } from '../positions';
import type { Finding } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import { codeCell, codeSpan, escapeProse } from './escape';
import { alsoIds, groupsOf, primaryRef, statusDetail } from './messages';
import type { CatalogLookup, FileResult, RefInfo } from './types';
import { decisionLine } from './decisionLine';
import { coverageLine, UNRECOGNISED_CODE } from '../inference/recognition';
import { appendAll } from '../arrays';

const STATUS_LABEL: Record<Finding['status'], string> = { open: 'open', planned: 'planned', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable' };

/** `open (acceptance incomplete)`, `accepted (by LLM10:2025, which covers TL036, TL040)`, `planned`. */
function statusCell(f: Finding): string {
  const detail = statusDetail(f);
  return `${STATUS_LABEL[f.status]}${detail ? ` (${escapeProse(detail)})` : ''}`;
}

/**
 * Catalog links as reference links (`[LLM01:2025] Prompt Injection`), each URL defined once at the
 * end: the raw text stays readable, and a long URL is not repeated for every rule citing it.
 */
type Links = Map<string, string>;

function link(id: string, r: RefInfo | undefined, links: Links): string {
  if (!r) return escapeProse(id);
  if (!r.url) return `${escapeProse(r.id)} ${escapeProse(r.name)}`;
  links.set(r.id, r.url);
  return `[${escapeProse(r.id)}] ${escapeProse(r.name)}`;
}

/** One finding of a component, on one line: the guidance is under its rule. */
function findingLine(f: Finding): string {
  const path = f.evidence.length > 1 ? `, path ${f.evidence.map((e) => codeSpan(e.componentId)).join(' → ')}` : '';
  const threat = groupsOf(f)[0]?.[0];
  return `- **${f.score.toFixed(1)} ${f.severity}, ${statusCell(f)}**: ${escapeProse(f.title)} (${codeSpan(f.ruleId)}${threat ? `, ${escapeProse(threat)}` : ''})${path}`;
}

/** The guidance of one rule, written once for all its findings. */
function ruleSection(fs: readonly Finding[], lookup: CatalogLookup, links: Links): string[] {
  const f = fs[0];
  const open = fs.filter((x) => x.status === 'open').length;
  const where = [...new Set(fs.map((x) => x.componentId))].map((id) => codeSpan(id)).join(', ');
  const also = alsoIds(f);
  const facts = [
    escapeProse(primaryRef(f, lookup)),
    also.length ? `also ${also.map((id) => escapeProse(id)).join(', ')}` : '',
    `STRIDE ${f.stride.join(', ')}`,
    f.lenses.length ? `${f.lenses.length === 1 ? 'lens' : 'lenses'} ${f.lenses.map((l) => escapeProse(lookup.lens(l)?.name ?? l)).join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  const out = [`### ${codeSpan(f.ruleId)} ${escapeProse(f.title)}`, '', facts, '', `${fs.length} finding${fs.length === 1 ? '' : 's'} (${open} open) on ${where}.`, '', `Why: ${escapeProse(f.plain)}`, ''];
  if (f.mitigations.length) out.push(`Suggested: ${f.mitigations.map((m) => escapeProse(m.name)).join('; ')}.`, '');
  const refs = groupsOf(f).flat().map((id) => link(id, lookup.owasp(id), links));
  const atlas = f.atlas.map((a) => link(a, lookup.atlas(a), links));
  out.push('<details>', '<summary>References and the security view</summary>', '');
  out.push(`- OWASP: ${refs.join('; ')}`);
  if (atlas.length) out.push(`- ATLAS: ${atlas.join('; ')}`);
  out.push(`- For the security team: ${escapeProse(f.security)}`, '', '</details>', '');
  return out;
}

export function toMarkdown(results: FileResult[], lookup: CatalogLookup, title = 'Threatlens threat model report'): string {
  // One line index per file, built when first needed: a file's text is indexed once, not per finding.
  const indexes = new Map<FileResult, LineIndex>();
  const lineOf = (r: FileResult, offset: number) => {
    let idx = indexes.get(r);
    if (!idx) {
      idx = new LineIndex(r.file.text);
      indexes.set(r, idx);
    }
    return idx.positionAt(offset).line + 1;
  };
  const all = results.flatMap((r) => r.findings.map((f) => ({ r, f })));
  const open = all.filter((x) => x.f.status === 'open');
  const out: string[] = [`# ${escapeProse(title)}`, ''];
  const count = (pred: (f: Finding) => boolean) => all.filter((x) => pred(x.f)).length;
  out.push('## Summary', '', '| Files | Components | Findings | Open | Planned | Mitigated | Accepted | Critical (open) | High (open) | Medium (open) | Low (open) |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${results.length} | ${results.reduce((n, r) => n + r.file.models.reduce((m, x) => m + x.components.length, 0), 0)} | ${all.length} | ${open.length} | ${count((f) => f.status === 'planned')} | ${count((f) => f.status === 'mitigated')} | ${count((f) => f.status === 'accepted')} | ${open.filter((x) => x.f.severity === 'critical').length} | ${open.filter((x) => x.f.severity === 'high').length} | ${open.filter((x) => x.f.severity === 'medium').length} | ${open.filter((x) => x.f.severity === 'low').length} |`, '');

  const coverage = coverageLine(results);
  if (coverage) {
    // Silence about a component nobody could place is not safety: name them.
    const unplaced = results.flatMap((r) => r.problems.filter((p) => p.code === UNRECOGNISED_CODE).map((p) => codeSpan(`${r.file.path}:${lineOf(r, p.span.start)}`)));
    out.push(`**${coverage}.** No rule checks these until their kind is declared: ${unplaced.slice(0, 10).join(', ')}${unplaced.length > 10 ? `, and ${unplaced.length - 10} more` : ''}.`, '');
  }

  const prioritized = [...all].sort((a, b) => Number(b.f.status === 'open') - Number(a.f.status === 'open') || b.f.score - a.f.score || SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity]);
  out.push('## Prioritized findings', '');
  if (prioritized.length === 0) out.push(coverage ? 'No findings among the recognised components.' : 'No findings.', '');
  else {
    out.push('| Score | Severity | Status | Threat | Component | Where | Rule |', '|---:|---|---|---|---|---|---|');
    for (const { r, f } of prioritized) {
      out.push(`| ${f.score.toFixed(1)} | ${f.severity} | ${statusCell(f)} | ${escapeProse(primaryRef(f, lookup))}: ${escapeProse(f.title)} | ${codeCell(f.componentId)} | ${codeCell(`${r.file.path}:${lineOf(r, f.span.start)}`)} | ${codeCell(f.ruleId)} |`);
    }
    out.push('');
  }

  out.push('## Components', '');
  for (const r of results) {
    // The file's findings grouped by component (id and declaration) once, in their order.
    const byComponent = new Map<string, Finding[]>();
    for (const f of r.findings) {
      const key = `${f.componentId}\u0000${f.span.start}`;
      const list = byComponent.get(key);
      if (list) list.push(f);
      else byComponent.set(key, [f]);
    }
    for (const model of r.file.models) {
      for (const c of model.components) {
        const fs = byComponent.get(`${c.id}\u0000${c.span.start}`) ?? [];
        if (fs.length === 0) continue;
        // kindReason usually says how already ("inferred from label …"); say it when it does not.
        const how = /^(declared|inferred)\b/.test(c.kindReason) ? '' : `${c.kindSource === 'declared' ? 'declared' : 'inferred'}: `;
        out.push(`### ${codeSpan(c.id)} ${escapeProse(c.label)} (${escapeProse(c.kind)})`, '', `${codeSpan(`${r.file.path}:${lineOf(r, c.span.start)}`)} · kind ${how}${escapeProse(c.kindReason)}`, '');
        for (const f of fs) {
          out.push(findingLine(f));
          for (const d of f.decisions) out.push(`  - Decision: ${decisionLine(d, f.ruleId, escapeProse)}`);
        }
        out.push('');
      }
    }
  }

  const byRule = new Map<string, Finding[]>();
  for (const { f } of prioritized) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const links: Links = new Map();
  if (byRule.size) {
    out.push('## Rules: why and what to do', '');
    for (const fs of byRule.values()) appendAll(out, ruleSection(fs, lookup, links));
  }

  const problems = results.flatMap((r) => r.problems.filter((p) => p.severity !== 'info').map((p) => ({ r, p })));
  if (problems.length) {
    out.push('## Problems in the model files', '');
    for (const { r, p } of problems) {
      out.push(`- ${codeSpan(`${r.file.path}:${lineOf(r, p.span.start)}`)}: ${p.severity}: ${escapeProse(p.message)}`);
    }
    out.push('');
  }
  if (links.size) {
    appendAll(out, [...links].map(([id, url]) => `[${escapeProse(id)}]: ${url}`));
    out.push('');
  }
  return out.join('\n');
}
