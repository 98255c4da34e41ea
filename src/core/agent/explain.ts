/**
 * Explaining a threat id to an agent: a rule (`TL001`) or an OWASP entry (`LLM01:2026`, `LLM01`
 * read in the configured edition, `ASI02:2026`), in both voices (plain language for data
 * scientists, security terms for the security team), with the controls the catalog suggests.
 */
import { resolveOwaspRef } from '../catalog/catalog';
import type { Engine } from '../engine';
import { nearMatches } from '../nearMatches';

export interface Explanation {
  id: string;
  kind: 'rule' | 'owasp';
  name: string;
  plain: string;
  security: string;
  url?: string;
  /** Qualified OWASP ids (a rule's) or the entry's own. */
  owasp: string[];
  atlas: string[];
  mitigations: { id: string; name: string; stub: string }[];
  /** For an OWASP entry: the rules that cite it. */
  rules?: string[];
}

export function explainThreat(engine: Engine, ref: string): Explanation | undefined {
  const id = ref.trim();
  const rule = engine.rules.find((r) => r.id === id);
  if (rule) {
    const mitigations = rule.mitigations.map((m) => engine.mitigation(m)).filter((m): m is NonNullable<typeof m> => m !== undefined);
    return { id: rule.id, kind: 'rule', name: rule.title, plain: rule.plain, security: rule.security, owasp: [...rule.owasp], atlas: [...rule.atlas], mitigations };
  }
  const qualified = /^LLM\d{2}$/i.test(id) ? `${id.toUpperCase()}:${engine.owaspView.defaultEdition}` : id;
  const entry = resolveOwaspRef(engine.catalog, qualified)?.entry;
  if (!entry) return undefined;
  const mitigations = [...engine.catalog.mitigations.values()].filter((m) => m.threats.includes(entry.qid)).map((m) => ({ id: m.id, name: m.name, stub: m.stub }));
  return {
    id: entry.qid, kind: 'owasp', name: entry.name, plain: entry.plain, security: entry.security, url: entry.url,
    owasp: [entry.qid], atlas: [...entry.atlas], mitigations, rules: engine.rules.filter((r) => r.owasp.includes(entry.qid)).map((r) => r.id),
  };
}

export function explanationText(e: Explanation): string {
  const lines = [`${e.id} ${e.name}${e.url ? ` (${e.url})` : ''}`, '', `In plain words: ${e.plain}`, '', `For the security team: ${e.security}`];
  if (e.kind === 'rule') lines.push('', `OWASP: ${e.owasp.join(', ')}${e.atlas.length ? `; ATLAS: ${e.atlas.join(', ')}` : ''}`);
  else if (e.rules?.length) lines.push('', `Rules citing it: ${e.rules.join(', ')}`);
  if (e.mitigations.length) lines.push('', 'Mitigations:', ...e.mitigations.map((m) => `- ${m.name} (${m.id}): ${m.stub}`));
  return lines.join('\n');
}

/** For an id that is neither: say so, with the nearest known ids. */
export function unknownThreatText(engine: Engine, ref: string): string {
  const near = nearMatches(ref.trim(), engine.threatIds());
  return `${ref} is not a rule or OWASP id Threatlens knows.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`;
}
