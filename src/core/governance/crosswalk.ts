/** catalogs/governance.yaml as look-ups: the obligations in file order and each rule's links. */
import { CATALOG_DATA } from '../catalog/generated';
import type { Applies, GovernanceFileData } from './schema';

export interface Obligation {
  id: string;
  /** The instrument's key (`eu-ai-act`) and short name (`EU AI Act`). */
  instrument: string;
  instrumentName: string;
  applies: Applies;
  /** `Article 15`, `MEASURE`. */
  ref: string;
  /** The official title. */
  title: string;
}

export interface RuleLink {
  obligation: string;
  why: string;
}

export interface Crosswalk {
  obligations: readonly Obligation[];
  instruments: readonly { id: string; name: string; applies: Applies }[];
  /** By rule id, in file order. */
  byRule: ReadonlyMap<string, readonly RuleLink[]>;
}

export function crosswalkOf(data: GovernanceFileData): Crosswalk {
  const instruments = Object.entries(data.instruments).map(([id, i]) => ({ id, name: i.name, applies: i.applies }));
  const obligations = data.obligations.map((o) => ({ ...o, instrumentName: data.instruments[o.instrument].name, applies: data.instruments[o.instrument].applies }));
  const byRule = new Map<string, RuleLink[]>();
  for (const l of data.links) {
    for (const r of l.rules) {
      let list = byRule.get(r);
      if (!list) byRule.set(r, (list = []));
      list.push({ obligation: l.obligation, why: l.why });
    }
  }
  return { obligations, instruments, byRule };
}

let memo: Crosswalk | undefined;

/** The built-in crosswalk (validated at build time with the rest of the catalog). */
export function builtinCrosswalk(): Crosswalk {
  memo ??= crosswalkOf(CATALOG_DATA.governance);
  return memo;
}

/** `EU AI Act Article 15: Accuracy, robustness and cybersecurity`, `NIST AI RMF 1.0 MEASURE: Measure`. */
export function obligationName(o: Obligation): string {
  return `${o.instrumentName} ${o.ref}: ${o.title}`;
}
