/**
 * The three choices for a finding: mitigate (a suggested control or one's own words, planned or
 * implemented), accept (a reason is required; owner and expiry are optional) or not applicable
 * (with a reason). Recording sends one `decide` message; the extension writes it into the file.
 * For a finding already decided the form starts from what the file says, and recording changes
 * that decision (a planned control becomes implemented, a lapsed acceptance gets a new date).
 */
import type { FindingView } from '../../../src/core/walkthrough/types';
import type { StepContext } from '../context';
import { drafts } from '../drafts';
import { clear, h } from '../dom';

type Choice = 'mitigates' | 'accepts' | 'not-applicable';

const CHOICES: readonly [Choice, string][] = [['mitigates', 'Mitigate'], ['accepts', 'Accept risk'], ['not-applicable', 'Not applicable']];

function radio(name: string, value: string, label: string, checked: boolean, onPick: () => void, focusKey: string): HTMLElement {
  return h('vscode-radio', {
    attrs: { name, value, 'data-focus': focusKey },
    props: { checked },
    on: { change: (e) => { if ((e.target as HTMLInputElement).checked) onPick(); } },
  }, label);
}

function textInput(tag: 'vscode-textarea' | 'vscode-textfield', key: string, label: string, extra: Record<string, string> = {}): HTMLElement {
  const el = h(tag, {
    class: 'tl-input',
    attrs: { label, 'aria-label': label, 'data-focus': key, ...extra },
    props: { value: drafts.get(key) },
    on: { input: (e) => drafts.set(key, (e.target as HTMLInputElement).value) },
  });
  return h('label', { class: 'tl-field' }, h('span', { class: 'tl-field-label' }, label), el);
}

/** Field values to start from: the decision written in the file, if there is one. */
function written(f: FindingView): Record<string, string> {
  const d = f.decisions[0];
  if (!d) return {};
  if (d.type === 'mitigates') {
    const m = f.mitigations.find((x) => x.stub === d.text);
    return { choice: 'mitigates', control: m ? `m:${m.id}` : 'custom', custom: m ? '' : d.text, status: d.status === 'planned' ? 'implemented' : (d.status ?? 'planned') };
  }
  if (d.type === 'accepts') return { choice: 'accepts', reason: d.text, owner: d.owner ?? '', expires: d.expired ? '' : (d.expires ?? '') };
  return { choice: 'not-applicable', na: d.text };
}

export function decisionForm(f: FindingView, ctx: StepContext): HTMLElement {
  const k = `f:${f.key}`;
  for (const [field, value] of Object.entries(written(f))) if (drafts.get(`${k}:${field}`) === '' && value) drafts.set(`${k}:${field}`, value);
  const body = h('div', { class: 'tl-choice-body' });
  const error = h('p', { class: 'tl-error', attrs: { role: 'alert', hidden: '' } });
  const fail = (msg: string) => {
    error.textContent = msg;
    error.hidden = false;
  };

  const record = async (button: HTMLElement, build: () => Parameters<StepContext['decide']>[0] | string) => {
    const d = build();
    if (typeof d === 'string') return fail(d);
    error.hidden = true;
    button.setAttribute('disabled', '');
    const r = await ctx.decide(d);
    button.removeAttribute('disabled');
    if (r.ok) drafts.clear(`${k}:`);
    else fail(r.message);
  };
  const button = (label: string, action: string, build: () => Parameters<StepContext['decide']>[0] | string) => {
    const b: HTMLElement = h('vscode-button', { attrs: { 'data-action': action, 'data-focus': `${k}:${action}` } }, label);
    b.addEventListener('click', () => void record(b, build));
    return b;
  };
  // supersede: a new kind of decision replaces the old one instead of contradicting it.
  const at = { componentId: f.componentId, anchor: f.anchor, threat: f.threat, supersede: true };
  const val = (field: string) => drafts.get(`${k}:${field}`).trim();

  const show = (choice: Choice) => {
    drafts.set(`${k}:choice`, choice);
    clear(body);
    if (choice === 'mitigates') {
      const picked = drafts.get(`${k}:control`, f.mitigations[0] ? `m:${f.mitigations[0].id}` : 'custom');
      const custom = textInput('vscode-textarea', `${k}:custom`, 'Your control', { rows: '2', placeholder: 'What will reduce this risk?' });
      custom.hidden = picked !== 'custom';
      const pick = (v: string) => () => {
        drafts.set(`${k}:control`, v);
        custom.hidden = v !== 'custom';
      };
      const controls = h('vscode-radio-group', { attrs: { variant: 'vertical', 'aria-label': 'Control' } },
        ...f.mitigations.map((m) => radio(`${k}:control`, `m:${m.id}`, `${m.name}: ${m.stub}`, picked === `m:${m.id}`, pick(`m:${m.id}`), `${k}:control:${m.id}`)),
        radio(`${k}:control`, 'custom', 'Write my own', picked === 'custom', pick('custom'), `${k}:control:custom`));
      const status = drafts.get(`${k}:status`, 'planned');
      const statuses = h('vscode-radio-group', { attrs: { variant: 'horizontal', 'aria-label': 'Status of the control' } },
        radio(`${k}:status`, 'planned', 'Planned', status === 'planned', () => drafts.set(`${k}:status`, 'planned'), `${k}:status:planned`),
        radio(`${k}:status`, 'implemented', 'Implemented', status === 'implemented', () => drafts.set(`${k}:status`, 'implemented'), `${k}:status:implemented`));
      body.append(
        h('p', { class: 'tl-field-label' }, 'Control'), controls, custom,
        h('p', { class: 'tl-field-label' }, 'Status'), statuses,
        h('div', { class: 'tl-actions' }, button('Record mitigation', 'mitigate', () => {
          const choice = drafts.get(`${k}:control`, f.mitigations[0] ? `m:${f.mitigations[0].id}` : 'custom');
          const control = choice === 'custom' ? val('custom') : f.mitigations.find((m) => `m:${m.id}` === choice)?.stub ?? '';
          if (!control) return 'Write the control first.';
          return { type: 'mitigates', ...at, control, status: drafts.get(`${k}:status`, 'planned') === 'implemented' ? 'implemented' : 'planned' };
        })),
      );
    } else if (choice === 'accepts') {
      body.append(
        textInput('vscode-textarea', `${k}:reason`, 'Why is this risk acceptable? (required)', { rows: '2' }),
        h('div', { class: 'tl-row' },
          textInput('vscode-textfield', `${k}:owner`, 'Owner (optional)'),
          textInput('vscode-textfield', `${k}:expires`, 'Review by (optional)', { type: 'date' })),
        h('div', { class: 'tl-actions' }, button('Record acceptance', 'accept', () => {
          if (!val('reason')) return 'A reason is required to accept a risk.';
          const expires = val('expires');
          if (expires && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) return 'Write the date as YYYY-MM-DD.';
          return { type: 'accepts', ...at, reason: val('reason'), ...(val('owner') ? { owner: val('owner') } : {}), ...(expires ? { expires } : {}) };
        })),
      );
    } else {
      body.append(
        textInput('vscode-textarea', `${k}:na`, 'Why does this threat not apply here? (required)', { rows: '2' }),
        h('div', { class: 'tl-actions' }, button('Record as not applicable', 'not-applicable', () => {
          if (!val('na')) return 'A reason is required.';
          return { type: 'not-applicable', ...at, reason: val('na') };
        })),
      );
    }
  };

  const initial = (drafts.get(`${k}:choice`, 'mitigates') as Choice);
  const choices = h('vscode-radio-group', { attrs: { variant: 'horizontal', 'aria-label': `Decision for ${f.threat} on ${f.componentId}` } },
    ...CHOICES.map(([value, label]) => radio(`${k}:choice`, value, label, value === initial, () => show(value), `${k}:choice:${value}`)));
  show(initial);
  return h('fieldset', { class: 'tl-choice' }, h('legend', {}, 'What are we going to do about it?'), choices, body, error);
}
