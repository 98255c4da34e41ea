/** `list_fixes`: the quick fixes the editor would offer for one finding, with their edits. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findFinding, findingFixes, plannedWrite, writtenLines } from '../../../core/agent';
import { LineIndex } from '../../../core/positions';
import { analyzeInRoot, answer, guarded, refusal, type McpContext } from '../context';

export const findingInput = {
  path: z.string().describe('The file, relative to the root folder'),
  componentId: z.string().describe('The componentId of the finding'),
  ruleId: z.string().describe('The ruleId of the finding (TL001, ...)'),
};

export function registerListFixes(server: McpServer, ctx: McpContext): void {
  server.registerTool('list_fixes', {
    title: 'List the fixes for a finding',
    description: 'The fixes Threatlens offers for an open finding (as the editor\'s quick fixes): mitigate with each suggested control, accept the risk, or mark it not applicable, each with the text edits (zero-based ranges) and the lines it would write. Accepting or ruling out needs a real reason: record it with record_decision.',
    inputSchema: findingInput,
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, ({ path, componentId, ruleId }) => guarded(() => {
    const { file, result } = analyzeInRoot(ctx, path);
    const f = findFinding(result, componentId, ruleId);
    if (typeof f === 'string') return refusal(f);
    const index = new LineIndex(file.text);
    const fixes = findingFixes(result.file, f, ctx.engine).map((x) => ({
      kind: x.kind, title: x.title, preferred: x.preferred, request: x.request,
      edits: x.edits.map((e) => ({ range: index.range(e.span), newText: e.newText })),
      lines: writtenLines(file.text, x.edits).lines,
    }));
    const text = fixes.length
      ? fixes.map((x) => plannedWrite(x.title, x.lines)).join('\n')
      : `${f.ruleId} on "${f.componentId}" is ${f.status}: no fix is offered for a decided finding.`;
    return answer(text, { finding: { ruleId: f.ruleId, componentId: f.componentId, status: f.status }, fixes });
  }));
}
