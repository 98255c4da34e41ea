/**
 * Catalog entries as resources, `threatlens://catalog/<id>`: OWASP entries (`LLM01:2025`,
 * `ASI01:2026`), ATLAS techniques (`AML.T0051`) and rules (`TL001`, and workspace rules), each
 * as JSON, listed together.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Engine } from '../../core/engine';

const PREFIX = 'threatlens://catalog/';

interface Entry { name: string; description: string; data: unknown }

function entries(engine: Engine): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const e of engine.catalog.owasp.values()) out.set(e.qid, { name: `${e.qid} ${e.name}`, description: e.plain, data: { type: 'owasp', ...e } });
  for (const t of engine.catalog.atlas.techniques.values()) out.set(t.id, { name: `${t.id} ${t.displayName}`, description: t.summary, data: { type: 'atlas-technique', ...t } });
  for (const r of engine.rules) {
    const mitigations = r.mitigations.map((m) => engine.mitigation(m) ?? { id: m });
    out.set(r.id, { name: `${r.id} ${r.title}`, description: r.plain, data: { type: 'rule', id: r.id, title: r.title, owasp: r.owasp, atlas: r.atlas, stride: r.stride, lenses: r.lenses, likelihood: r.likelihood, impact: r.impact, plain: r.plain, security: r.security, mitigations } });
  }
  return out;
}

export function registerCatalogResources(server: McpServer, engine: Engine): void {
  const all = entries(engine);
  const template = new ResourceTemplate(`${PREFIX}{id}`, {
    list: () => ({ resources: [...all.entries()].map(([id, e]) => ({ uri: `${PREFIX}${id}`, name: e.name, description: e.description, mimeType: 'application/json' })) }),
  });
  server.registerResource('catalog', template, {
    title: 'Threatlens catalog',
    description: 'OWASP LLM and Agentic Top 10 entries, MITRE ATLAS techniques and Threatlens rules by id',
    mimeType: 'application/json',
  }, (uri, vars) => {
    const raw = Array.isArray(vars.id) ? vars.id[0] : vars.id;
    let id = raw;
    try {
      id = decodeURIComponent(raw);
    } catch {
      // not percent-encoded after all: use it as written
    }
    const e = all.get(id);
    if (!e) throw new Error(`no catalog entry ${id}`);
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(e.data, null, 2) }] };
  });
}
