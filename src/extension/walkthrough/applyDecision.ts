/**
 * Writes one walkthrough choice into the file: the choice becomes a core DecisionRequest, the
 * core's edit functions (the same ones the quick fixes use) compute the text edits on the document
 * as it is now, and `workspace.applyEdit` applies them, so the editor's undo takes them back.
 */
import * as vscode from 'vscode';
import { decisionEdits, type DecisionRequest } from '../../core/edits';
import { decisionSchema, type WalkthroughDecision } from '../../shared/walkthroughProtocol';
import type { EngineHost } from '../engineHost';
import { toWorkspaceEdit } from '../workspaceEdits';

export interface DecisionOutcome {
  ok: boolean;
  /** What happened, for the panel to show. */
  message: string;
}

export function toRequest(d: WalkthroughDecision): DecisionRequest {
  const at = { componentId: d.componentId, anchor: d.anchor };
  const supersede = d.type !== 'kind' && d.supersede === true ? { supersede: true } : {};
  switch (d.type) {
    case 'mitigates': return { type: 'mitigates', ...at, ...supersede, threat: d.threat, control: d.control, status: d.status };
    case 'accepts': return { type: 'accepts', ...at, ...supersede, threat: d.threat, reason: d.reason, ...(d.owner ? { owner: d.owner } : {}), ...(d.expires ? { expires: d.expires } : {}) };
    case 'not-applicable': return { type: 'not-applicable', ...at, ...supersede, threat: d.threat, reason: d.reason };
    case 'kind': return { type: 'kind', ...at, kind: d.kind };
  }
}

function done(d: WalkthroughDecision): string {
  switch (d.type) {
    case 'mitigates': return `Recorded ${d.status === 'implemented' ? 'an' : 'a'} ${d.status} mitigation of ${d.threat} on ${d.componentId}.`;
    case 'accepts': return `Recorded that ${d.threat} is accepted on ${d.componentId}.`;
    case 'not-applicable': return `Recorded that ${d.threat} does not apply to ${d.componentId}.`;
    case 'kind': return `Declared ${d.componentId} as ${d.kind}.`;
  }
}

export async function applyDecision(host: EngineHost, uri: vscode.Uri, input: unknown): Promise<DecisionOutcome> {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: `Not a valid decision: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const d = parsed.data;
  const doc = await vscode.workspace.openTextDocument(uri);
  const a = host.analyzeDocument(doc);
  if (!a) return { ok: false, message: 'Threatlens does not read this file any more.' };
  const edits = decisionEdits(a.result.file, toRequest(d), host.engine);
  if (edits.length === 0) {
    return { ok: false, message: d.type === 'kind' ? `${d.componentId} is already declared as ${d.kind}.` : `The file already says this about ${d.threat} on ${d.componentId}: nothing to change.` };
  }
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(a, edits));
  return applied ? { ok: true, message: done(d) } : { ok: false, message: 'VS Code did not apply the edit (is the file read-only?).' };
}
