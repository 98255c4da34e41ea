/**
 * A picture of one diagram with its risk colours, as static SVG for the printable briefing: no
 * script and no Mermaid at print time, so the page renders the same in any browser or PDF printer.
 * The layout is a plain layered drawing (flows point down): good enough to recognise the system,
 * not a replacement for the team's own diagram. Linear in components plus flows.
 */
import type { Severity } from '../analysis/finding';
import type { ComponentView, FlowView, Walkthrough } from '../walkthrough/types';
import { escapeHtml } from './escape';

export const RISK_COLOURS: Readonly<Record<Severity | 'decided' | 'none', { fill: string; stroke: string; label: string }>> = {
  critical: { fill: '#fde0dc', stroke: '#b3261e', label: 'critical open' },
  high: { fill: '#ffe5cc', stroke: '#c75400', label: 'high open' },
  medium: { fill: '#fff4c2', stroke: '#9a7300', label: 'medium open' },
  low: { fill: '#deebff', stroke: '#1d5fbf', label: 'low open' },
  decided: { fill: '#dff3e0', stroke: '#2e7d32', label: 'all decided' },
  none: { fill: '#f1f1f1', stroke: '#8a8a8a', label: 'no findings' },
};

const BOX_W = 176;
const BOX_H = 50;
const GAP_X = 28;
const GAP_Y = 46;
const PAD = 16;
const LABEL_CHARS = 26;
/** A wide layer wraps, so a fan-out of twenty tools still prints legibly on one page's width. */
const MAX_PER_ROW = 5;

function colourOf(c: ComponentView): (typeof RISK_COLOURS)[keyof typeof RISK_COLOURS] {
  if (c.highestOpen) return RISK_COLOURS[c.highestOpen];
  return c.findingCount > 0 ? RISK_COLOURS.decided : RISK_COLOURS.none;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/**
 * Layers by longest path over the flows, cycles broken where an iterative depth-first search
 * meets a node on its own stack; within a layer, nodes keep the order of their first parent.
 */
function layers(nodes: readonly string[], flows: readonly FlowView[]): string[][] {
  const out = new Map<string, string[]>();
  for (const n of nodes) out.set(n, []);
  for (const f of flows) if (out.has(f.from) && out.has(f.to) && f.from !== f.to) out.get(f.from)?.push(f.to);
  const state = new Map<string, 1 | 2>();
  const forward = new Map<string, string[]>();
  const order: string[] = [];
  for (const root of nodes) {
    if (state.has(root)) continue;
    const stack: { n: string; i: number }[] = [{ n: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top.n) ?? [];
      if (top.i < next.length) {
        const m = next[top.i++];
        if (state.get(m) === 1) continue;
        const kept = forward.get(top.n) ?? [];
        kept.push(m);
        forward.set(top.n, kept);
        if (!state.has(m)) {
          state.set(m, 1);
          stack.push({ n: m, i: 0 });
        }
      } else {
        state.set(top.n, 2);
        order.push(top.n);
        stack.pop();
      }
    }
  }
  const depth = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    const d = depth.get(n) ?? 0;
    depth.set(n, d);
    for (const m of forward.get(n) ?? []) depth.set(m, Math.max(depth.get(m) ?? 0, d + 1));
  }
  const rows: string[][] = [];
  for (const n of nodes) (rows[depth.get(n) ?? 0] ??= []).push(n);
  return rows.filter((r) => r !== undefined);
}

/** One diagram (a model of the file) as an SVG element, or '' when it has no components. */
export function diagramSvg(w: Walkthrough, modelIndex: number, title: string): string {
  const components = w.components.filter((c) => c.modelIndex === modelIndex);
  if (components.length === 0) return '';
  const byKey = new Map(components.map((c) => [c.key, c]));
  const flows = w.flows.filter((f) => f.modelIndex === modelIndex && byKey.has(f.from) && byKey.has(f.to));
  const rows = layers(components.map((c) => c.key), flows).flatMap((r) => Array.from({ length: Math.ceil(r.length / MAX_PER_ROW) }, (_, i) => r.slice(i * MAX_PER_ROW, (i + 1) * MAX_PER_ROW)));
  const widest = rows.reduce((n, r) => Math.max(n, r.length), 1);
  const width = PAD * 2 + widest * BOX_W + (widest - 1) * GAP_X;
  const height = PAD * 2 + rows.length * BOX_H + (rows.length - 1) * GAP_Y;
  const at = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => {
    const rowWidth = row.length * BOX_W + (row.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    row.forEach((key, i) => at.set(key, { x: left + i * (BOX_W + GAP_X), y: PAD + r * (BOX_H + GAP_Y) }));
  });
  const parts: string[] = [];
  for (const f of flows) {
    const a = at.get(f.from);
    const b = at.get(f.to);
    if (!a || !b || f.from === f.to) continue;
    const down = b.y > a.y;
    const x1 = a.x + BOX_W / 2;
    const y1 = down ? a.y + BOX_H : a.y;
    const x2 = b.x + BOX_W / 2;
    const y2 = down ? b.y : b.y + BOX_H;
    const cls = f.crossesBoundary ? 'flow cross' : 'flow';
    parts.push(`<line class="${cls}" x1="${x1.toFixed(1)}" y1="${y1}" x2="${x2.toFixed(1)}" y2="${y2}" marker-end="url(#arrow-${modelIndex})"/>`);
  }
  for (const c of components) {
    const p = at.get(c.key);
    if (!p) continue;
    const colour = colourOf(c);
    const name = clip(c.label || c.id, LABEL_CHARS);
    const sub = c.openCount ? `${c.kind} · ${c.openCount} open` : c.kind;
    parts.push(
      `<g class="node"><title>${escapeHtml(`${c.label || c.id} (${c.kind}): ${c.openCount} open of ${c.findingCount} findings`)}</title>`
      + `<rect x="${p.x.toFixed(1)}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${colour.fill}" stroke="${colour.stroke}" stroke-width="${c.highestOpen ? 2.5 : 1.2}"/>`
      + `<text x="${(p.x + BOX_W / 2).toFixed(1)}" y="${p.y + 21}" class="name">${escapeHtml(name)}</text>`
      + `<text x="${(p.x + BOX_W / 2).toFixed(1)}" y="${p.y + 38}" class="kind">${escapeHtml(sub)}</text></g>`,
    );
  }
  const marker = `<defs><marker id="arrow-${modelIndex}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${marker}${parts.join('')}</svg>`;
}

/** The colour key under the pictures. */
export function riskLegend(): string {
  return `<ul class="legend">${Object.values(RISK_COLOURS).map((c) => `<li><svg width="14" height="14" aria-hidden="true"><rect x="1" y="1" width="12" height="12" rx="2" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/></svg> ${escapeHtml(c.label)}</li>`).join('')}<li><svg width="26" height="10" aria-hidden="true"><line x1="0" y1="5" x2="26" y2="5" stroke="#7b3fb0" stroke-width="2" stroke-dasharray="5 3"/></svg> flow across a trust boundary</li></ul>`;
}
