/**
 * Baselines: a committed JSON file of the findings a team already knows about. `threatlens
 * baseline` writes one; `check --baseline` and `diff --baseline` leave its findings out, so CI
 * fails on what is new. The file holds no dates or absolute paths, so regenerating it on an
 * unchanged model gives the same bytes (and a readable diff in review when it does change).
 */
import { z } from 'zod';
import { TOOL_NAME, type FileResult } from '../report/types';
import { keyed } from './records';
import type { FindingRecord } from './types';

export const BASELINE_VERSION = '1';

const entrySchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  ruleId: z.string().min(1),
  componentId: z.string().min(1),
  path: z.string().min(1),
  owasp: z.array(z.string()),
  status: z.enum(['open', 'planned', 'mitigated', 'accepted', 'not-applicable']).optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  title: z.string().optional(),
}).loose();

export const baselineSchema = z.object({
  threatlensBaseline: z.literal(BASELINE_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }).loose().optional(),
  findings: z.array(entrySchema),
}).loose();

export type BaselineEntry = z.infer<typeof entrySchema>;
export type Baseline = z.infer<typeof baselineSchema>;

/** The baseline of these results: every finding, whatever its status, in file and line order. */
export function makeBaseline(results: readonly FileResult[], toolVersion: string): Baseline {
  const findings: BaselineEntry[] = [];
  for (const r of [...results].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))) {
    const ordered = [...r.findings].sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    for (const f of ordered) {
      findings.push({
        fingerprint: f.fingerprint, ruleId: f.ruleId, componentId: f.componentId, path: r.file.path, owasp: [...f.owasp],
        status: f.status, severity: f.severity, title: f.title,
      });
    }
  }
  return { threatlensBaseline: BASELINE_VERSION, tool: { name: TOOL_NAME, version: toolVersion }, findings };
}

export function serializeBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** Parses and validates a baseline file; never throws. */
export function parseBaseline(text: string, name = 'baseline'): { baseline: Baseline } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `${name}: not JSON (${(e as Error).message})` };
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return { error: `${name}: ${where || '(top level)'}: ${issue.message} (write a new one with \`threatlens baseline --output ${name}\`)` };
  }
  return { baseline: parsed.data };
}

/** Baseline entries as base-side records, keyed like analysed findings (file order ranks duplicates). */
export function baselineRecords(b: Baseline): Map<string, FindingRecord> {
  const indexed = b.findings.map((e, i) => ({ e, i }));
  const byKey = keyed(indexed, (x) => x.e.path, (x) => x.e.fingerprint, (x) => x.i);
  const out = new Map<string, FindingRecord>();
  for (const [k, { e }] of byKey) {
    out.set(k, {
      path: e.path, fingerprint: e.fingerprint, ruleId: e.ruleId, componentId: e.componentId, owasp: [...e.owasp],
      ...(e.status ? { status: e.status } : {}), ...(e.severity ? { severity: e.severity } : {}), ...(e.title ? { title: e.title } : {}),
    });
  }
  return out;
}

/** Keys of the baseline's findings, for leaving known findings out of a diff. */
export function baselineKeys(b: Baseline): Set<string> {
  return new Set(baselineRecords(b).keys());
}
