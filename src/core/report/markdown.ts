/**
 * The Markdown report a reviewer reads: summary counts, a prioritized table, then each
 * component with its threats, references and decisions. Every user-supplied string is escaped.
 */
import { LineIndex } from '../positions';
import type { Finding } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/score';
import { codeCell, codeSpan, escapeCell, escapeMarkdown, printablePath } from './escape';
import type { CatalogLookup, FileResult, RefInfo } from './types';
import { decisionLine } from './decisionLine';
import { statusDetail } from './messages';

const STATUS_LABEL: Record<Finding['status'], string> = { open: 'open', planned: 'planned', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable' };

/** `open (acceptance incomplete)`, `accepted (by LLM10:2025, which covers TL036, TL040)`, `planned`. */
function statusCell(f: Finding): string {
  const detail = statusDetail(f);
  return `${STATUS_LABEL[f.status]}${detail ? ` (${escapeMarkdown(detail)})` : ''}`;
}

function link(r: RefInfo | undefined, fallback: string): string {
  if (!r) return escapeMarkdown(fallback);
  return r.url ? `[${escapeMarkdown(r.id)}](${r.url}) ${escapeMarkdown(r.name)}` : `${escapeMarkdown(r.id)} ${escapeMarkdown(r.name)}`;
}

function refs(f: Finding, lookup: CatalogLookup): string {
  const owasp = f.owasp.map((o) => link(lookup.owasp(o), o)).join('; ');
  const atlas = f.atlas.map((a) => { const r = lookup.atlas(a); return r?.url ? `[${a}](${r.url})` : a; }).join(', ');
  return [owasp, atlas && `ATLAS ${atlas}`, `STRIDE ${f.stride.join('')}`].filter(Boolean).join(' · ');
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
  const out: string[] = [`# ${escapeMarkdown(title)}`, ''];
  const count = (pred: (f: Finding) => boolean) => all.filter((x) => pred(x.f)).length;
  out.push('## Summary', '', '| Files | Components | Findings | Open | Planned | Mitigated | Accepted | Critical (open) | High (open) | Medium (open) | Low (open) |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${results.length} | ${results.reduce((n, r) => n + r.file.models.reduce((m, x) => m + x.components.length, 0), 0)} | ${all.length} | ${open.length} | ${count((f) => f.status === 'planned')} | ${count((f) => f.status === 'mitigated')} | ${count((f) => f.status === 'accepted')} | ${open.filter((x) => x.f.severity === 'critical').length} | ${open.filter((x) => x.f.severity === 'high').length} | ${open.filter((x) => x.f.severity === 'medium').length} | ${open.filter((x) => x.f.severity === 'low').length} |`, '');

  const prioritized = [...all].sort((a, b) => Number(b.f.status === 'open') - Number(a.f.status === 'open') || b.f.score - a.f.score || SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity]);
  out.push('## Prioritized findings', '');
  if (prioritized.length === 0) out.push('No findings.', '');
  else {
    out.push('| Score | Severity | Status | Threat | Component | Where | Suggested control |', '|---:|---|---|---|---|---|---|');
    for (const { r, f } of prioritized) {
      const primary = lookup.owasp(f.owasp[0]);
      out.push(`| ${f.score.toFixed(1)} | ${f.severity} | ${statusCell(f)} | ${escapeCell(f.owasp[0] ?? f.ruleId)} ${escapeCell(primary?.name ?? '')}: ${escapeCell(f.title)} | ${codeCell(f.componentId)} | ${escapeCell(r.file.path)}:${lineOf(r, f.span.start)} | ${escapeCell(f.mitigations[0]?.name ?? '')} |`);
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
        out.push(`### ${codeSpan(c.id)} ${escapeMarkdown(c.label)} (${escapeMarkdown(c.kind)})`, '', `${escapeMarkdown(printablePath(r.file.path))} · kind ${c.kindSource === 'declared' ? 'declared' : 'inferred'}: ${escapeMarkdown(c.kindReason)}`, '');
        for (const f of fs) {
          out.push(`- **${f.score.toFixed(1)} ${f.severity}, ${statusCell(f)}**: ${escapeMarkdown(f.title)} (${escapeMarkdown(f.ruleId)})`);
          out.push(`  - ${refs(f, lookup)}`);
          if (f.evidence.length > 1) out.push(`  - Path: ${f.evidence.map((e) => codeSpan(e.componentId)).join(' → ')}`);
          out.push(`  - Why: ${escapeMarkdown(f.plain)}`);
          for (const d of f.decisions) out.push(`  - Decision: ${decisionLine(d, f.ruleId)}`);
          if (f.status === 'open' && f.mitigations.length) out.push(`  - Suggested: ${f.mitigations.map((m) => escapeMarkdown(m.name)).join('; ')}`);
        }
        out.push('');
      }
    }
  }
  const problems = results.flatMap((r) => r.problems.filter((p) => p.severity !== 'info').map((p) => ({ r, p })));
  if (problems.length) {
    out.push('## Problems in the model files', '');
    for (const { r, p } of problems) {
      out.push(`- ${escapeMarkdown(r.file.path)}:${lineOf(r, p.span.start)}: ${p.severity}: ${escapeMarkdown(p.message)}`);
    }
    out.push('');
  }
  return out.join('\n');
}
