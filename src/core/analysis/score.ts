/**
 * CVSS-like scoring, documented in the README: likelihood and impact (1-5, from the rule) are
 * adjusted by context, and the score is their geometric mean scaled to 0-10, so 5×5 gives 10.0,
 * 4×4 gives 8.0, 3×3 gives 6.0 and 1×1 gives 2.0.
 */
import type { Component } from '../model';
import type { Severity } from './finding';

const SENSITIVE_DATA = ['pii', 'phi', 'pci', 'payment', 'secret', 'secrets', 'credentials', 'confidential', 'restricted'];

export function contextualize(likelihood: number, impact: number, c: Component): { likelihood: number; impact: number } {
  let l = likelihood;
  let i = impact;
  const exposure = c.properties.exposure?.toLowerCase();
  if (exposure === 'public') l += 1;
  if (exposure === 'private') l -= 1;
  const data = c.properties.data;
  if (data !== undefined && data.toLowerCase().split(',').some((d) => SENSITIVE_DATA.includes(d.trim()))) i += 1;
  return { likelihood: clamp(l), impact: clamp(i) };
}

function clamp(n: number): number {
  return Math.max(1, Math.min(5, n));
}

export function score(likelihood: number, impact: number): number {
  return Math.round((10 * Math.sqrt(likelihood * impact)) / 5 * 10) / 10;
}

export function severityOf(s: number): Severity {
  if (s >= 9) return 'critical';
  if (s >= 7) return 'high';
  if (s >= 4) return 'medium';
  return 'low';
}

export const SEVERITY_ORDER: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
