/**
 * The scope step, "what are we working on?": the system, its components with their kinds and why,
 * the trust boundaries and the flows that cross them. A wrong kind is corrected here; the
 * correction is written into the file (`@component … kind=` or YAML `kind:`).
 */
import type { ComponentView } from '../../../src/core/walkthrough/types';
import type { StepContext } from '../context';
import { drafts } from '../drafts';
import { h } from '../dom';

function kindCell(c: ComponentView, ctx: StepContext): HTMLElement {
  const key = `kind:${c.key}`;
  // A declared kind needs no button until another one is picked; an inferred one can be confirmed as it is.
  const unchanged = () => c.kindSource === 'declared' && drafts.get(key, c.kind) === c.kind;
  const select = h('vscode-single-select', {
    attrs: { 'aria-label': `Kind of ${c.label || c.id}`, 'data-focus': key },
    on: { change: (e) => { drafts.set(key, (e.target as HTMLSelectElement).value); save.hidden = unchanged(); } },
  }, ...ctx.view.kinds.concat(c.kind === 'unknown' ? ['unknown'] : []).map((k) => h('vscode-option', { attrs: { value: k }, props: { selected: k === drafts.get(key, c.kind) } }, k)));
  const status = h('span', { class: 'tl-muted', attrs: { role: 'status' } });
  const save: HTMLElement = h('vscode-button', { attrs: { secondary: '', 'data-focus': `${key}:save`, 'aria-label': `Declare the kind of ${c.label || c.id}` } }, 'Declare');
  save.hidden = unchanged();
  save.addEventListener('click', () => {
    const kind = drafts.get(key, c.kind);
    if (kind === 'unknown') {
      status.textContent = 'Pick a kind first.';
      return;
    }
    save.setAttribute('disabled', '');
    void ctx.decide({ type: 'kind', componentId: c.id, anchor: c.span.start, kind: kind as ComponentView['kind'] }).then((r) => {
      status.textContent = r.ok ? '' : r.message;
      save.removeAttribute('disabled');
      if (r.ok) drafts.clear(key);
    });
  });
  return h('td', {}, h('div', { class: 'tl-kind' }, select, save), h('div', { class: 'tl-muted tl-why' }, c.kindReason), status);
}

export function scopeStep(ctx: StepContext): HTMLElement {
  const w = ctx.view.walkthrough;
  const name = (key: string) => {
    const c = w.components.find((x) => x.key === key);
    return c ? c.label || c.id : key;
  };
  const unknown = w.components.filter((c) => c.unrecognised).length;
  return h('section', { class: 'tl-step-scope', attrs: { 'aria-labelledby': 'step-title' } },
    h('h2', { attrs: { id: 'step-title' } }, 'Scope: what are we working on?'),
    h('p', {}, w.system ? `System: ${w.system}. ` : '', `${w.components.length} components, ${w.boundaries.length} trust boundaries, ${w.flows.length} flows. `,
      'Check that each component has the right kind: the kind decides which threats apply.'),
    unknown ? h('p', { class: 'tl-warning' }, `${unknown} component${unknown === 1 ? ' is' : 's are'} not recognised; declare ${unknown === 1 ? 'its' : 'their'} kind below.`) : null,
    ctx.view.problems.length ? h('details', { class: 'tl-problems' }, h('summary', {}, `${ctx.view.problems.length} problem${ctx.view.problems.length === 1 ? '' : 's'} in the file`),
      h('ul', {}, ...ctx.view.problems.map((p) => h('li', {}, `Line ${p.line}: ${p.message}`)))) : null,
    h('h3', {}, 'Components'),
    h('div', { class: 'tl-table-wrap' }, h('table', { class: 'tl-table' },
      h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'Component'), h('th', { attrs: { scope: 'col' } }, 'Kind, and why'), h('th', { attrs: { scope: 'col' } }, 'Open'))),
      h('tbody', {}, ...w.components.map((c) => h('tr', { attrs: { 'data-component': c.key } },
        h('th', { attrs: { scope: 'row' } },
          h('button', { class: 'tl-linklike', attrs: { type: 'button', 'aria-label': `Select ${c.label || c.id} in the diagram and the editor` }, on: { click: () => ctx.select(c.key) } }, c.label || c.id),
          c.label && c.label !== c.id ? h('div', { class: 'tl-muted tl-code' }, c.id) : null,
          c.boundary ? h('div', { class: 'tl-muted' }, `in ${c.boundary}`) : null),
        kindCell(c, ctx),
        h('td', {}, c.openCount ? h('span', { class: `tl-sev tl-sev-${c.highestOpen ?? 'low'}` }, String(c.openCount)) : '0')))))),
    h('h3', {}, 'Trust boundaries'),
    w.boundaries.length === 0 ? h('p', { class: 'tl-muted' }, 'None drawn. Group components in a subgraph (Mermaid) or under boundaries (YAML) to show where trust changes.') :
      h('ul', {}, ...w.boundaries.map((b) => h('li', {}, h('strong', {}, b.label || b.id), b.label && b.label !== b.id ? ` (${b.id})` : '', `: ${b.members.map(name).join(', ') || 'no components'}`))),
    h('h3', {}, 'Flows that cross a trust boundary'),
    (() => {
      const crossing = w.flows.filter((f) => f.crossesBoundary);
      return crossing.length === 0 ? h('p', { class: 'tl-muted' }, 'None.') :
        h('ul', {}, ...crossing.map((f) => h('li', {}, `${name(f.from)} → ${name(f.to)}`, f.label ? `: ${f.label}` : '')));
    })(),
  );
}
