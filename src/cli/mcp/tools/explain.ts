/** `explain`: a rule or OWASP entry in both voices, with its mitigations. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { explainThreat, explanationText, unknownThreatText } from '../../../core/agent';
import { answer, refusal, type McpContext } from '../context';

export function registerExplain(server: McpServer, ctx: McpContext): void {
  server.registerTool('explain', {
    title: 'Explain a threat',
    description: 'Explain a Threatlens rule (TL001) or an OWASP entry (LLM01:2025, LLM01:2026, ASI01:2026; LLM01 alone means the configured default edition): its name, what it means in plain language, what it means for the security team, and the suggested mitigations.',
    inputSchema: { id: z.string().describe('Rule id (ruleId of a finding) or OWASP id') },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, ({ id }) => {
    const e = explainThreat(ctx.engine, id);
    if (e) return answer(explanationText(e), { ...e });
    return refusal(unknownThreatText(ctx.engine, id));
  });
}
