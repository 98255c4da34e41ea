/**
 * The fixes offered for one open finding, as the editor's quick fixes offer them: mitigate with
 * the preferred (first suggested) control, accept the risk, mark it not applicable, then mitigate
 * with the other controls (so a capped menu still shows the two ways of deciding otherwise). Each
 * names the finding by its rule id. The editor's code actions and the agent tools both list them
 * from here, so a title or a request never differs between the two.
 */
import type { Finding } from '../analysis/finding';
import type { ParsedFile } from '../document';
import type { Engine } from '../engine';
import { decisionEdits, mitigationRequest, DEFAULT_ACCEPT_REASON, DEFAULT_NOT_APPLICABLE_REASON, type DecisionRequest, type TextEdit } from '../edits';
import { ruleRef } from '../report/messages';

export interface FindingFix {
  kind: 'mitigate' | 'accept' | 'not-applicable';
  title: string;
  request: Exclude<DecisionRequest, { type: 'kind' }>;
  edits: TextEdit[];
  preferred: boolean;
}

/** None for a decided finding, and none whose edits would be empty (already written). */
export function findingFixes(file: ParsedFile, f: Finding, engine: Engine): FindingFix[] {
  if (f.status !== 'open') return [];
  const controls: FindingFix[] = [];
  const decisions: FindingFix[] = [];
  // The rule names the one finding the decision is for; the OWASP id (with its edition: LLM08
  // means different risks in 2025 and 2026) says what it is about.
  const what = `${ruleRef(f, engine.lookup)} on '${f.componentId}'`;
  const add = (to: FindingFix[], kind: FindingFix['kind'], title: string, request: FindingFix['request'], preferred = false) => {
    const edits = decisionEdits(file, request, engine);
    if (edits.length) to.push({ kind, title, request, edits, preferred });
  };
  f.mitigations.forEach((m, i) => {
    const req = mitigationRequest(f, i);
    if (req) add(controls, 'mitigate', `Mitigate ${what}: ${m.name}`, req, i === 0);
  });
  const base = { componentId: f.componentId, anchor: f.span.start, threat: f.ruleId };
  add(decisions, 'accept', `Accept risk ${what} (write the reason)`, { type: 'accepts', ...base, reason: DEFAULT_ACCEPT_REASON });
  add(decisions, 'not-applicable', `Mark ${what} not applicable (write why)`, { type: 'not-applicable', ...base, reason: DEFAULT_NOT_APPLICABLE_REASON });
  return [...controls.slice(0, 1), ...decisions, ...controls.slice(1)];
}
