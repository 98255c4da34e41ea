/**
 * `threatlens_proposeDecision`: a decision about one finding, written only after the user
 * confirms the exact lines (prepareInvocation's confirmation shows them). The edit is the quick
 * fix's (src/core/agent/decide.ts); placeholder reasons and controls are refused, and so is any
 * write in Restricted Mode. The file is saved afterwards only if it had no unsaved changes before.
 */
import * as vscode from 'vscode';
import { decisionInputOf, planDecision, plannedWrite, writtenText } from '../../core/agent';
import type { DecisionPlan } from '../../core/agent';
import type { Analysis, EngineHost } from '../engineHost';
import { toWorkspaceEdit } from '../workspaceEdits';
import { analysisOf, refusing, targetDocument, textResult, ToolRefusal } from './target';

export interface ProposeInput {
  file?: string;
  componentId: string;
  ruleId: string;
  decision: 'mitigate' | 'accept' | 'not-applicable';
  control?: string;
  status?: string;
  reason?: string;
  owner?: string;
  expires?: string;
}

type Planned = { doc: vscode.TextDocument; a: Analysis; plan: Exclude<DecisionPlan, { kind: 'refused' }> };

export class ProposeDecisionTool implements vscode.LanguageModelTool<ProposeInput> {
  /** Restricted Mode check; the host suite swaps it to see the refusal. */
  trusted: () => boolean = () => vscode.workspace.isTrusted;

  constructor(private readonly host: EngineHost) {}

  private async plan(raw: ProposeInput): Promise<Planned> {
    if (!this.trusted()) throw new ToolRefusal('This workspace is in Restricted Mode: Threatlens does not change files until the workspace is trusted. Tell the user the decision to write instead.');
    const input = decisionInputOf(raw);
    if ('error' in input) throw new ToolRefusal(input.error);
    const doc = await targetDocument(raw.file);
    const a = analysisOf(this.host, doc);
    const plan = planDecision(this.host.engine, a.result, input);
    if (plan.kind === 'refused') throw new ToolRefusal(plan.message);
    return { doc, a, plan };
  }

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ProposeInput>): Promise<vscode.PreparedToolInvocation> {
    let planned: Planned;
    try {
      planned = await this.plan(options.input);
    } catch (e) {
      // Nothing would be written: no confirmation; invoke answers with the reason.
      if (e instanceof ToolRefusal) return { invocationMessage: 'Checking the proposed decision' };
      throw e;
    }
    const { doc, plan } = planned;
    if (plan.kind === 'unchanged') return { invocationMessage: plan.message };
    const path = vscode.workspace.asRelativePath(doc.uri);
    const message = new vscode.MarkdownString();
    message.appendText(`Threatlens will write this decision about ${plan.finding.ruleId} on "${plan.finding.componentId}" into ${path}:`);
    message.appendCodeblock(plan.lines.join('\n'), doc.languageId);
    return {
      invocationMessage: `Recording a decision in ${path}`,
      confirmationMessages: { title: `Write a decision about ${plan.finding.ruleId} into ${path}?`, message },
    };
  }

  invoke(options: vscode.LanguageModelToolInvocationOptions<ProposeInput>): Promise<vscode.LanguageModelToolResult> {
    return refusing(async () => {
      const { doc, a, plan } = await this.plan(options.input);
      if (plan.kind === 'unchanged') return textResult(plan.message);
      const path = vscode.workspace.asRelativePath(doc.uri);
      if (doc.uri.scheme === 'file' && ((await vscode.workspace.fs.stat(doc.uri)).type & vscode.FileType.SymbolicLink) !== 0) {
        throw new ToolRefusal(`${path} is a symbolic link; Threatlens does not write through links. The decision would be:\n${plannedWrite(path, plan.lines)}`);
      }
      const wasDirty = doc.isDirty;
      if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(a, plan.edits)))) throw new ToolRefusal(`VS Code did not apply the edit to ${path}; nothing was written.`);
      const saved = !wasDirty && !doc.isUntitled && (await doc.save());
      const now = this.host.analyzeDocument(doc)?.result.findings.find((f) => f.ruleId === plan.finding.ruleId && f.componentId === plan.finding.componentId);
      const after = saved ? 'The file is saved.' : 'The file is not saved (it had unsaved changes before, or is untitled): the user reviews and saves it.';
      return textResult(`${writtenText(path, plan.lines, plan.finding, now?.status)} ${after}`);
    });
  }
}
