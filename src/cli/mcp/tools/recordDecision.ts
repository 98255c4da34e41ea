/**
 * `record_decision`: writes a mitigation, an accepted risk or a not-applicable note for one
 * finding into its file, with the quick fixes' edit code (src/core/agent/decide.ts). Refuses
 * placeholder controls and reasons, findings the file does not have, and files outside the root.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DECISION_KINDS, DECISION_STATUSES, decisionInputOf, findFinding, planDecision, writtenText } from '../../../core/agent';
import type { DecisionStatus } from '../../../core/model';
import { analyzeInRoot, answer, guarded, refusal, type McpContext } from '../context';
import { writeInRoot } from '../rootFiles';
import { findingInput } from './listFixes';

const STATUSES = DECISION_STATUSES as [DecisionStatus, ...DecisionStatus[]];

export function registerRecordDecision(server: McpServer, ctx: McpContext): void {
  server.registerTool('record_decision', {
    title: 'Record a decision about a finding',
    description: 'Write a decision about one finding into its file, as the editor\'s quick fix does: `mitigate` with the `control` and its `status` (planned, implemented, verified), `accept` with the `reason` (and optionally `owner` and `expires` YYYY-MM-DD), or `not-applicable` with the `reason`. The decision names the finding by its rule id. Only record what the user decided: a blank or placeholder (TODO) control or reason is refused.',
    inputSchema: {
      ...findingInput,
      decision: z.enum(DECISION_KINDS),
      control: z.string().optional().describe('mitigate: the control'),
      status: z.enum(STATUSES).optional().describe('mitigate: planned (default), implemented or verified'),
      reason: z.string().optional().describe('accept, not-applicable: why'),
      owner: z.string().optional().describe('accept: who owns the risk'),
      expires: z.string().optional().describe('accept: review date, YYYY-MM-DD'),
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }, (args) => guarded(() => {
    const { file, result } = analyzeInRoot(ctx, args.path);
    const input = decisionInputOf(args);
    if ('error' in input) return refusal(input.error);
    const plan = planDecision(ctx.engine, result, input);
    if (plan.kind === 'refused') return refusal(plan.message);
    if (plan.kind === 'unchanged') return answer(plan.message, { path: file.path, written: [], status: plan.finding.status });
    writeInRoot(ctx.root, file, plan.text);
    const after = ctx.engine.analyze(file.path, plan.text);
    const now = after ? findFinding(after, plan.finding.componentId, plan.finding.ruleId) : undefined;
    const status = now && typeof now !== 'string' ? now.status : undefined;
    return answer(writtenText(file.path, plan.lines, plan.finding, status), { path: file.path, written: plan.lines, ...(status ? { status } : {}) });
  }));
}
