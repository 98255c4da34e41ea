/**
 * The "Risks, limitations and security" section of a Hugging Face model card, for each model
 * component of the analysed files (select.ts): its threats with their status and decisions, the
 * residual risk after those decisions (the briefing's weights), and the uses to rule out while a
 * threat is open or only accepted. File text is escaped; ids are code spans.
 */
import type { Finding } from '../analysis/finding';
import type { Catalog } from '../catalog/types';
import { coverageLine } from '../inference/recognition';
import { LineIndex } from '../positions';
import { decisionLine } from '../report/decisionLine';
import { codeCell, codeSpan, escapeProse } from '../report/escape';
import { residualRisk } from '../report/goNoGo';
import type { FileResult } from '../report/types';
import { OUT_OF_SCOPE, OUT_OF_SCOPE_BY_RULE, riskBase } from './outOfScope';
import { cardFindings, findingsByComponent, modelComponents, type ModelComponent } from './select';

export const SECTION_HEADING = '## Risks, limitations and security';

export interface CardModel {
  path: string;
  model: ModelComponent;
  line: number;
  findings: Finding[];
  /** Sum of scores, and what is left after the decisions. */
  inherent: number;
  residual: number;
  outOfScope: string[];
}

export interface CardSubject {
  models: CardModel[];
  paths: string[];
  coverage: string;
}


/** Rule ids, then the rule's declared OWASP ids, give the out-of-scope lines of the undecided or accepted threats. */
function outOfScopeOf(findings: readonly Finding[], catalog: Catalog): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (f.status !== 'open' && f.status !== 'accepted') continue;
    const ids = catalog.ruleById.get(f.ruleId)?.owasp ?? f.owasp;
    const lines = ids.length ? ids.map((id) => OUT_OF_SCOPE[riskBase(id)]) : [OUT_OF_SCOPE_BY_RULE[f.ruleId]];
    for (const line of lines) if (line && !out.includes(line)) out.push(line);
  }
  return out;
}

/** The model components of the files (only `componentId` when given) with their card data. */
export function buildCardSubject(results: readonly FileResult[], catalog: Catalog, componentId?: string): CardSubject {
  const models: CardModel[] = [];
  for (const r of results) {
    const lines = new LineIndex(r.file.text);
    for (const m of r.file.models) {
      const inModel = findingsByComponent(r.findings.filter((f) => f.span.start >= m.span.start && f.span.start <= m.span.end));
      for (const mc of modelComponents(m)) {
        if (componentId !== undefined && mc.component.id !== componentId) continue;
        const findings = cardFindings(mc, inModel);
        const { inherent, residual } = residualRisk(findings);
        models.push({
          path: r.file.path, model: mc, line: lines.positionAt(mc.component.span.start).line + 1, findings,
          inherent, residual, outOfScope: outOfScopeOf(findings, catalog),
        });
      }
    }
  }
  return { models, paths: results.map((r) => r.file.path), coverage: coverageLine(results) };
}

function threatRows(cm: CardModel): string[] {
  const out = ['| Threat | Where | Severity | Status | Decision |', '| --- | --- | --- | --- | --- |'];
  const upstreamById = new Map(cm.model.upstream.map((u) => [u.id, u]));
  for (const f of cm.findings) {
    const own = f.decisions.filter((d) => d.covers.includes(f.ruleId));
    const decision = own.length ? own.map((d) => decisionLine(d, f.ruleId, escapeProse)).join('; ') : f.status === 'open' ? 'none yet' : '';
    const upstream = upstreamById.get(f.componentId);
    const where = upstream ? `upstream: ${codeCell(upstream.id)} ${escapeProse(upstream.label)}` : 'this model';
    out.push(`| ${codeCell(f.ruleId)} ${escapeProse(f.title)} | ${where} | ${f.severity} | ${f.status} | ${decision} |`);
  }
  return out;
}

function modelLines(cm: CardModel, showPath: boolean): string[] {
  const c = cm.model.component;
  const out = [`### ${codeSpan(c.id)} ${escapeProse(c.label)}`, ''];
  const upstream = cm.model.upstream.length ? ` Threats of the build steps upstream (${cm.model.upstream.map((u) => codeSpan(u.id)).join(', ')}) are included: they reach the model through training.` : '';
  out.push(`Role in the system: ${cm.model.role}, declared at line ${cm.line}${showPath ? ` of ${codeSpan(cm.path)}` : ''}.${upstream}`, '');
  if (!cm.findings.length) {
    out.push('The threat model finds no threat for this model. That covers only what the diagram shows: flows, trust boundaries and decisions that are not drawn are not assessed.', '');
    return out;
  }
  const open = cm.findings.filter((f) => f.status === 'open').length;
  const pct = cm.inherent ? Math.round((100 * cm.residual) / cm.inherent) : 0;
  out.push(`${cm.findings.length} threat${cm.findings.length === 1 ? '' : 's'}, ${open ? `${open} without a decision` : 'every one decided'}. Residual risk: ${cm.residual} of ${cm.inherent} points (${pct}%) after the decisions (open and accepted threats count in full, planned controls remove a quarter, implemented ones three quarters).`, '');
  out.push(...threatRows(cm), '');
  out.push('**Out-of-scope uses.**', '');
  if (cm.outOfScope.length) {
    out.push('Until the open or accepted threats above are dealt with, do not use this model for:', '', ...cm.outOfScope.map((l) => `- ${escapeProse(l)}`), '');
  } else {
    out.push('Every threat is mitigated, planned or ruled out, so none of them restricts the uses of this model. Check the controls with `threatlens verify` before relying on them.', '');
  }
  return out;
}

/** The section, heading included, ending with one newline. */
export function toCardSection(subject: CardSubject): string {
  const out = [SECTION_HEADING, ''];
  out.push(`<!-- Written by threatlens model-card from ${subject.paths.map((p) => escapeProse(p).replace(/--/g, '-\u200b-')).join(', ')}; record decisions in the diagram and run it again rather than editing here. -->`, '');
  if (subject.coverage) out.push(`**${escapeProse(subject.coverage)}.** Threats to or through those components are not assessed until their kind is declared.`, '');
  if (!subject.models.length) {
    const hint = subject.coverage ? ' If one of the unrecognised components is the model, declare its kind (`%% @component <id> kind=llm`, `kind=ml-model`) and run it again.' : '';
    out.push(`The threat model shows no model component (kind llm, embedding-model or ml-model, or a model registry a training pipeline writes to), so there is no model whose risks this section could describe.${hint}`, '');
    return `${out.join('\n').trimEnd()}\n`;
  }
  const showPath = subject.paths.length > 1;
  for (const cm of subject.models) out.push(...modelLines(cm, showPath));
  return `${out.join('\n').trimEnd()}\n`;
}
