/**
 * `threatlens mcp`: a Model Context Protocol server over stdio for AI agents. Tools: check,
 * explain, list_fixes, record_decision; resources: the catalog by id. It reads and writes files
 * inside its root folder only and never executes anything from it.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VERSION } from '../../core/version';
import type { McpContext } from './context';
import { registerCatalogResources } from './resources';
import { registerCheck } from './tools/check';
import { registerExplain } from './tools/explain';
import { registerListFixes } from './tools/listFixes';
import { registerRecordDecision } from './tools/recordDecision';

export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer({ name: 'threatlens', version: VERSION }, {
    instructions: 'Threatlens finds threats in architecture diagrams of AI systems. Call check first; explain a finding by its ruleId; list_fixes shows what the editor would offer; record_decision writes a decision the user made (never invent a reason).',
  });
  registerCheck(server, ctx);
  registerExplain(server, ctx);
  registerListFixes(server, ctx);
  registerRecordDecision(server, ctx);
  registerCatalogResources(server, ctx.engine);
  return server;
}
