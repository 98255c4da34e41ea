/**
 * Finding fingerprints: FNV-1a (64-bit) over the rule id and component id only, so moving lines
 * or rewording other nodes never changes them. Used as SARIF `partialFingerprints` and by diffs.
 */
export function fingerprint(ruleId: string, componentId: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const text = `${ruleId}\u0000${componentId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
