/**
 * A Threatlens YAML model from a SystemModel (the other half of `threatlens convert`; toMermaid.ts
 * is the first). Declarations are kept as declarations: a kind declared in the diagram (by
 * `@component`, a class or YAML) becomes `kind:`, an inferred one is left for inference to find
 * again; properties go to their schema keys when the value fits the schema, else under
 * `properties:`; decisions become `mitigations`, `accepted` and `not-applicable`. The text is
 * written by the `yaml` package, so every value is quoted as YAML needs.
 */
import { stringify } from 'yaml';
import type { Annotation, Component, SystemModel } from '../model';

/** Keys of the component schema whose values are limited to these (src/core/parsers/yaml/schema.ts). */
const ENUM_KEYS: Readonly<Record<string, readonly string[]>> = {
  trust: ['trusted', 'untrusted', 'partial'],
  exposure: ['public', 'internal', 'private'],
  provider: ['first-party', 'third-party', 'self-hosted', 'open-source'],
};
const LIST_KEYS = new Set(['data', 'ingests']);

type Entry = Record<string, unknown>;

function componentEntry(c: Component, decisions: readonly Annotation[]): Entry {
  const e: Entry = {};
  if (c.kindSource === 'declared') e.kind = c.kind;
  if (c.label && c.label !== c.id) e.label = c.label;
  if (c.boundary !== undefined) e.boundary = c.boundary;
  const free: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.properties)) {
    if (v === '') continue;
    if (ENUM_KEYS[k]?.includes(v)) e[k] = v;
    else if (LIST_KEYS.has(k)) e[k] = v.split(',').map((x) => x.trim()).filter(Boolean);
    else if (k === 'description') e.description = v;
    else free[k] = v;
  }
  if (Object.keys(free).length) e.properties = free;
  const mitigations: Record<string, { control: string; status: string }[]> = {};
  const accepted: Record<string, unknown> = {};
  const notApplicable: Record<string, string> = {};
  for (const a of decisions) {
    if (a.type === 'mitigates') (mitigations[a.threat] ??= []).push({ control: a.control, status: a.status });
    else if (a.type === 'accepts') {
      accepted[a.threat] = a.owner || a.expires ? { reason: a.reason, ...(a.owner ? { owner: a.owner } : {}), ...(a.expires ? { expires: a.expires } : {}) } : a.reason;
    } else if (a.type === 'not-applicable') notApplicable[a.threat] = a.reason;
  }
  if (Object.keys(mitigations).length) {
    e.mitigations = Object.fromEntries(Object.entries(mitigations).map(([k, list]) => [k, list.length === 1 ? list[0] : list]));
  }
  if (Object.keys(accepted).length) e.accepted = accepted;
  if (Object.keys(notApplicable).length) e['not-applicable'] = notApplicable;
  return e;
}

export function toYaml(model: SystemModel): string {
  const doc: Entry = { threatlens: 1 };
  if (model.name) doc.system = model.name;
  const ids = new Set(model.components.map((c) => c.id));
  if (model.boundaries.length) {
    doc.boundaries = Object.fromEntries(model.boundaries.map((b) => {
      const e: Entry = {};
      if (b.label && b.label !== b.id) e.label = b.label;
      if (b.parent !== undefined) e.parent = b.parent;
      const trust = b.properties?.trust;
      if (trust && ENUM_KEYS.trust.includes(trust)) e.trust = trust;
      return [b.id, Object.keys(e).length ? e : null];
    }));
  }
  doc.components = Object.fromEntries(model.components.map((c) => {
    const e = componentEntry(c, model.annotations.filter((a) => a.target === c.id));
    return [c.id, Object.keys(e).length ? e : null];
  }));
  // Flows to a boundary (a Mermaid edge into a subgraph) have no YAML form; they are left out.
  const flows = model.flows.filter((f) => !f.invisible && ids.has(f.from) && ids.has(f.to)).map((f) => {
    const key = `${f.from} ${f.bidirectional ? '<->' : '->'} ${f.to}`;
    return f.label ? { [key]: f.label } : key;
  });
  if (flows.length) doc.flows = flows;
  return stringify(doc, { lineWidth: 0 });
}
