/**
 * Which findings each instrument counts for. The EU AI Act and the NIST AI RMF speak about AI
 * systems: a finding counts when its component is connected by flows (either way) to a model,
 * agent, training pipeline or model registry, since a vector store or gateway serving a model is
 * part of that AI system. The GDPR speaks about personal data: a finding counts when its component
 * is marked as holding it or is within two flows of one that is (the reach the disclosure rules
 * use: a model reads records through the service that fetches them), or when the finding's
 * evidence path passes through one. Both are read from the diagram only.
 */
import type { Component, ComponentKind, SystemModel } from '../model';
import { kindForRules } from '../model';
import { holdsDataClass } from '../analysis/context';

export const AI_KINDS: ReadonlySet<ComponentKind> = new Set(['llm', 'agent', 'embedding-model', 'ml-model', 'training-pipeline', 'model-registry']);
/** Data classes that are personal data; `payment`, `credentials` and `confidential` alone are not. */
const PERSONAL = new Set(['pii', 'phi', 'personal', 'personal-data', 'health', 'biometric', 'special-category', 'sensitive']);

export function holdsPersonalData(c: Component): boolean {
  return holdsDataClass(c, PERSONAL);
}

export interface ModelScope {
  /** Components of the model's AI systems (connected to an AI component). */
  aiSystem: ReadonlySet<string>;
  aiComponents: string[];
  /** Components holding personal data or within two flows of one that does. */
  nearPersonalData: ReadonlySet<string>;
  personalData: ReadonlySet<string>;
  personalDataComponents: string[];
}

export function modelScope(m: SystemModel): ModelScope {
  const ids = new Set(m.components.map((c) => c.id));
  const next = new Map<string, string[]>([...ids].map((id) => [id, []]));
  for (const f of m.flows) {
    if (f.invisible || !ids.has(f.from) || !ids.has(f.to)) continue;
    next.get(f.from)?.push(f.to);
    next.get(f.to)?.push(f.from);
  }
  const aiComponents = m.components.filter((c) => AI_KINDS.has(kindForRules(c))).map((c) => c.id);
  const aiSystem = new Set<string>(aiComponents);
  const queue = [...aiComponents];
  for (let i = 0; i < queue.length; i++) {
    for (const w of next.get(queue[i]) ?? []) if (!aiSystem.has(w)) { aiSystem.add(w); queue.push(w); }
  }
  const personalDataComponents = m.components.filter(holdsPersonalData).map((c) => c.id);
  const nearPersonalData = new Set<string>(personalDataComponents);
  for (const id of personalDataComponents) {
    for (const w of next.get(id) ?? []) {
      nearPersonalData.add(w);
      for (const x of next.get(w) ?? []) nearPersonalData.add(x);
    }
  }
  return { aiSystem, aiComponents, nearPersonalData, personalData: new Set(personalDataComponents), personalDataComponents };
}
