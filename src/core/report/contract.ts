/**
 * The JSON report contract as a zod schema: tests validate every report against it and
 * schemas/report.schema.json is generated from it, so documentation and output cannot drift.
 */
import { z } from 'zod';

const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const range = z.object({ start: position, end: position });

const finding = z.object({
  ruleId: z.string(),
  componentId: z.string(),
  title: z.string(),
  owasp: z.array(z.string().regex(/^(LLM|ASI)\d{2}:\d{4}$/)),
  /** Added field: the same ids grouped by risk, one id per enabled edition, the headline edition first. */
  owaspGroups: z.array(z.array(z.string().regex(/^(LLM|ASI)\d{2}:\d{4}$/)).min(1)).optional(),
  atlas: z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/)),
  stride: z.array(z.enum(['S', 'T', 'R', 'I', 'D', 'E'])),
  lenses: z.array(z.string()),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  score: z.number().min(0).max(10),
  /** Added field: why likelihood and impact differ from the rule's, one line per adjustment. */
  scoreFactors: z.array(z.string()).optional(),
  /** Added field: what the tool, server or agent can do (`can move money`). */
  sink: z.string().optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  status: z.enum(['open', 'planned', 'mitigated', 'accepted', 'not-applicable']),
  range,
  evidence: z.array(z.object({ componentId: z.string(), range })),
  mitigations: z.array(z.object({ id: z.string(), name: z.string(), stub: z.string() })),
  decisions: z.array(z.object({
    type: z.string(),
    /** As written: a rule id (`TL014`) decides that one finding; an OWASP or ATLAS id every finding citing it. */
    threat: z.string(),
    /** Added field: rule ids of the findings on the component this decision covers, sorted. */
    covers: z.array(z.string()).min(1),
    text: z.string(),
    /** Added field: the reason or control is a placeholder (`TODO: …`, blank), so the finding stays open. */
    incomplete: z.literal(true).optional(),
    range,
  }).loose()),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
}).loose();

export const jsonReportSchema = z.object({
  version: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  files: z.array(z.object({
    path: z.string(),
    format: z.enum(['mermaid', 'markdown', 'yaml']),
    components: z.array(z.object({ id: z.string(), label: z.string(), kind: z.string(), kindReason: z.string(), range }).loose()),
    findings: z.array(finding),
    problems: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), range }).loose()),
  }).loose()),
  summary: z.record(z.string(), z.number()),
}).loose();
