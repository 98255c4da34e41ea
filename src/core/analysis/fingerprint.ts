/**
 * Finding fingerprints: FNV-1a (64-bit) over the rule id and component id only, so moving lines
 * or rewording other nodes never changes them. Used as SARIF `partialFingerprints` and by diffs.
 *
 * Every finding gets one, so the 64-bit state is kept in four 16-bit limbs (small-integer
 * arithmetic, where BigInt would allocate on every step). The FNV prime is 2^40 + 0x1b3: limb 0
 * is multiplied by 0x1b3 and limb 2 by 0x100 (2^40 = limb 2, bit 8).
 */
export function fingerprint(ruleId: string, componentId: string): string {
  // Offset basis 0xcbf29ce484222325, lowest limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const text = `${ruleId}\u0000${componentId}`;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
