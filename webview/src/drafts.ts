/**
 * What the user typed or picked but has not recorded yet, by field. The panel redraws whenever the
 * file changes; drafts keep those redraws from wiping a half-written reason.
 */
const values = new Map<string, string>();

export const drafts = {
  get(key: string, fallback = ''): string {
    return values.get(key) ?? fallback;
  },
  set(key: string, value: string): void {
    values.set(key, value);
  },
  clear(prefix: string): void {
    for (const k of [...values.keys()]) if (k.startsWith(prefix)) values.delete(k);
  },
};
