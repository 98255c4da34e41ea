/**
 * A phrase lookup that reads a text's tokens once: phrases are indexed by their first word, so
 * finding every listed phrase in a label costs one pass over its words, however long the list.
 */
import { tokenize, type Token } from './tokens';

export interface PhraseHit<T> {
  value: T;
  /** The phrase as written in the text. */
  written: string;
}

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { words: string[]; value: T }[]>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [phrase, value] of entries) {
      const words = tokenize(phrase).map((t) => t.word);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]) ?? [];
      list.push({ words, value });
      this.byFirst.set(words[0], list);
    }
    // Longest first, so "credit card" wins over "card".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** The first words of the phrases (the prefilter in `mayContain` is built from them). */
  firstWords(): string[] {
    return [...this.byFirst.keys()];
  }

  /** Every listed phrase in `text`, left to right, longest match at each position. */
  find(text: string, limit = 2000): PhraseHit<T>[] {
    return this.findIn(text, tokenize(text, limit));
  }

  /** The same, on tokens already read from `text` (several indexes, one tokenization). */
  findIn(text: string, tokens: readonly Token[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const w = tokens[i].word;
      // A plural ("passwords", "patients") finds its singular entry.
      const list = this.byFirst.get(w) ?? (w.length > 3 && w.endsWith('s') ? this.byFirst.get(w.slice(0, -1)) : undefined);
      const match = list?.find((p) => p.words.every((x, k) => {
        const t = tokens[i + k]?.word;
        return t === x || t === `${x}s`;
      })) ?? this.versioned(w);
      if (!match) { i++; continue; }
      hits.push({ value: match.value, written: text.slice(tokens[i].start, tokens[i + match.words.length - 1].end) });
      i += match.words.length;
    }
    return hits;
  }

  /** A product name with its version glued on (`gpt4o`, `llama3`) finds the one-word entry. */
  private versioned(word: string): { words: string[]; value: T } | undefined {
    const head = /^([a-z]{3,})[0-9]/.exec(word)?.[1];
    return head === undefined ? undefined : this.byFirst.get(head)?.find((p) => p.words.length === 1);
  }
}

/**
 * A test that is true for every text in which one of the indexes can find a phrase (and for some
 * others): a phrase's first word is then a substring of the lower-cased text. One regular
 * expression instead of reading the words of every label, most of which name nothing listed.
 */
export function mayContain(indexes: readonly PhraseIndex<unknown>[]): (text: string) => boolean {
  const words = [...new Set(indexes.flatMap((x) => x.firstWords()))].sort((a, b) => b.length - a.length);
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  return (text) => re.test(text);
}
