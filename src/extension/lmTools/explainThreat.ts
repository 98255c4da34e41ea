/** `threatlens_explainThreat`: a rule or OWASP entry in both voices, with its mitigations. */
import type * as vscode from 'vscode';
import { explainThreat, explanationText, unknownThreatText } from '../../core/agent';
import type { EngineHost } from '../engineHost';
import { textResult } from './target';

export interface ExplainInput { id: string }

export class ExplainThreatTool implements vscode.LanguageModelTool<ExplainInput> {
  constructor(private readonly host: EngineHost) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ExplainInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Explaining ${options.input.id}` };
  }

  invoke(options: vscode.LanguageModelToolInvocationOptions<ExplainInput>): vscode.LanguageModelToolResult {
    const id = typeof options.input.id === 'string' ? options.input.id : '';
    const e = explainThreat(this.host.engine, id);
    return textResult(e ? explanationText(e) : unknownThreatText(this.host.engine, id));
  }
}
