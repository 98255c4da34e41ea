/**
 * The walkthrough page: header with progress, the diagram with its risk overlay, step navigation,
 * the current step and a live status line. It holds no truth of its own: every `state` message
 * replaces the view, and every choice goes to the extension, which writes it into the file and
 * sends the new state back.
 */
import type { ToWebview, WalkthroughDecision, WalkthroughView } from '../../src/shared/walkthroughProtocol';
import type { DecisionResult, StepContext } from './context';
import { DiagramPanel } from './diagram/renderer';
import { append, clear, h } from './dom';
import { componentStep } from './steps/componentStep';
import { scopeStep } from './steps/scopeStep';
import { summaryStep } from './steps/summaryStep';
import { post, saveState, savedState } from './vscodeApi';

export class App {
  private view: WalkthroughView | undefined;
  private stepId = savedState()?.stepId ?? 'scope';
  /** The first state decides the step (resume); after that the page navigates and tells the extension. */
  private started = false;
  private selected: string | null = null;
  private lastStepRender = '';
  private nextRequest = 1;
  private readonly pending = new Map<number, (r: DecisionResult) => void>();

  private readonly header = h('header', { class: 'tl-header' });
  private readonly diagramHost = h('div', { class: 'tl-diagrams', attrs: { 'aria-busy': 'true' } });
  private readonly selection = h('div', { class: 'tl-selection', attrs: { 'aria-live': 'polite' } });
  private readonly nav = h('nav', { class: 'tl-nav', attrs: { 'aria-label': 'Walkthrough steps' } });
  private readonly step = h('main', { class: 'tl-step' });
  private readonly status = h('div', { class: 'tl-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly diagram = new DiagramPanel(this.diagramHost, (key) => this.selectComponent(key, true));

  constructor(private readonly root: HTMLElement) {
    clear(root);
    root.append(this.header, h('section', { class: 'tl-diagram', attrs: { 'aria-label': 'Diagram with risk overlay' } }, this.legend(), this.diagramHost, this.selection), this.nav, this.step, this.status);
    // The bar wraps in a narrow panel and its buttons grow once their elements load: whatever is
    // scrolled to must clear the bar's real height (walkthrough.css, scroll-padding-top).
    new ResizeObserver(() => document.documentElement.style.setProperty('--tl-nav-height', `${Math.ceil(this.nav.getBoundingClientRect().height) + 8}px`)).observe(this.nav);
  }

  receive(m: ToWebview): void {
    switch (m.type) {
      case 'state':
        this.view = m.view;
        if (!this.started || !m.view.walkthrough.steps.some((s) => s.id === this.stepId)) {
          this.stepId = m.stepId;
          const step = m.view.walkthrough.steps.find((s) => s.id === m.stepId);
          if (step?.type === 'component' && this.selected === null) this.selected = step.componentKey;
        }
        this.started = true;
        this.root.setAttribute('aria-busy', 'false');
        this.renderAll();
        return;
      case 'select':
        this.selectComponent(m.componentKey, false);
        return;
      case 'showStep':
        this.goTo(m.stepId, false);
        return;
      case 'decisionResult':
        this.status.textContent = m.message;
        this.status.classList.toggle('tl-status-error', !m.ok);
        this.pending.get(m.requestId)?.({ ok: m.ok, message: m.message });
        this.pending.delete(m.requestId);
        return;
      case 'unavailable':
        this.view = undefined;
        clear(this.step);
        this.step.append(h('p', { class: 'tl-warning', attrs: { role: 'alert' } }, m.message));
        return;
    }
  }

  private context(view: WalkthroughView): StepContext {
    return {
      view,
      goTo: (id) => this.goTo(id, true),
      select: (key) => this.selectComponent(key, true),
      decide: (d) => this.decide(d),
      exportDoc: (what) => post({ type: 'export', what }),
      markDone: (id, done) => post({ type: 'markDone', stepId: id, done }),
    };
  }

  private decide(decision: WalkthroughDecision): Promise<DecisionResult> {
    const requestId = this.nextRequest++;
    this.status.textContent = 'Writing the decision into the file…';
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      post({ type: 'decide', requestId, decision });
    });
  }

  private renderAll(): void {
    const view = this.view;
    if (!view) return;
    saveState({ documentUri: view.documentUri, stepId: this.stepId });
    this.renderHeader(view);
    this.renderNav(view);
    this.renderStep(view, false);
    this.renderSelection(view);
    void this.diagram.update(view).then(() => this.diagram.select(this.selected, false));
  }

  private legend(): HTMLElement {
    const item = (cls: string, text: string) => h('li', {}, h('span', { class: `tl-swatch ${cls}`, attrs: { 'aria-hidden': 'true' } }), text);
    const zoom = (label: string, value: 'fit' | 'actual', pressed: boolean): HTMLElement => {
      const b = h('button', { class: 'tl-zoom', attrs: { type: 'button', 'aria-pressed': String(pressed), 'data-focus': `zoom-${value}` } }, label);
      b.addEventListener('click', () => {
        this.diagram.setZoom(value);
        for (const x of b.parentElement?.querySelectorAll('.tl-zoom') ?? []) x.setAttribute('aria-pressed', String(x === b));
      });
      return b;
    };
    return h('div', { class: 'tl-diagram-bar' },
      h('ul', { class: 'tl-legend', attrs: { 'aria-label': 'Legend' } },
        item('tl-sev-critical', 'critical'), item('tl-sev-high', 'high'), item('tl-sev-medium', 'medium'), item('tl-sev-low', 'low'),
        item('tl-sev-none', 'nothing open'), item('tl-swatch-boundary', 'trust boundary'), h('li', { class: 'tl-muted' }, 'badge: open findings')),
      h('div', { class: 'tl-zooms', attrs: { role: 'group', 'aria-label': 'Diagram size' } }, zoom('Fit', 'fit', true), zoom('100%', 'actual', false)));
  }

  private renderHeader(view: WalkthroughView): void {
    const p = view.walkthrough.progress;
    const index = view.walkthrough.steps.findIndex((s) => s.id === this.stepId);
    const pct = p.findingsTotal ? Math.round((100 * p.findingsDecided) / p.findingsTotal) : 100;
    const fill = h('div', { class: 'tl-bar-fill' });
    fill.style.width = `${pct}%`;
    clear(this.header);
    this.header.append(
      h('h1', {}, 'STRIDE-for-AI walkthrough'),
      h('p', { class: 'tl-file' }, view.fileName, view.walkthrough.system ? ` · ${view.walkthrough.system}` : ''),
      h('p', { class: 'tl-progress-text', attrs: { 'data-testid': 'progress' } },
        `Step ${index + 1} of ${p.stepsTotal} · ${p.stepsDone} step${p.stepsDone === 1 ? '' : 's'} done · ${p.findingsDecided} of ${p.findingsTotal} findings decided`),
      h('div', { class: 'tl-bar', attrs: { role: 'progressbar', 'aria-label': 'Findings decided', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct) } }, fill),
    );
  }

  private stepLabel(view: WalkthroughView, i: number): string {
    const s = view.walkthrough.steps[i];
    if (!s) return '';
    const done = view.walkthrough.progress.done.includes(s.id) ? '✓ ' : '';
    if (s.type !== 'component') return `${i + 1}. ${done}${s.type === 'scope' ? 'Scope' : 'Summary'}`;
    const c = view.walkthrough.components.find((x) => x.key === s.componentKey);
    const open = c?.openCount ? ` · ${c.openCount} open (${c.highestOpen ?? ''})` : '';
    // The step title names the diagram when one id is drawn in several, so no two entries read the same.
    return `${i + 1}. ${done}${s.title}${open}`;
  }

  private renderNav(view: WalkthroughView): void {
    const steps = view.walkthrough.steps;
    const index = Math.max(0, steps.findIndex((s) => s.id === this.stepId));
    const isDone = view.walkthrough.progress.done.includes(this.stepId);
    const last = index === steps.length - 1;
    const select = h('vscode-single-select', {
      class: 'tl-step-select',
      attrs: { 'aria-label': 'Go to step', 'data-focus': 'step-select' },
      on: { change: (e) => { const v = (e.target as HTMLSelectElement).value; if (v && v !== this.stepId) this.goTo(v, true); } },
    }, ...steps.map((s, i) => h('vscode-option', { attrs: { value: s.id }, props: { selected: s.id === this.stepId } }, this.stepLabel(view, i))));
    const prev = h('vscode-button', { attrs: { secondary: '', 'data-action': 'prev', 'data-focus': 'prev', 'aria-label': 'Previous step' }, on: { click: () => this.goTo(steps[index - 1]?.id ?? this.stepId, true) } }, 'Previous');
    if (index === 0) prev.setAttribute('disabled', '');
    const next = h('vscode-button', {
      attrs: { 'data-action': 'next', 'data-focus': 'next' },
      on: { click: () => {
        const current = this.stepId;
        if (!last) this.goTo(steps[index + 1]?.id ?? current, true);
        post({ type: 'markDone', stepId: current, done: true });
      } },
    }, last ? (isDone ? 'Finished' : 'Finish walkthrough') : 'Done, next step');
    if (last && isDone) next.setAttribute('disabled', '');
    const done = h('vscode-checkbox', {
      attrs: { 'data-action': 'done', 'data-focus': 'done', label: 'Step done' },
      props: { checked: isDone },
      on: { change: (e) => post({ type: 'markDone', stepId: this.stepId, done: (e.target as HTMLInputElement).checked }) },
    });
    clear(this.nav);
    this.nav.append(prev, select, next, done);
  }

  /** Draws the current step; a redraw with the same content is skipped so typing is not disturbed. */
  private renderStep(view: WalkthroughView, moved: boolean): void {
    const step = view.walkthrough.steps.find((s) => s.id === this.stepId) ?? view.walkthrough.steps[0];
    if (!step) return;
    const signature = JSON.stringify([step, step.type === 'scope' || step.type === 'summary' ? view.walkthrough : view.walkthrough.components.find((c) => step.type === 'component' && c.key === step.componentKey), view.problems]);
    if (!moved && signature === this.lastStepRender) return;
    this.lastStepRender = signature;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    const ctx = this.context(view);
    const content = step.type === 'scope' ? scopeStep(ctx) : step.type === 'summary' ? summaryStep(ctx) : componentStep(step, ctx);
    // Replacing the step shortens the page for a moment and the browser would clamp the scroll to the
    // diagram: a decision recorded at the bottom of a step keeps the reader where they were.
    const scrolled = window.scrollY;
    this.step.style.minHeight = `${this.step.offsetHeight}px`;
    clear(this.step);
    this.step.append(content);
    this.step.style.minHeight = '';
    const title = this.step.querySelector<HTMLElement>('#step-title');
    title?.setAttribute('tabindex', '-1');
    if (moved) {
      title?.focus({ preventScroll: true });
      // Scroll only when the step's start is off screen; the navigation bar sticks to the top, so put it right below.
      const top = this.step.getBoundingClientRect().top;
      if (top < this.nav.offsetHeight || top > window.innerHeight - 120) {
        window.scrollTo({ top: Math.max(0, top + window.scrollY - this.nav.offsetHeight - 8) });
      }
    } else {
      if (focused) this.step.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
      window.scrollTo({ top: scrolled });
    }
  }

  private renderSelection(view: WalkthroughView): void {
    clear(this.selection);
    const c = this.selected ? view.walkthrough.components.find((x) => x.key === this.selected) : undefined;
    if (!c) {
      this.selection.append(h('span', { class: 'tl-muted' }, 'Click a component (or Tab to it and press Enter) to select it in the editor.'));
      return;
    }
    const stepId = `component:${c.key}`;
    append(this.selection,
      h('span', {}, 'Selected: ', h('strong', {}, c.label || c.id), ` (${c.kind}) · ${c.openCount} open`),
      this.stepId === stepId ? null : h('vscode-button', { attrs: { secondary: '', 'data-action': 'go-to-selected', 'data-focus': 'go-to-selected' }, on: { click: () => this.goTo(stepId, true) } }, 'Go to its step'),
    );
  }

  private selectComponent(key: string | null, fromPanel: boolean): void {
    this.selected = key;
    this.diagram.select(key);
    if (this.view) this.renderSelection(this.view);
    if (fromPanel && key) post({ type: 'selectComponent', componentKey: key });
  }

  goTo(stepId: string, fromPanel: boolean): void {
    const view = this.view;
    if (!view || !view.walkthrough.steps.some((s) => s.id === stepId)) return;
    this.stepId = stepId;
    saveState({ documentUri: view.documentUri, stepId });
    if (fromPanel) post({ type: 'showStep', stepId });
    // A component's step highlights it in the drawing (the editor's selection stays where the user left it).
    const step = view.walkthrough.steps.find((s) => s.id === stepId);
    if (step?.type === 'component') {
      this.selected = step.componentKey;
      this.diagram.select(this.selected);
    }
    this.renderHeader(view);
    this.renderNav(view);
    this.renderSelection(view);
    this.renderStep(view, true);
  }
}
