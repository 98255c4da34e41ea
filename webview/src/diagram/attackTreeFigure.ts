/**
 * A component's attack tree, drawn by the same bundled Mermaid as the diagram (strict security, no
 * network) and passed through the same SVG scrub. The Mermaid text comes from the extension host
 * (src/core/attackTree), every label already escaped. Drawings are kept per text, so stepping back
 * to a component or a redraw of its step does not run Mermaid again.
 */
import mermaid from 'mermaid';
import { h } from '../dom';
import { initMermaid } from './renderer';
import { safeSvg } from './sanitize';
import { themeKind } from './theme';

const drawn = new Map<string, string>();
const KEEP = 24;
let trees = 0;

export function attackTreeFigure(source: string, name: string): HTMLElement {
  const host = h('div', { class: 'tl-attack-tree', attrs: { 'aria-busy': 'true' } }, h('p', { class: 'tl-muted' }, 'Drawing the attack tree…'));
  const figure = h('figure', { class: 'tl-figure', attrs: { 'aria-label': `Attack tree for ${name}` } }, host);
  void draw(source, host);
  return figure;
}

async function draw(source: string, host: HTMLElement): Promise<void> {
  const key = `${themeKind()}\u0000${source}`;
  try {
    let svg = drawn.get(key);
    if (svg === undefined) {
      initMermaid();
      svg = (await mermaid.render(`tl-attack-tree-${++trees}`, source)).svg;
      if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value as string);
      drawn.set(key, svg);
    }
    const el = safeSvg(svg);
    if (!el) throw new Error('Mermaid returned no drawing.');
    naturalSize(el);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', 'Attack tree: goals, AND and OR gates, attacker steps and the controls that cut them');
    host.replaceChildren(el);
  } catch (e) {
    host.replaceChildren(h('p', { class: 'tl-render-error', attrs: { role: 'alert' } }, `Mermaid could not draw the attack tree: ${e instanceof Error ? e.message : String(e)}`));
  } finally {
    host.setAttribute('aria-busy', 'false');
  }
}

/**
 * Mermaid draws the tree to the panel's width, which shrinks a tree of several goals until its
 * labels cannot be read. Drawn at the size of its own view box instead, it scrolls sideways.
 */
function naturalSize(svg: SVGElement): void {
  const box = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (box.length !== 4 || !box.every(Number.isFinite) || box[2] <= 0 || box[3] <= 0) return;
  svg.setAttribute('width', String(Math.ceil(box[2])));
  svg.setAttribute('height', String(Math.ceil(box[3])));
  svg.style.maxWidth = 'none';
}
