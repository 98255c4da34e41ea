/** One word or phrase taken from a maintained registry (see scripts/gen-vocabulary.mjs). */
import type { ComponentKind } from '../model';

export interface RegistryWord {
  phrase: string;
  kind: ComponentKind;
  weight: number;
  /** `text`, `image`, `audio`, `video`, `tabular` or `multimodal`, when the registry says. */
  modality?: string;
  generative?: boolean;
  /** A model family's name (from the models registry), not an ML task's. */
  family?: boolean;
}
