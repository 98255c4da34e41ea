/**
 * The first screen of a hover card. A component with a dozen findings used to get a card of more
 * than a thousand words, every explanation in full; a hover is read at a glance. The first screen
 * holds the headline of each finding as far as a word budget allows, and one link to the full text.
 */

export const HOVER_WORD_BUDGET = 250;

/**
 * The words a reader sees in rendered Markdown: link targets and titles, markup characters and
 * escapes and entities (`&amp;` is one `&`) do not count; a token counts when it holds a letter or
 * a digit.
 */
export function visibleWords(markdown: string): number {
  const text = markdown
    .replace(/\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, ']')
    .replace(/\\(.)/g, '$1')
    .replace(/&(?:[a-z]+|#\d+|#x[\da-f]+);/gi, '&')
    .replace(/[*_`[\]|]/g, ' ')
    .replace(/^\s*(?:---|[-+]|\d+\.)\s/gm, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export interface ScreenParts {
  /** Always shown: who and what the card is about. */
  head: readonly string[];
  /** Shown in order while they fit; each is one paragraph or list item. */
  items: readonly string[];
  /** The last line, told how many items did not fit: the link to the full text. */
  footer: (left: number) => string;
  budget?: number;
}

/** Head, as many items as fit in the budget with the footer, then the footer. */
export function firstScreen(p: ScreenParts): { markdown: string; shownItems: number } {
  const budget = p.budget ?? HOVER_WORD_BUDGET;
  let used = p.head.reduce((n, s) => n + visibleWords(s), 0);
  let shown = 0;
  for (const item of p.items) {
    const left = p.items.length - shown - 1;
    const cost = visibleWords(item);
    if (used + cost + visibleWords(p.footer(left)) > budget) break;
    used += cost;
    shown++;
  }
  const markdown = [...p.head, ...p.items.slice(0, shown), p.footer(p.items.length - shown)].join('\n\n');
  return { markdown, shownItems: shown };
}
