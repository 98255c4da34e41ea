/**
 * The language model tools for Copilot's agent mode (`contributes.languageModelTools` in
 * package.json has their schemas and descriptions). Registered at activation, disposed with the
 * extension; the tool objects are returned so the host suite can call prepareInvocation itself.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import { CheckDiagramTool } from './checkDiagram';
import { ExplainThreatTool } from './explainThreat';
import { LM_TOOL } from './names';
import { ProposeDecisionTool } from './proposeDecision';

export interface LmTools {
  checkDiagram: CheckDiagramTool;
  explainThreat: ExplainThreatTool;
  proposeDecision: ProposeDecisionTool;
}

export function registerLmTools(context: vscode.ExtensionContext, host: EngineHost): LmTools {
  const tools: LmTools = { checkDiagram: new CheckDiagramTool(host), explainThreat: new ExplainThreatTool(host), proposeDecision: new ProposeDecisionTool(host) };
  // Editors built on VS Code without the language model API still run everything else.
  if (typeof vscode.lm?.registerTool !== 'function') return tools;
  context.subscriptions.push(
    vscode.lm.registerTool(LM_TOOL.checkDiagram, tools.checkDiagram),
    vscode.lm.registerTool(LM_TOOL.explainThreat, tools.explainThreat),
    vscode.lm.registerTool(LM_TOOL.proposeDecision, tools.proposeDecision),
  );
  return tools;
}
