/**
 * SARIF 2.1.0 for code scanning. One rule per Threatlens rule that fired, results on the
 * component's declaration, evidence hops as related locations, decisions as in-source
 * suppressions, and `partialFingerprints` that survive unrelated edits.
 */
import { decisionStatus } from '../analysis/decisionState';
import { UNRECOGNISED_CODE } from '../inference/recognition';
import { LineIndex } from '../positions';
import type { Finding } from '../analysis/finding';
import type { Rule } from '../rules/schema';
import { escapeMarkdown, printable } from './escape';
import { findingMessage } from './messages';
import { owaspPage, TOOL_NAME, TOOL_URI, type CatalogLookup, type FileResult } from './types';

const LEVEL: Record<Finding['severity'], 'note' | 'warning' | 'error'> = { low: 'note', medium: 'warning', high: 'error', critical: 'error' };

export function toSarif(results: FileResult[], rules: readonly Rule[], lookup: CatalogLookup, toolVersion: string, srcRootUri?: string): object {
  // Rules by id once (the first of an id, as a search would find), not a search per finding.
  const unrecognised = results.reduce((n, r) => n + r.problems.filter((p) => p.code === UNRECOGNISED_CODE).length, 0);
  const byId = new Map<string, Rule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  const fired = new Map<string, Rule>();
  for (const r of results) for (const f of r.findings) {
    const rule = byId.get(f.ruleId);
    if (rule && !fired.has(rule.id)) fired.set(rule.id, rule);
  }
  const ruleList = [...fired.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i] as const));
  const sarifResults: object[] = [];
  for (const r of results) {
    const idx = new LineIndex(r.file.text);
    const region = (span: { start: number; end: number }) => {
      const a = idx.positionAt(span.start);
      const b = idx.positionAt(span.end);
      return { startLine: a.line + 1, startColumn: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
    };
    const loc = (span: { start: number; end: number }, message?: string) => ({
      physicalLocation: { artifactLocation: { uri: toUri(r.file.path), uriBaseId: '%SRCROOT%' }, region: region(span) },
      ...(message ? { message: { text: message } } : {}),
    });
    for (const f of r.findings) {
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
        level: f.status === 'open' ? LEVEL[f.severity] : 'note',
        message: { text: findingMessage(f, lookup) },
        locations: [loc(f.span)],
        partialFingerprints: { 'threatlensFinding/v1': f.fingerprint },
        properties: { score: f.score, severity: f.severity, status: f.status, owasp: f.owasp, atlas: f.atlas, stride: f.stride, tags: tags(f) },
      };
      if (f.evidence.length > 1) result.relatedLocations = f.evidence.map((e, i) => ({ id: i, ...loc(e.span, `step ${i + 1}: ${printable(e.componentId)}`) }));
      const suppress = f.decisions.filter((d) => decisionStatus(d) !== 'open' && decisionStatus(d) !== 'planned');
      if (suppress.length && f.status !== 'open' && f.status !== 'planned') {
        result.suppressions = suppress.map((d) => ({ kind: 'inSource', status: 'accepted', justification: printable(`${d.type} ${d.threat}: ${d.text}`) }));
      }
      sarifResults.push(result);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL_NAME, version: toolVersion, semanticVersion: toolVersion, informationUri: TOOL_URI, rules: ruleList.map((rule) => sarifRule(rule, lookup)) } },
      columnKind: 'utf16CodeUnits',
      // Components nobody could place are not checked: a clean run with them is incomplete coverage.
      properties: { coverage: unrecognised ? 'incomplete' : 'complete', unrecognisedComponents: unrecognised },
      ...(srcRootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: srcRootUri.endsWith('/') ? srcRootUri : `${srcRootUri}/` } } } : {}),
      results: sarifResults,
    }],
  };
}

function tags(f: Pick<Finding, 'owasp' | 'atlas' | 'stride' | 'lenses'>): string[] {
  return ['security', 'ai', ...f.owasp.map((o) => `owasp/${o}`), ...f.atlas.map((a) => `atlas/${a}`), ...f.stride.map((s) => `stride/${s}`), ...f.lenses.map((l) => `lens/${l}`)];
}

/** For a rule filed under STRIDE only (no OWASP entry, no ATLAS technique): OWASP's page on threat modeling and STRIDE. */
const STRIDE_PAGE = 'https://owasp.org/www-community/Threat_Modeling_Process';

function sarifRule(rule: Rule, lookup: CatalogLookup): object {
  const helpUri = owaspPage(rule.owasp, lookup) ?? rule.atlas.map((a) => lookup.atlas(a)?.url).find((u) => u !== undefined) ?? STRIDE_PAGE;
  const refs = [
    ...rule.owasp.map((o) => lookup.owasp(o)).filter((x) => x !== undefined),
    ...rule.atlas.map((a) => lookup.atlas(a)).filter((x) => x !== undefined),
  ];
  const md = [
    `**${escapeMarkdown(rule.title)}**`, '',
    `For data scientists: ${escapeMarkdown(rule.plain)}`, '',
    `For the security team: ${escapeMarkdown(rule.security)}`, '',
    ...refs.map((r) => (r.url ? `- [${r.id} ${escapeMarkdown(r.name)}](${r.url})` : `- ${r.id} ${escapeMarkdown(r.name)}`)),
  ].join('\n');
  const securitySeverity = Math.round((10 * Math.sqrt(rule.likelihood * rule.impact)) / 5 * 10) / 10;
  return {
    id: rule.id,
    name: pascalName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.security },
    help: { text: `${rule.plain}\n\n${rule.security}`, markdown: md },
    ...(helpUri ? { helpUri } : {}),
    properties: { tags: tags({ ...rule }), precision: 'medium', 'security-severity': securitySeverity.toFixed(1) },
  };
}

function toUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF wants a readable `name` distinct from the opaque id: "Untrusted input reaches" → "UntrustedInputReaches". */
function pascalName(title: string): string {
  return title.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
