/**
 * Which components a model card is about, and which findings belong on each one's card. A model
 * is a component of kind llm, embedding-model or ml-model, or a model registry a training
 * pipeline writes to (where a trained model comes out). Its card carries its own findings plus
 * those of the training pipelines and data sets upstream of it, since what happens during
 * training shows up in the model.
 */
import type { Finding } from '../analysis/finding';
import type { Component, ComponentKind, SystemModel } from '../model';
import { kindForRules } from '../model';

const MODEL_KINDS: ReadonlySet<ComponentKind> = new Set(['llm', 'embedding-model', 'ml-model']);
/** Build-time components whose findings travel into the model they produce. */
const UPSTREAM_KINDS: ReadonlySet<ComponentKind> = new Set(['training-pipeline', 'dataset', 'model-registry', 'monitoring']);

export interface ModelComponent {
  component: Component;
  /** `llm`, `embedding-model`, `ml-model`, or `training output` for a registry fed by training. */
  role: string;
  /** Upstream build-time components whose findings are on this card, in walk order. */
  upstream: Component[];
}

export function modelComponents(m: SystemModel): ModelComponent[] {
  const byId = new Map(m.components.map((c) => [c.id, c]));
  const into = new Map<string, string[]>();
  const add = (to: string, from: string) => {
    const list = into.get(to);
    if (list) list.push(from);
    else into.set(to, [from]);
  };
  for (const f of m.flows) {
    if (f.invisible) continue;
    add(f.to, f.from);
    if (f.bidirectional) add(f.from, f.to);
  }
  const kindOf = (id: string) => { const c = byId.get(id); return c ? kindForRules(c) : 'unknown'; };
  const out: ModelComponent[] = [];
  for (const c of m.components) {
    const kind = kindForRules(c);
    const trained = kind === 'model-registry' && (into.get(c.id) ?? []).some((s) => kindOf(s) === 'training-pipeline');
    if (!MODEL_KINDS.has(kind) && !trained) continue;
    const seen = new Set([c.id]);
    const upstream: Component[] = [];
    const queue = [c.id];
    for (let i = 0; i < queue.length; i++) {
      for (const s of into.get(queue[i]) ?? []) {
        const sc = byId.get(s);
        if (!sc || seen.has(s) || !UPSTREAM_KINDS.has(kindForRules(sc))) continue;
        seen.add(s);
        upstream.push(sc);
        queue.push(s);
      }
    }
    out.push({ component: c, role: trained ? 'training output' : kind, upstream });
  }
  return out;
}

/** The card's findings: the model's own first, then each upstream component's. */
export function cardFindings(mc: ModelComponent, byComponent: ReadonlyMap<string, readonly Finding[]>): Finding[] {
  return [mc.component.id, ...mc.upstream.map((u) => u.id)].flatMap((id) => byComponent.get(id) ?? []);
}

export function findingsByComponent(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.componentId);
    if (list) list.push(f);
    else out.set(f.componentId, [f]);
  }
  return out;
}
