/** Connects the MCP server to stdin/stdout. Loaded only by `threatlens mcp`, so the other commands never evaluate the SDK. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpContext } from './context';
import { createMcpServer } from './server';

export async function serveStdio(ctx: McpContext): Promise<void> {
  await createMcpServer(ctx).connect(new StdioServerTransport());
}
