/** One finding: score, status, references with links, plain-language explanation, decisions and the choices. */
import type { FindingView, RefView } from '../../../src/core/walkthrough/types';
import { STATUS_LABEL, type StepContext } from '../context';
import { h, link } from '../dom';
import { decisionForm } from './decisionForm';

function refs(label: string, list: readonly RefView[], withLinks = true): HTMLElement | undefined {
  if (list.length === 0) return undefined;
  const items = list.flatMap((r, i) => [i > 0 ? ', ' : '', withLinks ? link(`${r.id}${r.name ? ` ${r.name}` : ''}`, r.url) : `${r.id}${r.name ? ` ${r.name}` : ''}`]);
  return h('li', {}, h('span', { class: 'tl-ref-label' }, `${label}: `), ...items);
}

function decisionText(f: FindingView): HTMLElement | undefined {
  if (f.decisions.length === 0) return undefined;
  return h('ul', { class: 'tl-decisions', attrs: { 'aria-label': 'Decisions in the file' } }, ...f.decisions.map((d) => {
    const decided = d.type === 'mitigates' ? `Mitigation (${d.status ?? 'planned'})` : d.type === 'accepts' ? (d.expired ? 'Accepted, expired' : 'Accepted') : 'Not applicable';
    // A placeholder reason or control decides nothing: the finding stays open until it is written.
    const what = d.incomplete ? `${d.type === 'mitigates' ? 'Mitigation' : d.type === 'accepts' ? 'Acceptance' : 'Not-applicable note'} incomplete` : decided;
    // A decision naming an OWASP id closes every finding citing it: say which.
    const scope = d.threat === f.ruleId ? '' : ` (${d.threat}, covers ${d.covers.join(', ')})`;
    const extra = [d.owner ? `owner ${d.owner}` : '', d.expires ? `until ${d.expires}` : ''].filter(Boolean).join(', ');
    return h('li', {}, h('strong', {}, `${what}${scope}: `), d.text, extra ? ` (${extra})` : '');
  }));
}

export function findingCard(f: FindingView, ctx: StepContext): HTMLElement {
  const headingId = `h-${f.key}`;
  const primary = f.owasp[0];
  return h('article', { class: `tl-finding tl-status-${f.status}`, attrs: { 'aria-labelledby': headingId, 'data-finding': f.key } },
    h('header', { class: 'tl-finding-head' },
      h('span', { class: `tl-sev tl-sev-${f.severity}`, attrs: { title: `Score ${f.score.toFixed(1)} of 10` } }, `${f.score.toFixed(1)} ${f.severity}`),
      h('span', { class: `tl-chip tl-chip-${f.status}` }, STATUS_LABEL[f.status] ?? f.status),
      h('h4', { attrs: { id: headingId } }, primary ? `${primary.id} ${primary.name}: ` : '', f.title)),
    h('ul', { class: 'tl-refs' },
      refs('OWASP', f.owasp),
      refs('ATLAS', f.atlas),
      refs('STRIDE', f.stride, false),
      refs('Lens', f.lenses, false),
      h('li', {}, h('span', { class: 'tl-ref-label' }, 'Rule: '), f.ruleId)),
    h('p', {}, h('strong', {}, 'In plain words: '), f.plain),
    h('details', { class: 'tl-security' }, h('summary', {}, 'For the security team'), h('p', {}, f.security)),
    decisionText(f),
    f.status === 'open' ? decisionForm(f, ctx) : h('details', { class: 'tl-change' }, h('summary', { attrs: { 'data-action': 'change' } }, 'Change this decision'), decisionForm(f, ctx)),
  );
}
