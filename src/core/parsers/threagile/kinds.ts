/**
 * What Threagile's fields say about a component's kind. `technology` names it outright for most
 * values; `type` (external-entity, process, datastore) and `machine` are weaker hints; asset
 * titles and descriptions still go through the vocabulary, so `technology: database` titled
 * "Pinecone index" ends up a vector store.
 */
import type { ComponentKind, KindHint } from '../../model';

/** Threagile `technology` values (v1 enum) → kind. Values not listed add no hint. */
const TECHNOLOGY: Readonly<Record<string, ComponentKind>> = {
  'client-system': 'client', browser: 'client', desktop: 'client', 'mobile-app': 'client', 'devops-client': 'client', cli: 'client',
  'iot-device': 'client',
  'web-server': 'service', 'web-application': 'service', 'application-server': 'service', 'web-service-rest': 'service',
  'web-service-soap': 'service', ejb: 'service', 'service-registry': 'service', 'identity-provider': 'service', 'batch-processing': 'service',
  'event-listener': 'service', function: 'service', task: 'service', scheduler: 'service', 'message-queue': 'service',
  'stream-processing': 'service', 'service-mesh': 'service', 'report-engine': 'service', 'mail-server': 'service', mainframe: 'service',
  erp: 'datastore', cms: 'service',
  database: 'datastore', 'file-server': 'datastore', 'local-file-system': 'datastore', 'identity-store-database': 'datastore',
  'identity-store-ldap': 'datastore', 'ldap-server': 'datastore', 'block-storage': 'datastore', 'data-lake': 'datastore',
  'big-data-platform': 'datastore', vault: 'datastore', hsm: 'datastore', 'search-index': 'datastore', 'search-engine': 'tool',
  'reverse-proxy': 'gateway', 'load-balancer': 'gateway', gateway: 'gateway', waf: 'gateway',
  ids: 'guardrail', ips: 'guardrail', monitoring: 'monitoring',
  'build-pipeline': 'service', 'sourcecode-repository': 'document-source', 'artifact-registry': 'model-registry',
  'code-inspection-platform': 'tool', tool: 'tool', library: 'tool',
  // Threagile's single AI value: the asset's words decide between a model, an agent or an embedder.
  ai: 'llm',
};

export function threagileHints(technology: string | undefined, type: string | undefined, machine: string | undefined): KindHint[] {
  const hints: KindHint[] = [];
  const tech = technology?.trim().toLowerCase();
  if (tech) {
    const kind = TECHNOLOGY[tech];
    // `ai` is broad, so it only tips the balance; the asset's title picks llm, agent or embedder.
    if (kind) hints.push({ source: 'technology', text: tech, weight: tech === 'ai' ? 0.7 : 1, kind });
    else hints.push({ source: 'technology', text: tech.replace(/-/g, ' '), weight: 1 });
  }
  if (type === 'datastore') hints.push({ source: 'type', text: type, weight: 0.5, kind: 'datastore' });
  if (machine === 'serverless') hints.push({ source: 'machine', text: machine, weight: 0.5, kind: 'service' });
  return hints;
}

/** Threagile confidentiality levels that count as sensitive data for scoring. */
export const SENSITIVE_CONFIDENTIALITY = new Set(['confidential', 'strictly-confidential']);
