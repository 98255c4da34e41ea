/**
 * The summary step, "what are we going to do about it?" and "did we do a good enough job?": the
 * prioritized mitigation plan, the risks accepted and why, what is still open, and the exports.
 */
import type { StepContext } from '../context';
import { STATUS_LABEL } from '../context';
import { h } from '../dom';

export function summaryStep(ctx: StepContext): HTMLElement {
  const w = ctx.view.walkthrough;
  const p = w.progress;
  const name = (key: string) => {
    const c = w.components.find((x) => x.key === key);
    return c ? c.label || c.id : key;
  };
  return h('section', { class: 'tl-step-summary', attrs: { 'aria-labelledby': 'step-title' } },
    h('h2', { attrs: { id: 'step-title' } }, 'Summary: what are we going to do about it?'),
    h('p', {}, `${p.findingsDecided} of ${p.findingsTotal} findings decided; ${p.stepsDone} of ${p.stepsTotal} steps done.`),
    h('div', { class: 'tl-actions' },
      h('vscode-button', { attrs: { 'data-action': 'export-briefing', 'data-focus': 'export-briefing' }, on: { click: () => ctx.exportDoc('briefing') } }, 'Open executive briefing'),
      h('vscode-button', { attrs: { secondary: '', 'data-action': 'export-briefing-html', 'data-focus': 'export-briefing-html' }, on: { click: () => ctx.exportDoc('briefing-html') } }, 'Save printable briefing…'),
      h('vscode-button', { attrs: { secondary: '', 'data-action': 'export-report', 'data-focus': 'export-report' }, on: { click: () => ctx.exportDoc('report') } }, 'Open Markdown report'),
      h('vscode-button', { attrs: { secondary: '', 'data-action': 'export-workshop', 'data-focus': 'export-workshop' }, on: { click: () => ctx.exportDoc('workshop') } }, 'Workshop pack…')),
    h('h3', {}, 'Mitigation plan'),
    w.plan.length === 0 ? h('p', { class: 'tl-muted' }, 'Nothing to mitigate.') :
      h('div', { class: 'tl-table-wrap' }, h('table', { class: 'tl-table', attrs: { 'aria-label': 'Prioritized mitigation plan' } },
        h('thead', {}, h('tr', {}, ...['Score', 'Threat', 'Component', 'Control', 'Status'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
        h('tbody', {}, ...w.plan.map((r) => h('tr', {},
          h('td', {}, h('span', { class: `tl-sev tl-sev-${r.severity}` }, r.score.toFixed(1))),
          h('td', {}, h('strong', {}, r.threat.id), r.threat.name ? ` ${r.threat.name}` : '', h('div', { class: 'tl-muted' }, r.title)),
          h('td', {}, r.componentLabel),
          h('td', {}, r.control || '—', r.controlSource === 'suggested' && r.control ? h('div', { class: 'tl-muted' }, 'suggested') : null),
          h('td', {}, h('span', { class: `tl-chip tl-chip-${r.status}` }, STATUS_LABEL[r.status] ?? r.status))))))),
    h('h3', {}, 'Accepted or not applicable'),
    w.accepted.length === 0 ? h('p', { class: 'tl-muted' }, 'None.') :
      h('ul', {}, ...w.accepted.map((f) => {
        const d = f.decisions.find((x) => x.type !== 'mitigates');
        return h('li', {}, h('strong', {}, `${f.threat} on ${name(f.componentKey)}`), ` (${STATUS_LABEL[f.status] ?? f.status}): ${d?.text ?? ''}`,
          d?.owner ? `, owner ${d.owner}` : '', d?.expires ? `, until ${d.expires}` : '');
      })),
    h('h3', {}, `Open items (${w.openItems.length})`),
    w.openItems.length === 0 ? h('p', {}, 'Nothing is open. Well done.') :
      h('ul', { class: 'tl-open-items' }, ...w.openItems.map((item) => h('li', {},
        h('button', { class: 'tl-linklike', attrs: { type: 'button' }, on: { click: () => ctx.goTo(item.stepId) } }, item.text)))),
  );
}
