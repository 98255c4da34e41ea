/** catalogs/verification.yaml as look-ups: each control's check, with the control's own names. */
import { loadBuiltinCatalog } from '../catalog/build';
import { CATALOG_DATA } from '../catalog/generated';
import type { Catalog } from '../catalog/types';
import type { VerificationFileData } from './schema';

export interface ControlCheck {
  /** The mitigation id (catalogs/mitigations.yaml). */
  mitigation: string;
  name: string;
  /** The quick-fix text, which is how a decision usually names the control. */
  stub: string;
  test: string;
  /** garak probe modules or module.Class names. */
  garak: readonly string[];
  /** ART attacks, package.Class under art.attacks. */
  art: readonly string[];
}

/** By mitigation id, in file order. */
export type VerificationMap = ReadonlyMap<string, ControlCheck>;

export function verificationMap(data: VerificationFileData, catalog: Catalog): VerificationMap {
  const out = new Map<string, ControlCheck>();
  for (const c of data.controls) {
    const m = catalog.mitigations.get(c.mitigation);
    if (m) out.set(c.mitigation, { mitigation: c.mitigation, name: m.name, stub: m.stub, test: c.test, garak: c.garak, art: c.art });
  }
  return out;
}

let memo: VerificationMap | undefined;

/** The built-in mapping (validated at build time with the rest of the catalog). */
export function builtinVerification(): VerificationMap {
  memo ??= verificationMap(CATALOG_DATA.verification, loadBuiltinCatalog());
  return memo;
}
