/**
 * The `threatlens diff --format json` contract as a zod schema: tests validate real output against
 * it, so the documented fields cannot drift. Fields may be added; none is renamed.
 */
import { z } from 'zod';

const status = z.enum(['open', 'planned', 'mitigated', 'accepted', 'not-applicable']);
const severity = z.enum(['low', 'medium', 'high', 'critical']);
const side = z.object({ label: z.string(), kind: z.enum(['revision', 'working-tree', 'baseline']) });

const finding = z.object({
  path: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  ruleId: z.string(),
  componentId: z.string(),
  title: z.string(),
  owasp: z.array(z.string().regex(/^(LLM|ASI)\d{2}:\d{4}$/)),
  atlas: z.array(z.string()),
  score: z.number().min(0).max(10),
  severity,
  status,
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  mitigations: z.array(z.object({ id: z.string(), name: z.string(), stub: z.string() })),
  /** Added field: the decisions written for the finding and the rule ids each covers. */
  decisions: z.array(z.object({ type: z.string(), threat: z.string(), covers: z.array(z.string()).min(1), incomplete: z.literal(true).optional() }).loose()),
  expiredAcceptance: z.object({ text: z.string(), owner: z.string().optional(), expires: z.string().optional() }).optional(),
}).loose();

const component = z.object({ path: z.string(), id: z.string(), label: z.string(), kind: z.string(), line: z.number().int() });
const flow = z.object({ path: z.string(), from: z.string(), to: z.string(), label: z.string().optional(), line: z.number().int() });

export const diffReportSchema = z.object({
  version: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  base: side,
  head: side,
  summary: z.record(z.string(), z.number()),
  newFindings: z.array(finding),
  statusChanges: z.array(finding.extend({ from: status, to: status })),
  reopened: z.array(finding),
  resolved: z.array(z.object({
    path: z.string(), fingerprint: z.string(), ruleId: z.string(), componentId: z.string(), owasp: z.array(z.string()),
    reason: z.enum(['file-removed', 'component-removed', 'no-longer-applies']),
  }).loose()),
  components: z.object({ added: z.array(component), removed: z.array(component) }),
  flows: z.object({ added: z.array(flow), removed: z.array(flow) }),
  files: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
}).loose();
