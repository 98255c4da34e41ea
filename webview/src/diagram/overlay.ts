/**
 * The risk overlay on a rendered diagram: each component coloured by its highest open severity
 * (green when nothing is open), a badge with its number of open findings, trust boundaries drawn
 * dashed and labelled, and every component reachable by keyboard (Tab, then Enter or Space).
 */
import type { ComponentView, DiagramView } from '../../../src/core/walkthrough/types';
import { svg } from '../dom';

export const NODE_CLASS = 'tl-node';

/** Mermaid names node groups `<svg id>-flowchart-<node id>-<n>`; our node ids are `[A-Za-z0-9_]`. */
function nodeIdOf(svgId: string, el: Element): string | undefined {
  const m = new RegExp(`^${svgId}-flowchart-([A-Za-z0-9_]+)-\\d+$`).exec(el.id);
  return m?.[1];
}

export function describeComponent(c: ComponentView): string {
  const open = c.openCount === 0 ? 'no open findings' : `${c.openCount} open finding${c.openCount === 1 ? '' : 's'}, highest ${c.highestOpen ?? ''}`;
  return `${c.label || c.id} (${c.kind}): ${open}`;
}

export function decorate(root: SVGSVGElement, diagram: DiagramView, components: ReadonlyMap<string, ComponentView>, onActivate: (key: string) => void): void {
  const svgId = root.id;
  for (const g of root.querySelectorAll<SVGGElement>('g.node')) {
    const mid = nodeIdOf(svgId, g);
    const key = mid ? diagram.nodes[mid] : undefined;
    const c = key ? components.get(key) : undefined;
    if (!key || !c) continue;
    g.classList.add(NODE_CLASS, `tl-sev-${c.highestOpen ?? 'none'}`);
    g.dataset.key = key;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', describeComponent(c));
    g.prepend(svg('title', {}, describeComponent(c)));
    g.addEventListener('click', () => onActivate(key));
    g.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      onActivate(key);
    });
    if (c.openCount > 0) addBadge(g, c.openCount, c.highestOpen ?? 'low');
  }
  for (const cluster of root.querySelectorAll<SVGGElement>('g.cluster')) {
    const bid = Object.entries(diagram.boundaries).find(([mid]) => cluster.id === `${svgId}-${mid}`)?.[1];
    cluster.classList.add('tl-boundary');
    const text = cluster.textContent?.trim() || bid || '';
    cluster.setAttribute('role', 'group');
    cluster.setAttribute('aria-label', `Trust boundary ${text}`);
    cluster.prepend(svg('title', {}, `Trust boundary: ${text}`));
  }
}

function addBadge(g: SVGGElement, count: number, severity: string): void {
  const box = g.getBBox();
  const r = 9;
  const badge = svg('g', { class: `tl-badge tl-badge-${severity}`, transform: `translate(${box.x + box.width - 2}, ${box.y + 2})`, 'aria-hidden': 'true' });
  badge.append(svg('circle', { r: String(r) }), svg('text', { 'text-anchor': 'middle', dy: '0.35em' }, String(count)));
  g.append(badge);
}

export function markSelected(root: ParentNode, key: string | null): void {
  for (const g of root.querySelectorAll<SVGGElement>(`g.${NODE_CLASS}`)) {
    const on = key !== null && g.dataset.key === key;
    g.classList.toggle('tl-selected', on);
    g.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
}
