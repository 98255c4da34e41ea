/**
 * The Markdown of hover cards. Every string that comes from the user's file (ids, labels,
 * annotation text, kind reasons) goes through the core's escaping helpers, so a label such as
 * `[x](command:…)` or `<img onerror=…>` renders as text. Links are only catalog URLs and the
 * allow-listed Threatlens commands.
 */
import type { Finding } from '../core/analysis/finding';
import type { Annotation, Component, Problem } from '../core/model';
import type { CatalogLookup } from '../core/report/types';
import { codeSpan, escapeMarkdown } from '../core/report/escape';
import { decisionLine } from '../core/report/decisionLine';
import { CMD, commandUri, type DecisionArgs } from './commandIds';
import { WALKTHROUGH_CMD } from './walkthrough/ids';
import { firstScreen } from '../core/present/hoverScreen';
import { appendAll } from '../core/arrays';

export const STRIDE_URL = 'https://learn.microsoft.com/en-us/azure/security/develop/threat-modeling-tool-threats#stride-model';

const STATUS_TEXT: Record<Finding['status'], string> = {
  open: 'open', planned: 'mitigation planned', mitigated: 'mitigated', accepted: 'risk accepted', 'not-applicable': 'not applicable',
};

function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

function owaspLink(id: string, lookup: CatalogLookup): string {
  const r = lookup.owasp(id);
  return r ? link(`${r.id} ${escapeMarkdown(r.name)}`, r.url) : escapeMarkdown(id);
}

/** The finding's ids by risk; the first group is the headline, the rest are listed as "Also". */
function groups(f: Finding): string[][] {
  return f.owaspGroups ?? f.owasp.map((id) => [id]);
}

/** The same risk in the other enabled editions, shown beside an id: ` (= LLM06:2025 Excessive Agency)`. */
function otherEditions(group: readonly string[], lookup: CatalogLookup): string {
  return group.length > 1 ? ` (= ${group.slice(1).map((o) => owaspLink(o, lookup)).join(', ')})` : '';
}

function refsLine(f: Finding, lookup: CatalogLookup): string {
  const parts: string[] = [];
  const rest = groups(f).slice(1);
  if (rest.length) parts.push(`Also ${rest.map((g) => `${owaspLink(g[0], lookup)}${otherEditions(g, lookup)}`).join(', ')}`);
  if (f.atlas.length) {
    parts.push(`ATLAS ${f.atlas.map((a) => { const r = lookup.atlas(a); return r ? `${link(a, r.url)} ${escapeMarkdown(r.name)}` : a; }).join(', ')}`);
  }
  parts.push(`STRIDE ${f.stride.map((s) => `${link(s, STRIDE_URL)} ${escapeMarkdown(lookup.stride(s)?.name ?? '')}`.trim()).join(', ')}`);
  if (f.lenses.length) parts.push(`Lens ${f.lenses.map((l) => escapeMarkdown(lookup.lens(l)?.name ?? l)).join(', ')}`);
  return parts.join(' · ');
}

function decisionText(f: Finding): string[] {
  return f.decisions.map((d) => `Decision: ${decisionLine(d, f.ruleId)}`);
}

function findingBlock(f: Finding, uri: string, lookup: CatalogLookup): string {
  const [first = [f.ruleId]] = groups(f);
  const head = `**${owaspLink(first[0], lookup)}**${otherEditions(first, lookup)} · ${f.score.toFixed(1)} ${f.severity} · ${STATUS_TEXT[f.status]}`;
  const lines = [head, '', `${escapeMarkdown(f.title)} (${codeSpan(f.ruleId)})${f.sink ? `: ${escapeMarkdown(`"${f.componentId}" ${f.sink}`)}` : ''}`, '', refsLine(f, lookup)];
  if (f.scoreFactors?.length) lines.push('', `*Score ${f.score.toFixed(1)}:* ${f.scoreFactors.map(escapeMarkdown).join('; ')}`);
  appendAll(lines, decisionText(f).flatMap((d) => ['', d]));
  if (f.status === 'open' || f.status === 'planned') {
    lines.push('', `*In plain words:* ${escapeMarkdown(f.plain)}`, '', `*For the security team:* ${escapeMarkdown(f.security)}`);
  }
  if (f.status === 'open' && f.mitigations.length) {
    lines.push('', 'Suggested mitigations:', '', ...f.mitigations.map((m) => `- **${escapeMarkdown(m.name)}**: ${escapeMarkdown(m.stub)}`));
    const base: DecisionArgs = { uri, componentId: f.componentId, anchor: f.span.start, threat: f.ruleId };
    const insert = `[Insert mitigation](${commandUri(CMD.insertMitigation, { ...base, control: f.mitigations[0].stub })} "Add a planned @mitigates decision with the first suggested control")`;
    const accept = `[Accept risk](${commandUri(CMD.acceptRisk, base)} "Record that this risk is accepted, with a reason")`;
    lines.push('', `${insert} · ${accept}`);
  }
  return lines.join('\n');
}

/** Who the card is about: the component, its kind and why, and its links. */
function componentHead(c: Component, uri: string): string[] {
  const out: string[] = [];
  const label = c.label && c.label !== c.id ? ` ${escapeMarkdown(c.label)}` : '';
  out.push(`**Threatlens** · ${codeSpan(c.id)}${label}`, '');
  // kindReason already says how ("declared with …", "inferred from …"); say it when it does not.
  const how = c.kindSource === 'declared' ? 'declared' : c.kindSource === 'inferred' ? 'inferred' : 'not recognised';
  const why = c.kindReason && /^(declared|inferred)\b/.test(c.kindReason) ? c.kindReason : `${how}${c.kindReason ? `: ${c.kindReason}` : ''}`;
  out.push(`Kind **${c.kind}**, ${escapeMarkdown(why)}`);
  // An inferred property says why, as an inferred kind does: the rules and the score read it.
  const props = Object.entries(c.properties).map(([k, v]) => `${escapeMarkdown(k)}=${escapeMarkdown(v)}${c.propertyReasons?.[k] ? ` (inferred: ${escapeMarkdown(c.propertyReasons[k])})` : ''}`);
  if (c.boundary || props.length) out.push('', [c.boundary ? `Boundary ${codeSpan(c.boundary)}` : '', props.join(', ')].filter(Boolean).join(' · '));
  const links: string[] = [];
  if (c.kind === 'unknown' || c.kindSource !== 'declared') {
    const args: DecisionArgs = { uri, componentId: c.id, anchor: c.span.start };
    links.push(`[Declare kind](${commandUri(CMD.declareKind, args)} "Write the kind into the file, so it no longer depends on inference")`);
  }
  links.push(`[Open walkthrough](${commandUri(WALKTHROUGH_CMD.open, { uri, componentId: c.id, anchor: c.span.start })} "STRIDE-for-AI walkthrough at this component")`);
  out.push('', links.join(' · '));
  return out;
}

function countLine(findings: readonly Finding[]): string {
  const open = findings.filter((f) => f.status === 'open').length;
  return findings.length ? `**${findings.length} finding${findings.length === 1 ? '' : 's'}**, ${open} open` : 'No findings on this component.';
}

/**
 * One finding in one list item: headline id (the other editions' ids beside it), score, status,
 * title, lenses and the two one-click decisions. The explanations are in the full text.
 */
function findingItem(f: Finding, uri: string, lookup: CatalogLookup): string {
  const [first = [f.ruleId]] = groups(f);
  const ids = first.length > 1 ? ` (= ${first.slice(1).join(', ')})` : '';
  const lenses = f.lenses.length ? ` · lens ${f.lenses.map((l) => escapeMarkdown(lookup.lens(l)?.name ?? l)).join(', ')}` : '';
  // A decision stays on the first screen: which findings it closes is what a reviewer checks.
  const head = [`- **${owaspLink(first[0], lookup)}**${ids} · ${f.score.toFixed(1)} ${f.severity} · ${STATUS_TEXT[f.status]}: ${escapeMarkdown(f.title)} (${codeSpan(f.ruleId)})${lenses}`, ...decisionText(f)].join('\n  ');
  if (f.status !== 'open' || !f.mitigations.length) return head;
  const base: DecisionArgs = { uri, componentId: f.componentId, anchor: f.span.start, threat: f.ruleId };
  return `${head} · [Mitigate](${commandUri(CMD.insertMitigation, { ...base, control: f.mitigations[0].stub })} "Add a planned @mitigates decision with the first suggested control") · [Accept](${commandUri(CMD.acceptRisk, base)} "Record that this risk is accepted, with a reason")`;
}

function byRiskFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.score - a.score);
}

/**
 * Hover for a component, its first screen: the component, then one line per finding, riskiest
 * first, while they fit in HOVER_WORD_BUDGET words, then a link to the full text of every finding.
 */
export function componentHover(c: Component, findings: readonly Finding[], uri: string, lookup: CatalogLookup): string {
  const head = [...componentHead(c, uri), '', '---', '', countLine(findings)].join('\n');
  if (!findings.length) return head;
  const args: DecisionArgs = { uri, componentId: c.id, anchor: c.span.start };
  const full = `[Full text](${commandUri(CMD.showFindingDetails, args)} "Why each finding matters and the controls, in a Markdown preview")`;
  const view = `[Threats view](${commandUri(CMD.focusView, {})} "Every finding of the workspace")`;
  return firstScreen({
    head: [head],
    items: byRiskFirst(findings).map((f) => findingItem(f, uri, lookup)),
    footer: (left) => `${left ? `${left} more not shown here. ` : ''}${full} · ${view}`,
  }).markdown;
}

/** Everything about a component's findings, for the "Full text" link: each explanation in full. */
export function componentDetails(c: Component, findings: readonly Finding[], uri: string, lookup: CatalogLookup): string {
  const out = [...componentHead(c, uri), '', '---', '', countLine(findings)];
  for (const f of byRiskFirst(findings)) out.push('', '---', '', findingBlock(f, uri, lookup));
  return out.join('\n');
}

/** Hover for a threat id written in an annotation: what it resolved to and what it decides. */
export function threatHover(a: Exclude<Annotation, { type: 'component' }>, resolved: readonly string[] | undefined, affected: readonly Finding[], problem: Problem | undefined, lookup: CatalogLookup, ruleTitle: (id: string) => string | undefined): string {
  const out = [`**Threatlens** · ${codeSpan(a.threat)} in @${a.type} ${codeSpan(a.target)}`, ''];
  if (!resolved) {
    out.push('Not a known threat id.');
    if (problem?.suggestions?.length) out.push('', `Did you mean ${problem.suggestions.map((s) => codeSpan(s)).join(', ')}?`);
    return out.join('\n');
  }
  // An id without its edition (`LLM03`) is ambiguous since 2026; say which edition it was read in.
  const bare = /^LLM\d{2}$/i.exec(a.threat.trim());
  const reading = bare ? resolved.find((id) => id.toUpperCase().startsWith(`${bare[0].toUpperCase()}:`)) : undefined;
  if (bare && reading) {
    out.push(`${codeSpan(a.threat)} has no edition, so it is read as ${codeSpan(reading)} (setting \`threatlens.defaultEdition\`); write it as ${codeSpan(reading)} to make that explicit.`, '');
  }
  out.push('Resolves to:', '');
  for (const id of resolved) {
    const owasp = lookup.owasp(id);
    const atlas = owasp ? undefined : lookup.atlas(id);
    const rule = owasp || atlas ? undefined : ruleTitle(id);
    const text = owasp ? owaspLink(id, lookup) : atlas ? `${link(id, atlas.url)} ${escapeMarkdown(atlas.name)}` : rule ? `${codeSpan(id)} ${escapeMarkdown(rule)}` : codeSpan(id);
    out.push(`- ${text}`);
    const words = owasp ? lookup.owaspText(id) : undefined;
    if (words && resolved.length === 1) out.push('', `*In plain words:* ${escapeMarkdown(words.plain)}`);
  }
  out.push('');
  if (affected.length === 0) out.push(`No current finding on ${codeSpan(a.target)} matches it, so this decision has no effect.`);
  else if (affected.some((f) => f.decisions.some((d) => d.incomplete && d.span.start === a.span.start))) {
    // A placeholder is not a decision: say so rather than list findings it does not close.
    const missing = a.type === 'mitigates' ? 'control' : 'reason';
    out.push(`The ${missing} is still a placeholder, so this decides nothing yet: ${affected.map((f) => codeSpan(f.ruleId)).join(', ')} stay${affected.length === 1 ? 's' : ''} open until the ${missing} is written.`);
  } else {
    out.push(`Decides ${affected.length} finding${affected.length === 1 ? '' : 's'} on ${codeSpan(a.target)}:`, '');
    for (const f of affected) out.push(`- ${escapeMarkdown(f.title)} (${codeSpan(f.ruleId)}, ${f.score.toFixed(1)} ${f.severity}): ${STATUS_TEXT[f.status]}`);
  }
  return out.join('\n');
}
