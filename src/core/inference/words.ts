/**
 * The word layer's vocabulary: product names and ML task names generated from maintained
 * registries (registryWords.generated.ts), with the curated words of vocabulary.ts on top: when
 * both list a phrase, the curated weights replace the registry's for that phrase.
 */
import type { ComponentKind } from '../model';
import { REGISTRY_PROVIDERS, REGISTRY_WORDS } from './registryWords.generated';
import { tokenize } from './tokens';
import { MODALITY_WORDS, MODEL_FAMILY_WORDS, THIRD_PARTY_MODEL_WORDS, VOCABULARY } from './vocabulary';

export interface WordEntry {
  /** Lower-case tokens of the phrase. */
  words: string[];
  kind: ComponentKind;
  weight: number;
  from: 'curated' | 'registry';
}

export interface ModalityNote {
  modality?: string;
  generative?: boolean;
}

const norm = (phrase: string): string => tokenize(phrase).map((t) => t.word).join(' ');

function build(): { entries: WordEntry[]; modality: Map<string, ModalityNote> } {
  const entries: WordEntry[] = [];
  const curated = new Set<string>();
  for (const [kind, list] of Object.entries(VOCABULARY)) {
    for (const [phrase, weight] of Object.entries(list)) {
      const key = norm(phrase);
      if (!key) continue;
      curated.add(key);
      if (weight > 0) entries.push({ words: key.split(' '), kind: kind as ComponentKind, weight, from: 'curated' });
    }
  }
  const modality = new Map<string, ModalityNote>();
  for (const w of REGISTRY_WORDS) {
    const key = norm(w.phrase);
    if (!key) continue;
    if (w.modality !== undefined || w.generative) modality.set(key, { modality: w.modality, generative: w.generative });
    if (!curated.has(key)) entries.push({ words: key.split(' '), kind: w.kind, weight: w.weight, from: 'registry' });
  }
  // Hosting providers name where an LLM runs; a weak word on their own.
  for (const p of REGISTRY_PROVIDERS) {
    const key = norm(p);
    if (key && !curated.has(key)) entries.push({ words: key.split(' '), kind: 'llm', weight: 2, from: 'registry' });
  }
  for (const [phrase, note] of Object.entries(MODALITY_WORDS)) modality.set(norm(phrase), note);
  return { entries, modality };
}

const built = build();

export const WORD_ENTRIES: readonly WordEntry[] = built.entries;

/** Phrase (normalised) → the modality it reveals, for the properties layer. */
export const MODALITY_OF: ReadonlyMap<string, ModalityNote> = built.modality;

/** Hosted-model providers: curated words plus the registry's provider names. */
export const PROVIDER_WORDS: readonly string[] = [...new Set([...THIRD_PARTY_MODEL_WORDS, ...REGISTRY_PROVIDERS])];

/** Names of model families (registry and curated): a component naming one says which model it is. */
export const FAMILY_WORDS: readonly string[] = [...new Set([...REGISTRY_WORDS.filter((w) => w.family).map((w) => w.phrase), ...MODEL_FAMILY_WORDS])];
