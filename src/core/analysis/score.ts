/**
 * CVSS-like scoring, documented in the README ("Scoring"): likelihood and impact (1-5, from the
 * rule) are adjusted by what the diagram shows around the component, and the score is their
 * geometric mean scaled to 0-10, so 5×5 gives 10.0, 4×4 gives 8.0, 3×3 gives 6.0 and 1×1 gives 2.0.
 * Every adjustment says why, so a reader can check the score against the diagram.
 */
import type { Component } from '../model';
import type { Rule } from '../rules/schema';
import { capabilityName, EXECUTE, isSensitive, PAY, SEND, WRITE, type ScoreContext } from './context';
import type { Severity } from './finding';

export interface Contextualized {
  likelihood: number;
  impact: number;
  /** One line per adjustment: `likelihood +1: …`. */
  factors: string[];
}

/** Hygiene findings (a missing log, an unpinned version) stay below medium whatever the context. */
export const HYGIENE_CEILING = 3.9;

const name = (c: Component): string => `"${c.label.replace(/\s+/g, ' ').trim().slice(0, 60) || c.id}"`;

export function contextualize(rule: Pick<Rule, 'likelihood' | 'impact' | 'stride' | 'hygiene'> & { phase?: 'runtime' | 'build' },
  c: Component, at: number, ctx: ScoreContext, nodes: readonly Component[]): Contextualized {
  let l = rule.likelihood;
  let i = rule.impact;
  const factors: string[] = [];
  const exposure = c.properties.exposure?.toLowerCase();
  if (exposure === 'public') { l += 1; factors.push('likelihood +1: exposure=public'); }
  else if (exposure === 'private') { l -= 1; factors.push('likelihood -1: exposure=private'); }
  else if (!rule.hygiene && rule.phase !== 'build' && ctx.anyUntrusted) {
    const hops = ctx.reach[at];
    if (hops === 0) { l += 1; factors.push('likelihood +1: an untrusted source itself'); }
    else if (hops === 1) { l += 1; factors.push(`likelihood +1: one flow from the untrusted ${name(nodes[ctx.reachFrom[at]])}`); }
    else if (hops === -1) { l -= 1; factors.push('likelihood -1: no untrusted source reaches it at runtime'); }
    else if (hops >= 4) { l -= 1; factors.push(`likelihood -1: ${hops} flows from the nearest untrusted source`); }
  }
  if (isSensitive(c)) { i += 1; factors.push(`impact +1: holds ${c.properties.data}`); }
  else if (!rule.hygiene && rule.stride.includes('I') && ctx.sensitiveAt[at] >= 0) {
    const s = nodes[ctx.sensitiveAt[at]];
    i += 1;
    factors.push(`impact +1: next to ${name(s)}, which holds ${s.properties.data}`);
  }
  if (!rule.hygiene) {
    const cap = ctx.capability[at];
    // Only a threat that makes the component act (STRIDE E) is worse for what it can do.
    const bit = !rule.stride.includes('E') ? 0 : cap & EXECUTE ? EXECUTE : cap & PAY ? PAY : cap & SEND ? SEND : cap & WRITE ? WRITE : 0;
    if (bit) {
      const via = ctx.capabilityVia.get(at * 16 + bit) ?? at;
      i += 1;
      factors.push(`impact +1: can ${capabilityName(bit)}${via === at ? '' : ` through ${name(nodes[via])}`}`);
    }
  }
  return { likelihood: clamp(l), impact: clamp(i), factors };
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
