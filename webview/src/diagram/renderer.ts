/**
 * Draws the file's diagrams with Mermaid (bundled, `securityLevel: 'strict'`, no network) and puts
 * the risk overlay on them. A diagram is rendered again only when its Mermaid text or the theme
 * changed; the overlay follows every state. When Mermaid fails, the error and the findings are
 * shown in place of the drawing, so the panel is never blank.
 */
import mermaid from 'mermaid';
import type { WalkthroughView } from '../../../src/shared/walkthroughProtocol';
import type { ComponentView } from '../../../src/core/walkthrough/types';
import { clear, h } from '../dom';
import { decorate, describeComponent, markSelected } from './overlay';
import { safeSvg } from './sanitize';
import { commonScale, type Zoom } from './scale';
import { mermaidThemeVariables, onThemeChange, themeKind } from './theme';

let renders = 0;

/** The one Mermaid configuration of the panel: strict security, the editor's theme colours. */
export function initMermaid(): void {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: mermaidThemeVariables(),
    flowchart: { htmlLabels: true, useMaxWidth: true },
    maxTextSize: 500_000,
    maxEdges: 5_000,
  });
}

/** How long the file must be still before a changed diagram is drawn again. */
const REDRAW_DELAY_MS = 250;

const sourcesOf = (view: WalkthroughView) => JSON.stringify(view.diagrams.map((d) => d.source));

export type { Zoom };

const naturalWidth = (el: SVGSVGElement): number => el.viewBox.baseVal?.width || el.getBBox().width;

function size(el: SVGSVGElement, natural: number, scale: number): void {
  if (!natural) return;
  el.removeAttribute('width');
  el.style.maxWidth = 'none';
  el.style.width = `${Math.round(natural * scale)}px`;
}

export class DiagramPanel {
  /** Mermaid text of what is drawn now. */
  private drawn = '';
  private view: WalkthroughView | undefined;
  private selected: string | null = null;
  private zoom: Zoom = 'fit';
  private drawing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiters: (() => void)[] = [];

  constructor(private readonly host: HTMLElement, private readonly onActivate: (key: string) => void) {
    onThemeChange(() => {
      this.drawn = '';
      if (this.view) void this.update(this.view);
    });
    new ResizeObserver(() => this.resize()).observe(host);
  }

  setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.resize();
  }

  private resize(): void {
    const available = this.host.clientWidth - 8;
    const svgs = [...this.host.querySelectorAll<SVGSVGElement>('.tl-svg-host > svg')];
    const naturals = svgs.map(naturalWidth);
    const scale = commonScale(naturals, available, this.zoom);
    svgs.forEach((el, i) => size(el, naturals[i] ?? 0, scale));
  }

  /**
   * Shows `view`: the overlay at once, the drawing again only when its Mermaid text changed. While
   * someone types, states arrive faster than Mermaid draws, so a new drawing waits until the text has
   * been still for REDRAW_DELAY_MS and only the latest state is drawn; the step text is never held up.
   */
  update(view: WalkthroughView): Promise<void> {
    this.view = view;
    this.redecorate(view);
    markSelected(this.host, this.selected);
    if (sourcesOf(view) === this.drawn) return Promise.resolve();
    this.host.setAttribute('aria-busy', 'true');
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.drain(), this.drawn === '' ? 0 : REDRAW_DELAY_MS);
    });
  }

  /** Draws until the drawing matches the latest state, then settles every waiting update. */
  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.drawing) return; // the running drain looks at the latest state when it finishes
    this.drawing = true;
    try {
      while (this.view && sourcesOf(this.view) !== this.drawn) {
        const view = this.view;
        this.drawn = sourcesOf(view);
        await this.render(view);
      }
      if (this.view) this.redecorate(this.view);
      markSelected(this.host, this.selected);
      this.host.setAttribute('aria-busy', 'false');
    } finally {
      this.drawing = false;
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  /** `reveal: false` when a redraw restores the selection: the page must not jump back to the drawing. */
  select(key: string | null, reveal = true): void {
    this.selected = key;
    markSelected(this.host, key);
    if (key && reveal) this.host.querySelector(`g.tl-node[data-key="${CSS.escape(key)}"]`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }

  private async render(view: WalkthroughView): Promise<void> {
    initMermaid();
    const parts: HTMLElement[] = [];
    if (view.diagrams.length === 0) parts.push(h('p', { class: 'tl-muted' }, 'This file has no diagram to draw.'));
    for (const d of view.diagrams) {
      const figure = h('figure', { class: 'tl-figure', attrs: { 'aria-label': `Diagram: ${d.title}` } });
      if (view.diagrams.length > 1 || d.title !== 'Diagram') figure.append(h('figcaption', {}, d.title));
      try {
        const id = `tl-diagram-${d.modelIndex}-${++renders}`;
        const { svg } = await mermaid.render(id, d.source);
        const el = safeSvg(svg);
        if (!el) throw new Error('Mermaid returned no drawing.');
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', `Diagram ${d.title}: components coloured by their highest open severity`);
        figure.append(h('div', { class: 'tl-svg-host', attrs: { 'data-model': String(d.modelIndex) } }, el));
      } catch (e) {
        figure.append(renderError(e, view.walkthrough.components.filter((c) => c.modelIndex === d.modelIndex), view));
      }
      parts.push(figure);
    }
    clear(this.host);
    this.host.append(...parts);
    // Tells tests and assistive tools which theme the drawing was made for.
    this.host.dataset.theme = themeKind();
    this.resize();
  }

  private redecorate(view: WalkthroughView): void {
    const components = new Map(view.walkthrough.components.map((c) => [c.key, c]));
    for (const root of this.host.querySelectorAll<SVGSVGElement>('.tl-svg-host > svg')) {
      const d = view.diagrams.find((x) => String(x.modelIndex) === root.parentElement?.dataset.model);
      if (!d) continue;
      for (const old of root.querySelectorAll('.tl-badge, g.tl-node > title, g.cluster > title')) old.remove();
      for (const g of root.querySelectorAll<SVGGElement>('g.tl-node')) {
        const clone = g.cloneNode(true) as SVGGElement; // drops the old listeners
        clone.classList.remove('tl-node', 'tl-sev-critical', 'tl-sev-high', 'tl-sev-medium', 'tl-sev-low', 'tl-sev-none', 'tl-selected');
        g.replaceWith(clone);
      }
      decorate(root, d, components, this.onActivate);
    }
  }
}

/** What stands in for a diagram Mermaid could not draw: the error, then the findings as a list. */
function renderError(e: unknown, components: readonly ComponentView[], view: WalkthroughView): HTMLElement {
  const message = e instanceof Error ? e.message : String(e);
  const findings = view.walkthrough.steps.flatMap((s) => (s.type === 'component' && components.some((c) => c.key === s.componentKey) ? s.findings : []));
  return h('div', { class: 'tl-render-error', attrs: { role: 'alert' } },
    h('p', {}, h('strong', {}, 'Mermaid could not draw this diagram. '), message),
    h('p', {}, 'The analysis still ran; its findings are listed here and in each step below.'),
    h('ul', {}, ...components.filter((c) => c.findingCount > 0).map((c) => h('li', {}, describeComponent(c),
      h('ul', {}, ...findings.filter((f) => f.componentKey === c.key).map((f) => h('li', {}, `${f.score.toFixed(1)} ${f.severity} · ${f.status} · ${f.owasp[0]?.id ?? f.ruleId}: ${f.title}`)))))),
  );
}
