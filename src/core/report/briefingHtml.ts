/**
 * The executive briefing as one printable HTML page: the same text as the Markdown briefing, with a
 * picture of each diagram in its risk colours after the posture. Self-contained and inert: no
 * script, no remote resource, a CSP that allows only its own style element, and the Markdown is
 * rendered with raw HTML off, so nothing from the model file becomes markup. Line breaks are kept:
 * the Markdown puts each part of a top risk on its own line.
 */
import MarkdownIt from 'markdown-it';
import type { Walkthrough } from '../walkthrough/types';
import { toBriefing, type BriefingOptions } from './briefing';
import { diagramSvg, riskLegend } from './diagramSvg';
import { escapeHtml } from './escape';

const STYLE = `
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; padding-bottom: .15rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: .92em; } th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
code { font-size: .92em; background: #f3f3f3; padding: 0 .2em; border-radius: 3px; }
figure { margin: 1rem 0; page-break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: .4rem; }
svg.diagram { max-width: 100%; height: auto; }
svg.diagram .name { font: 600 12px system-ui, sans-serif; text-anchor: middle; fill: #1b1b1b; }
svg.diagram .kind { font: 10.5px system-ui, sans-serif; text-anchor: middle; fill: #444; }
svg.diagram .flow { stroke: #555; stroke-width: 1.3; fill: none; }
svg.diagram .flow.cross { stroke: #7b3fb0; stroke-dasharray: 5 3; stroke-width: 1.8; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; font-size: .9em; }
ul.legend svg { vertical-align: middle; }
article + hr { margin: 2rem 0; } @media print { article + hr { page-break-after: always; border: 0; } body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } li, tr { page-break-inside: avoid; } }
`;

export interface BriefingSectionOptions extends BriefingOptions {
  /** Titles of the file's diagrams by model index (the walkthrough's diagram titles). */
  diagramTitles?: readonly string[];
}

/** One file's briefing as HTML: its text, with the pictures of its diagrams after the posture. */
export function briefingSection(w: Walkthrough, options: BriefingSectionOptions): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
  const markdown = toBriefing(w, options);
  const cut = markdown.indexOf('\n## Recommendation');
  const head = cut >= 0 ? markdown.slice(0, cut) : markdown;
  const rest = cut >= 0 ? markdown.slice(cut) : '';
  const models = [...new Set(w.components.map((c) => c.modelIndex))].sort((a, b) => a - b);
  const figures = models.map((i) => {
    const title = options.diagramTitles?.[i] ?? (models.length > 1 ? `Diagram ${i + 1}` : 'Diagram');
    const svg = diagramSvg(w, i, title);
    return svg ? `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>` : '';
  }).filter(Boolean);
  const pictures = figures.length ? `<section class="diagrams">${figures.join('')}${riskLegend()}</section>` : '';
  return `<article>\n${md.render(head)}${pictures}\n${md.render(rest)}</article>`;
}

/** The page around one or more sections; `nonce` is a fresh random value for the CSP's style-src. */
export function briefingPage(title: string, sections: readonly string[], nonce: string): string {
  const n = escapeHtml(nonce);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${n}">${STYLE}</style></head><body>`,
    sections.join('\n<hr>\n'),
    '</body></html>',
    '',
  ].join('\n');
}
