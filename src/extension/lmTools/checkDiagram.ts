/** `threatlens_checkDiagram`: the findings of a diagram, as text lines and as JSON. */
import * as vscode from 'vscode';
import { checkedFile, checkLines } from '../../core/agent';
import type { EngineHost } from '../engineHost';
import { analysisOf, refusing, targetDocument } from './target';

export interface CheckInput { file?: string }

/** `LanguageModelDataPart` is in the API from VS Code 1.105 on, newer than the engine range; used when it is there. */
interface DataPartApi { json(value: unknown): unknown }
const DATA_PART = (vscode as unknown as { LanguageModelDataPart?: DataPartApi }).LanguageModelDataPart;

export class CheckDiagramTool implements vscode.LanguageModelTool<CheckInput> {
  constructor(private readonly host: EngineHost) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<CheckInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Checking ${options.input.file ?? 'the active diagram'} for threats` };
  }

  invoke(options: vscode.LanguageModelToolInvocationOptions<CheckInput>): Promise<vscode.LanguageModelToolResult> {
    return refusing(async () => {
      const a = analysisOf(this.host, await targetDocument(options.input.file));
      const data = checkedFile(a.result);
      const text = new vscode.LanguageModelTextPart(checkLines(a.result, this.host.engine.lookup).join('\n'));
      const json = DATA_PART ? DATA_PART.json(data) : new vscode.LanguageModelTextPart(JSON.stringify(data));
      return new vscode.LanguageModelToolResult([text, json as vscode.LanguageModelTextPart]);
    });
  }
}
