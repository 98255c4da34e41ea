/**
 * The decisions a quick fix (or the walkthrough) writes into a model file: a planned mitigation,
 * an accepted risk, a not-applicable note, a declared kind. One entry point per format-neutral
 * request; each returns the minimal text edits, or none when an equivalent decision is already
 * written (so computing the fix again on the edited text gives nothing: the fix is idempotent).
 */
import type { ParsedFile } from '../document';
import type { ComponentKind, DecisionStatus } from '../model';
import { decisionsAbout, locate, qualifyThreat, sameThreat, type ComponentRef, type ThreatResolver } from './locate';
import { declareKindMermaid, insertAnnotationLine } from './mermaid';
import { annotationTarget, quoteAnnotationText, quoteYaml, type TextEdit } from './text';
import { supersedeEdits } from './supersede';
import { decisionToChange, updateEdits } from './update';
import { yamlAddEntry, yamlKindEntry, type YamlEntry } from './yaml';

export interface MitigateRequest extends ComponentRef, Supersedes {
  type: 'mitigates';
  /** Threat id; a bare OWASP id (`LLM01`) is written edition-qualified (`LLM01:2025`). */
  threat: string;
  /** The control, e.g. a catalog mitigation's stub. */
  control: string;
  status?: DecisionStatus;
}

export interface AcceptRequest extends ComponentRef, Supersedes {
  type: 'accepts';
  threat: string;
  reason: string;
  owner?: string;
  /** `YYYY-MM-DD`. */
  expires?: string;
}

export interface NotApplicableRequest extends ComponentRef, Supersedes {
  type: 'not-applicable';
  threat: string;
  reason: string;
}

export interface DeclareKindRequest extends ComponentRef {
  type: 'kind';
  kind: ComponentKind;
}

export type DecisionRequest = MitigateRequest | AcceptRequest | NotApplicableRequest | DeclareKindRequest;

interface Supersedes {
  /**
   * Replace the decisions of the other types written for this threat (a changed mind in the
   * walkthrough). Without it a new decision is added beside them, as a quick fix does.
   */
  supersede?: boolean;
}

/** Placeholder reason written by "Accept risk" when the user gave none. */
export const DEFAULT_ACCEPT_REASON = 'TODO: explain why this risk is acceptable';
export const DEFAULT_NOT_APPLICABLE_REASON = 'TODO: explain why this threat does not apply';

export function decisionEdits(file: ParsedFile, request: DecisionRequest, resolver?: ThreatResolver): TextEdit[] {
  const at = locate(file, request);
  if (!at) return [];
  // Threagile files keep their own schema: decisions go in as `# @…` comments below the asset's id.
  const threagile = at.model.diagram === 'threagile';
  if (request.type === 'kind') {
    if (threagile) {
      if (at.component.kindSource === 'declared' && at.component.kind === request.kind) return [];
      return insertAnnotationLine(file.text, at, `# @component ${annotationTarget(request.componentId)} kind=${request.kind}`);
    }
    if (file.format === 'yaml') {
      if (at.component.kindSource === 'declared' && at.component.kind === request.kind) return [];
      return yamlAddEntry(file.text, request.componentId, yamlKindEntry(request.kind));
    }
    return declareKindMermaid(file.text, at, request.kind);
  }
  const threat = qualifyThreat(request.threat, resolver);
  const change = { ...request, threat };
  const about = decisionsAbout(at.model, request.componentId, threat, resolver);
  if (request.supersede && about.some((a) => a.type !== request.type)) {
    return supersedeEdits(file, at, about, change, annotationLine, (f) => decisionEdits(f, { ...request, supersede: false }, resolver));
  }
  const old = decisionToChange(file, about, change);
  if (old) return updateEdits(file, at, old, change, annotationLine);
  if (threagile) return insertAnnotationLine(file.text, at, `#${annotationLine({ ...request, threat }).slice(2)}`);
  if (file.format === 'yaml') return yamlAddEntry(file.text, request.componentId, yamlEntry({ ...request, threat }, resolver));
  return insertAnnotationLine(file.text, at, annotationLine({ ...request, threat }));
}

/** The `%% @…` comment for a decision (without indentation). */
export function annotationLine(r: Exclude<DecisionRequest, DeclareKindRequest>): string {
  const id = annotationTarget(r.componentId);
  if (r.type === 'mitigates') return `%% @mitigates ${id} against ${r.threat} with ${quoteAnnotationText(r.control)} (${r.status ?? 'planned'})`;
  if (r.type === 'not-applicable') return `%% @not-applicable ${id} ${r.threat} because ${quoteAnnotationText(r.reason || DEFAULT_NOT_APPLICABLE_REASON)}`;
  const extra = [r.owner ? ` owner=${pairValue(r.owner)}` : '', r.expires ? ` expires=${r.expires}` : ''].join('');
  return `%% @accepts ${id} ${r.threat} because ${quoteAnnotationText(r.reason || DEFAULT_ACCEPT_REASON)}${extra}`;
}

function pairValue(s: string): string {
  return /^[^\s"\\]+$/.test(s) ? s : quoteAnnotationText(s);
}

function yamlEntry(r: Exclude<DecisionRequest, DeclareKindRequest>, resolver?: ThreatResolver): YamlEntry {
  const exists = (k: string) => sameThreat(k, r.threat, resolver);
  if (r.type === 'mitigates') {
    const status = r.status ?? 'planned';
    return {
      section: 'mitigations', key: r.threat, exists,
      flow: `{ control: ${quoteYaml(r.control)}, status: ${status} }`,
      block: [{ key: 'control', value: quoteYaml(r.control) }, { key: 'status', value: status }],
    };
  }
  if (r.type === 'not-applicable') return { section: 'not-applicable', key: r.threat, exists, flow: quoteYaml(r.reason || DEFAULT_NOT_APPLICABLE_REASON) };
  const reason = quoteYaml(r.reason || DEFAULT_ACCEPT_REASON);
  if (!r.owner && !r.expires) return { section: 'accepted', key: r.threat, exists, flow: reason };
  const fields = [{ key: 'reason', value: reason }];
  if (r.owner) fields.push({ key: 'owner', value: quoteYaml(r.owner) });
  if (r.expires) fields.push({ key: 'expires', value: quoteYaml(r.expires) });
  return { section: 'accepted', key: r.threat, exists, flow: `{ ${fields.map((f) => `${f.key}: ${f.value}`).join(', ')} }`, block: fields };
}
