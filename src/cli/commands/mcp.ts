/**
 * `threatlens mcp [--root DIR]`: serves the MCP tools over stdin/stdout until the client closes
 * stdin. stdout carries only protocol messages; warnings (a bad workspace rule file) go to stderr.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { UsageError, commonDefaults, readArgs, type CommonArgs } from '../args';
import { CliExit, makeEngine, type Io } from '../context';
import { createMcpServer } from '../mcp/server';

export interface McpArgs extends CommonArgs {
  command: 'mcp';
  root?: string;
}

export function parseMcp(rest: readonly string[]): McpArgs {
  const a: McpArgs = { ...commonDefaults(), command: 'mcp' };
  readArgs(rest, a, (flag, value) => {
    if (flag !== '--root') return false;
    a.root = value();
    return true;
  }, (w) => { throw new UsageError(`mcp takes no paths (got "${w}"); use --root DIR`); });
  if (a.output) throw new UsageError('mcp answers on stdout; --output does not apply');
  return a;
}

export function runMcp(args: McpArgs, cwd: string, io: Io): number {
  const abs = resolve(cwd, args.root ?? '.');
  if (statSync(abs, { throwIfNoEntry: false })?.isDirectory() !== true) throw new CliExit(2, `root folder not found: ${args.root ?? cwd}`);
  const root = realpathSync.native(abs);
  const server = createMcpServer({ root, engine: makeEngine(args, root, io) });
  server.connect(new StdioServerTransport()).catch((e: unknown) => {
    io.err(`threatlens: mcp: ${(e as Error).message}\n`);
    process.exitCode = 2;
  });
  return 0;
}
