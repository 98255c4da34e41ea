/** What every tool of the MCP server shares: the root folder, the engine, and the shape of an answer. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Engine } from '../../core/engine';
import type { FileResult } from '../../core/report/types';
import { readInRoot, Refusal, type RootFile } from './rootFiles';

export interface McpContext {
  /** The real path of the folder the server may read and write in. */
  root: string;
  engine: Engine;
}

export function answer(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: structured } : {}) };
}

/** A tool error the model reads and can act on (a wrong path, a placeholder reason), not a protocol error. */
export function refusal(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Runs a tool body, turning a Refusal into a refusal answer. */
export function guarded(body: () => CallToolResult): CallToolResult {
  try {
    return body();
  } catch (e) {
    if (e instanceof Refusal) return refusal(e.message);
    throw e;
  }
}

/** A file of the root, read and analysed. */
export function analyzeInRoot(ctx: McpContext, path: string): { file: RootFile; result: FileResult } {
  const file = readInRoot(ctx.root, path);
  const result = ctx.engine.analyze(file.path, file.text);
  if (!result) throw new Refusal(`${file.path} is not an architecture file Threatlens reads (Mermaid .mmd/.mermaid, Markdown with mermaid fences, Threatlens or Threagile YAML)`);
  return { file, result };
}
