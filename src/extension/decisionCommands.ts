/**
 * Commands that write decisions (used by hover links, the "Declare kind…" quick fix and the
 * palette): insert a mitigation, accept a risk, declare a kind, fix all. Each recomputes the edit
 * on the document as it is now, so running one twice never writes a second line.
 */
import * as vscode from 'vscode';
import { decisionEdits, fixAllEdits, type DecisionRequest } from '../core/edits';
import { COMPONENT_KINDS, isComponentKind, type ComponentKind } from '../core/model';
import { CMD, type DecisionArgs } from './commandIds';
import type { EngineHost } from './engineHost';
import { toWorkspaceEdit } from './workspaceEdits';

/** Command arguments as a hover link or a code action passes them (anything else is refused). */
export function isArgs(v: unknown): v is DecisionArgs {
  const a = v as Partial<DecisionArgs> | undefined;
  return typeof a === 'object' && a !== null && typeof a.uri === 'string' && typeof a.componentId === 'string' && typeof a.anchor === 'number';
}

export class DecisionCommands {
  private constructor(private readonly host: EngineHost) {}

  static register(context: vscode.ExtensionContext, host: EngineHost): void {
    const c = new DecisionCommands(host);
    context.subscriptions.push(
      vscode.commands.registerCommand(CMD.insertMitigation, (args: unknown) => c.insertMitigation(args)),
      vscode.commands.registerCommand(CMD.acceptRisk, (args: unknown) => c.acceptRisk(args)),
      vscode.commands.registerCommand(CMD.declareKind, (args: unknown) => c.declareKind(args)),
      vscode.commands.registerCommand(CMD.fixAll, (uri?: unknown) => c.fixAll(uri)),
    );
  }

  /** Applies the request to the document at `uri`; true when the file changed. */
  private async apply(uri: string, request: DecisionRequest): Promise<boolean> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const a = this.host.analyzeDocument(doc);
    if (!a) return false;
    const edits = decisionEdits(a.result.file, request, this.host.engine);
    if (!edits.length) return false;
    return vscode.workspace.applyEdit(toWorkspaceEdit(a, edits));
  }

  private async insertMitigation(args: unknown): Promise<boolean> {
    if (!isArgs(args) || !args.threat) return false;
    let control = args.control;
    if (!control) {
      control = await vscode.window.showInputBox({ title: `Mitigate ${args.threat} on ${args.componentId}`, prompt: 'The control that addresses this threat' });
      if (!control) return false;
    }
    return this.apply(args.uri, { type: 'mitigates', componentId: args.componentId, anchor: args.anchor, threat: args.threat, control, status: 'planned' });
  }

  private async acceptRisk(args: unknown): Promise<boolean> {
    if (!isArgs(args) || !args.threat) return false;
    let reason = args.reason;
    if (!reason) {
      reason = await vscode.window.showInputBox({ title: `Accept ${args.threat} on ${args.componentId}`, prompt: 'Why is this risk acceptable? (written into the file for reviewers)' });
      if (!reason) return false;
    }
    return this.apply(args.uri, { type: 'accepts', componentId: args.componentId, anchor: args.anchor, threat: args.threat, reason });
  }

  private async declareKind(args: unknown): Promise<boolean> {
    if (!isArgs(args)) return false;
    let kind: ComponentKind | undefined = args.kind && isComponentKind(args.kind) ? args.kind : undefined;
    if (!kind) {
      const picked = await vscode.window.showQuickPick(COMPONENT_KINDS.filter((k) => k !== 'unknown'), { title: `Kind of ${args.componentId}` });
      if (!picked || !isComponentKind(picked)) return false;
      kind = picked;
    }
    return this.apply(args.uri, { type: 'kind', componentId: args.componentId, anchor: args.anchor, kind });
  }

  /** Planned stubs for every open finding of the file (the active editor's by default). */
  private async fixAll(arg: unknown): Promise<boolean> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return false;
    const doc = await vscode.workspace.openTextDocument(uri);
    const a = this.host.analyzeDocument(doc);
    if (!a) return false;
    const edits = fixAllEdits(a.result.file, a.result.findings, this.host.engine);
    if (!edits.length) {
      void vscode.window.showInformationMessage('Threatlens: no open findings without a decision in this file.');
      return false;
    }
    return vscode.workspace.applyEdit(toWorkspaceEdit(a, edits));
  }
}
