/**
 * Putting the section into a model card. An existing card keeps its YAML front matter byte for
 * byte and everything outside the section; the section replaces the one already there (from its
 * heading to the next heading of level 1 or 2 outside a code fence) or is appended. Running it
 * again on its own output gives the same file. A new card gets only metadata the diagram states.
 */
import { stringify } from 'yaml';
import type { Component } from '../model';
import { escapeProse } from '../report/escape';

/** The front matter block (with its `---` lines) and the Markdown after it. */
export function splitFrontMatter(card: string): { frontMatter: string; body: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(card);
  return m ? { frontMatter: m[0], body: card.slice(m[0].length) } : { frontMatter: '', body: card };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TOP_HEADING = /^ {0,3}#{1,2}(?:[ \t]|$)/;
const OUR_HEADING = /^ {0,3}##[ \t]+Risks, limitations and security[ \t#]*$/i;

/** Replaces (or appends) the section in the card's body; the front matter is not touched. */
export function withCardSection(card: string, section: string): string {
  const split = splitFrontMatter(card);
  const body = split.body;
  // A card that is only front matter may end without a newline after its closing `---`.
  const frontMatter = split.frontMatter && !split.frontMatter.endsWith('\n') ? `${split.frontMatter}\n` : split.frontMatter;
  const lines = body.split('\n');
  let fence = '';
  let start = -1;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const f = FENCE.exec(line);
    if (f) {
      if (!fence) fence = f[1][0].repeat(f[1].length);
      else if (line.trim().startsWith(fence)) fence = '';
      continue;
    }
    if (fence) continue;
    if (start < 0 && OUR_HEADING.test(line)) { start = i; continue; }
    if (start >= 0 && TOP_HEADING.test(line)) { end = i; break; }
  }
  if (start < 0) {
    const kept = body.replace(/\s*$/, '');
    return `${frontMatter}${kept ? `${kept}\n\n` : ''}${section}`;
  }
  const before = start > 0 ? `${lines.slice(0, start).join('\n')}\n` : '';
  const after = lines.slice(end).join('\n');
  return `${frontMatter}${before}${section}${after ? `\n${after}` : ''}`;
}

/**
 * A new card: front matter with the metadata the diagram states (a `license` or `base_model`
 * property on the component) and a tag saying where the section came from, a title, the section.
 */
export function minimalCard(title: string, section: string, component?: Component): string {
  const meta: Record<string, unknown> = {};
  const license = component?.properties.license;
  const base = component?.properties['base-model'] ?? component?.properties.base_model;
  if (license) meta.license = license;
  if (base) meta.base_model = base;
  meta.tags = ['threatlens'];
  return `---\n${stringify(meta)}---\n\n# ${escapeProse(title)}\n\n${section}`;
}

