/**
 * A YAML file is a Threatlens model when its name says so (`*.threatlens.yaml`, `threatlens.yaml`)
 * or it carries the top-level marker `threatlens: 1`. Nothing else qualifies, so workflows,
 * Kubernetes manifests and compose files never produce findings.
 */
export function isThreatlensYamlName(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return /(^|\.)threatlens\.ya?ml$/.test(base);
}

export function hasThreatlensMarker(text: string): boolean {
  // Top-level key only: column 0, so nested `threatlens:` keys in other formats do not count.
  // A byte order mark before the first key is not part of the line (YAML ignores it too).
  return /^\uFEFF?threatlens[ \t]*:/m.test(text.slice(0, 200_000));
}

export function isThreatlensYaml(path: string, text: string): boolean {
  return /\.ya?ml$/i.test(path) && (isThreatlensYamlName(path) || hasThreatlensMarker(text));
}
