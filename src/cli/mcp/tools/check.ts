/** `check`: findings of files inside the root, or of a diagram given as text. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { resolve } from 'node:path';
import { z } from 'zod';
import { checkedFile, checkLines } from '../../../core/agent';
import { hasGlobChars } from '../../../core/glob';
import type { FileResult } from '../../../core/report/types';
import { CliExit } from '../../context';
import { resolveInside } from '../../safeRead';
import { analyzeWorkingTree } from '../../workingTree';
import { answer, guarded, refusal, type McpContext } from '../context';
import { Refusal } from '../rootFiles';

/** The file name a text is analysed under: it decides the notation, as a file's extension does. */
const NOTATION_PATH = { mermaid: 'input.mmd', markdown: 'input.md', yaml: 'input.threatlens.yaml', threagile: 'input.yaml' } as const;

function checkPaths(ctx: McpContext, paths: string[]): { results: FileResult[]; warnings: string[] } {
  for (const p of paths) {
    if (hasGlobChars(p)) continue; // globs are matched inside the root only
    const where = resolveInside(resolve(ctx.root, p), ctx.root);
    if ('skipped' in where) throw new Refusal(`${p} cannot be checked: ${where.skipped === 'no such file' ? 'no such file in the root folder' : where.skipped}`);
  }
  const warnings: string[] = [];
  try {
    const { results } = analyzeWorkingTree(paths, ctx.root, ctx.engine, { out: () => {}, err: (s) => warnings.push(s.trim()) });
    return { results, warnings };
  } catch (e) {
    if (e instanceof CliExit) throw new Refusal(e.message);
    throw e;
  }
}

export function registerCheck(server: McpServer, ctx: McpContext): void {
  server.registerTool('check', {
    title: 'Check threat model',
    description: 'Analyse architecture diagrams of an AI system (Mermaid, Markdown with mermaid fences, Threatlens or Threagile YAML) for OWASP LLM / Agentic Top 10, MITRE ATLAS and STRIDE threats. Give `paths` (files, folders or globs inside the server\'s root folder; default the whole root) or `text` with its `notation`. Returns each finding with its rule id, component, OWASP, ATLAS and STRIDE ids, zero-based range, severity and status (open, planned, mitigated, accepted, not-applicable).',
    inputSchema: {
      paths: z.array(z.string()).optional().describe('Files, folders or globs relative to the root folder'),
      text: z.string().optional().describe('A diagram or model to check instead of files'),
      notation: z.enum(['mermaid', 'markdown', 'yaml', 'threagile']).optional().describe('What `text` is written in (default mermaid)'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, ({ paths, text, notation }) => guarded(() => {
    if (text !== undefined && paths?.length) return refusal('Give either paths or text, not both.');
    const { results, warnings } = text !== undefined
      ? { results: [ctx.engine.analyze(NOTATION_PATH[notation ?? 'mermaid'], text)].filter((r): r is FileResult => r !== undefined), warnings: [] }
      : checkPaths(ctx, paths ?? []);
    const files = results.map(checkedFile);
    const lines = results.flatMap((r) => checkLines(r, ctx.engine.lookup));
    const summary = `${files.length} file(s), ${files.reduce((n, f) => n + f.summary.open, 0)} open finding(s), ${files.reduce((n, f) => n + f.summary.decided, 0)} decided.`;
    return answer([...warnings, ...lines, summary].join('\n'), { files, warnings });
  }));
}
