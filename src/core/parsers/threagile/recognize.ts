/**
 * A Threagile model (https://threagile.io) is a YAML file with the top-level keys
 * `threagile_version` and `technical_assets`. Both must be there, at column 0, so other YAML
 * never qualifies.
 */
export function isThreagileYaml(path: string, text: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  // A byte order mark before the first key is not part of the line (YAML ignores it too).
  const head = text.slice(text.charCodeAt(0) === 0xfeff ? 1 : 0, 2_000_000);
  return /^threagile_version[ \t]*:/m.test(head) && /^technical_assets[ \t]*:/m.test(head);
}
