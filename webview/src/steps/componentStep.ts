/** A component's step: what it is, what can go wrong (STRIDE for AI and the lenses), questions, findings. */
import type { ComponentStep } from '../../../src/core/walkthrough/types';
import type { StepContext } from '../context';
import { h } from '../dom';
import { attackTreeFigure } from '../diagram/attackTreeFigure';
import { findingCard } from './findingCard';

export function componentStep(step: ComponentStep, ctx: StepContext): HTMLElement {
  const c = ctx.view.walkthrough.components.find((x) => x.key === step.componentKey);
  if (!c) return h('p', {}, 'This component is no longer in the file.');
  const open = step.findings.filter((f) => f.status === 'open').length;
  // kindReason usually says how already ("declared with …", "inferred from …"); say it when it does not.
  const how = c.kindSource === 'declared' ? 'declared' : c.kindSource === 'inferred' ? 'inferred' : 'not recognised';
  const why = /^(declared|inferred)\b/.test(c.kindReason) ? c.kindReason : `${how}${c.kindReason ? `: ${c.kindReason}` : ''}`;
  const facts = [`kind ${c.kind} (${why})`];
  if (c.boundary) facts.push(`inside trust boundary ${c.boundary}`);
  const props = Object.entries(c.properties).map(([k, v]) => `${k}=${v}`);
  if (props.length) facts.push(props.join(', '));
  return h('section', { class: 'tl-step-component', attrs: { 'aria-labelledby': 'step-title' } },
    h('h2', { attrs: { id: 'step-title' } }, step.title),
    h('p', { class: 'tl-facts' }, facts.join(' · '), ' ',
      h('vscode-button', { attrs: { secondary: '', 'data-focus': 'show-in-editor', 'aria-label': `Show ${c.label || c.id} in the editor` }, on: { click: () => ctx.select(c.key) } }, 'Show in editor')),
    c.kind === 'unknown' ? h('p', { class: 'tl-warning' }, 'Threatlens did not recognise this component, so no rule checks it. Declare its kind in the scope step.') : null,
    h('h3', {}, 'What can go wrong here?'),
    step.stride.length === 0 ? h('p', { class: 'tl-muted' }, 'No STRIDE-for-AI category is listed for this kind.') :
      h('ul', { class: 'tl-categories' }, ...step.stride.map((s) => h('li', {},
        h('span', { class: 'tl-letter', attrs: { 'aria-hidden': 'true' } }, s.letter), ' ',
        h('strong', {}, s.name), s.findingCount ? ` · ${s.findingCount} finding${s.findingCount === 1 ? '' : 's'}` : '', s.forKind ? '' : ' (cited by a finding)',
        h('p', { class: 'tl-muted' }, s.plain),
        s.examples[0] ? h('p', { class: 'tl-example' }, `For example: ${s.examples[0]}`) : null))),
    step.lenses.length ? h('h3', {}, 'AI lenses') : null,
    ...step.lenses.map((l) => h('details', { class: 'tl-lens' },
      h('summary', {}, h('strong', {}, l.name), l.findingCount ? ` · ${l.findingCount} finding${l.findingCount === 1 ? '' : 's'}` : ''),
      h('p', {}, l.plain),
      h('ul', {}, ...l.questions.map((q) => h('li', {}, q))))),
    step.questions.length ? h('h3', {}, `Questions for the team about this ${c.kind}`) : null,
    step.questions.length ? h('ol', { class: 'tl-questions' }, ...step.questions.map((q) => h('li', {}, q))) : null,
    h('h3', {}, step.findings.length ? `Findings (${open} open of ${step.findings.length})` : 'Findings'),
    step.findings.length === 0 ? h('p', { class: 'tl-muted' }, 'No rule fired for this component. Use the questions above to look for what the rules cannot see.') : null,
    ...step.findings.map((f) => findingCard(f, ctx)),
    step.attackTree ? h('h3', {}, 'Attack tree') : null,
    step.attackTree ? h('p', { class: 'tl-muted' }, 'How an attacker would go about it: each goal on top, its alternatives under OR, and under AND every part the attack needs, in order (entry, ATLAS techniques, the missing control). Dotted edges are the controls that cut a branch. "Threatlens: Show Attack Tree" opens it, with the attacks that chain across components, as Markdown.') : null,
    step.attackTree ? attackTreeFigure(step.attackTree, c.label || c.id) : null,
  );
}
