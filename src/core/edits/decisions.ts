/**
 * The decisions a quick fix (or the walkthrough) writes into a model file: a planned mitigation,
 * an accepted risk, a not-applicable note, a declared kind. One entry point per format-neutral
 * request; each returns the minimal text edits, or none when an equivalent decision is already
 * written (so computing the fix again on the edited text gives nothing: the fix is idempotent).
 */
import type { ParsedFile } from '../document';
import { decisionsAbout, locate, qualifyThreat, sameThreat, type ThreatResolver } from './locate';
import { declareKindMermaid, insertAnnotationLine } from './mermaid';
import { readBackSafe } from './readBack';
import { annotationLine, asHashComment, placeholderOf, writtenReason, type DecisionRequest, type DeclareKindRequest } from './requests';
import { annotationTarget, nameableInAnnotation, quoteYaml, type TextEdit } from './text';
import { supersedeEdits } from './supersede';
import { decisionToChange, updateEdits } from './update';
import { yamlAddEntry, yamlKindEntry, type YamlEntry } from './yaml';

export {
  annotationLine, DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON,
  type AcceptRequest, type DecisionRequest, type DeclareKindRequest, type MitigateRequest, type NotApplicableRequest, type Supersedes,
} from './requests';

export function decisionEdits(file: ParsedFile, request: DecisionRequest, resolver?: ThreatResolver): TextEdit[] {
  const edits = computeEdits(file, request, resolver);
  return request.type === 'kind' ? edits : markPlaceholder(edits, placeholderOf(request));
}

/**
 * Points the edit that writes the placeholder at it, so the editor can select it. The placeholder
 * is plain text (`TODO: …`), written unescaped in both a `"…"` comment string and a YAML scalar.
 */
function markPlaceholder(edits: TextEdit[], placeholder: string | undefined): TextEdit[] {
  if (!placeholder) return edits;
  let marked = false;
  return edits.map((e) => {
    const at = marked ? -1 : e.newText.indexOf(`"${placeholder}"`);
    if (at < 0) return e;
    marked = true;
    return { ...e, placeholder: { start: at + 1, end: at + 1 + placeholder.length } };
  });
}

function computeEdits(file: ParsedFile, request: DecisionRequest, resolver?: ThreatResolver): TextEdit[] {
  const at = locate(file, request);
  if (!at || !nameableInAnnotation(request.componentId)) return [];
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
    const edits = declareKindMermaid(file.text, at, request.kind);
    const line = `%% @component ${annotationTarget(request.componentId)} kind=${request.kind}`;
    // A new `@component` line is checked like a decision line; a ` kind=` added to a line already read is not.
    return edits.length === 1 && edits[0].newText.endsWith(line) ? readBackSafe(file, at, line, edits) : edits;
  }
  const threat = qualifyThreat(request.threat, resolver);
  const change = { ...request, threat };
  const about = decisionsAbout(at.model, request.componentId, threat, resolver);
  if (request.supersede && about.some((a) => a.type !== request.type)) {
    return supersedeEdits(file, at, about, change, annotationLine, (f) => computeEdits(f, { ...request, supersede: false }, resolver));
  }
  const old = decisionToChange(file, about, change);
  if (old) return updateEdits(file, at, old, change, annotationLine);
  if (threagile) return insertAnnotationLine(file.text, at, asHashComment(annotationLine({ ...request, threat })));
  if (file.format === 'yaml') return yamlAddEntry(file.text, request.componentId, yamlEntry({ ...request, threat }, resolver));
  const line = annotationLine({ ...request, threat });
  return readBackSafe(file, at, line, insertAnnotationLine(file.text, at, line));
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
  if (r.type === 'not-applicable') return { section: 'not-applicable', key: r.threat, exists, flow: quoteYaml(writtenReason(r)) };
  const reason = quoteYaml(writtenReason(r));
  if (!r.owner && !r.expires) return { section: 'accepted', key: r.threat, exists, flow: reason };
  const fields = [{ key: 'reason', value: reason }];
  if (r.owner) fields.push({ key: 'owner', value: quoteYaml(r.owner) });
  if (r.expires) fields.push({ key: 'expires', value: quoteYaml(r.expires) });
  return { section: 'accepted', key: r.threat, exists, flow: `{ ${fields.map((f) => `${f.key}: ${f.value}`).join(', ')} }`, block: fields };
}
