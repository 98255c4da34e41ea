/**
 * `threatlens mcp [--root DIR]`: serves the MCP tools over stdin/stdout until the client closes
 * stdin. stdout carries only protocol messages; warnings (a bad workspace rule file) go to stderr.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, commonDefaults, readArgs, type CommonArgs } from '../args';
import { CliExit, makeEngine, type Io } from '../context';

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
  const ctx = { root, engine: makeEngine(args, root, io) };
  // The process lives on while stdin is open; the exit code is set only if the server cannot start.
  import('../mcp/stdio').then((m) => m.serveStdio(ctx)).catch((e: unknown) => {
    io.err(`threatlens: mcp: ${(e as Error).message}\n`);
    process.exitCode = 2;
  });
  return 0;
}
