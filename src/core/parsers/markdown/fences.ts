/**
 * Finds ```mermaid fences in Markdown and returns their content as exact offset ranges into the
 * Markdown text, so diagrams parsed from a fence report positions in the .md file itself.
 * A hand scanner (not markdown-it's token content) because markdown-it strips indentation from
 * fence content, which would shift every offset inside list items.
 */
import type { Span } from '../../model';

export interface Fence {
  /** The info string's first word, lower-cased (`mermaid`). */
  lang: string;
  /** The content between the fence lines (excluding both). */
  content: Span;
  /** The opening fence line. */
  open: Span;
  /** Whether a closing fence was found (unclosed fences run to the end of the document). */
  closed: boolean;
}

interface Line {
  start: number;
  /** End of the visible text, before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    yield { start, end, next };
    if (next === end) return;
    start = next;
  }
}

/** Opening or closing fence: optional indentation (and list/quote markers are not handled), 3+ backticks or tildes. */
function fenceMarker(text: string, line: Line): { char: string; len: number; indent: number; infoStart: number } | undefined {
  // A byte order mark is not part of the first line (CommonMark readers drop it).
  const first = line.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : line.start;
  let i = first;
  while (i < line.end && (text[i] === ' ' || text[i] === '\t')) i++;
  const ch = text[i];
  if (ch !== '`' && ch !== '~') return undefined;
  let j = i;
  while (j < line.end && text[j] === ch) j++;
  if (j - i < 3) return undefined;
  return { char: ch, len: j - i, indent: i - first, infoStart: j };
}

export function findFences(text: string, lang = 'mermaid'): Fence[] {
  const fences: Fence[] = [];
  let open: { char: string; len: number; lang: string; line: Line } | undefined;
  for (const line of lines(text)) {
    const m = fenceMarker(text, line);
    if (!open) {
      if (!m) continue;
      const info = text.slice(m.infoStart, line.end).trim();
      // Backtick fences may not have backticks in their info string (CommonMark).
      if (m.char === '`' && info.includes('`')) continue;
      open = { char: m.char, len: m.len, lang: (info.split(/\s/)[0] ?? '').toLowerCase(), line };
      continue;
    }
    if (m && m.char === open.char && m.len >= open.len && text.slice(m.infoStart, line.end).trim() === '') {
      if (open.lang === lang) {
        fences.push({ lang: open.lang, content: { start: open.line.next, end: line.start }, open: { start: open.line.start, end: open.line.end }, closed: true });
      }
      open = undefined;
    }
  }
  if (open && open.lang === lang) {
    fences.push({ lang: open.lang, content: { start: open.line.next, end: text.length }, open: { start: open.line.start, end: open.line.end }, closed: false });
  }
  return fences;
}
