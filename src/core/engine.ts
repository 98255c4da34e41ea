/**
 * The facade every host uses: built-in catalog plus optional workspace rules, turned into the
 * views the analysis and the report writers need. One Engine per configuration, reused across
 * files; analysing a file is a pure function of its path and text.
 */
import { analyzeModel, type AnalyzeOptions, type ThreatCatalogView } from './analysis/analyze';
import type { Finding } from './analysis/finding';
import { loadBuiltinCatalog, resolveOwaspRef, type Catalog } from './catalog/catalog';
import { DEFAULT_OWASP_VIEW, owaspGroups, rulesOffForLists, type OwaspView } from './catalog/editions';
import { parseFile, type ParseOptions } from './document';
import { guardFile } from './fileGuard';
import type { Problem } from './model';
import type { Rule } from './rules/schema';
import type { CatalogLookup, FileResult } from './report/types';
import { appendAll } from './arrays';
import { unrecognisedProblems } from './inference/recognition';

export interface EngineOptions extends AnalyzeOptions, ParseOptions {
  /** Workspace rules, already validated (see `validateRuleFile`). */
  extraRules?: readonly Rule[];
  /** Rule ids to switch off. */
  disabledRules?: readonly string[];
  /** OWASP editions and lists shown (default: LLM 2026 then 2025, and the Agentic list). */
  owasp?: Partial<OwaspView>;
}

export class Engine implements ThreatCatalogView {
  readonly rules: readonly Rule[];
  readonly lookup: CatalogLookup;
  readonly owaspView: OwaspView;

  constructor(readonly catalog: Catalog = loadBuiltinCatalog(), private readonly options: EngineOptions = {}) {
    this.owaspView = { ...DEFAULT_OWASP_VIEW, ...options.owasp };
    const all = [...catalog.rules, ...(options.extraRules ?? [])];
    const off = new Set([...(options.disabledRules ?? []), ...rulesOffForLists(all, this.owaspView.lists)]);
    this.rules = all.filter((r) => !off.has(r.id));
    this.lookup = makeLookup(catalog);
  }

  /**
   * Findings and problems of one file, or undefined when it is no architecture file. Never
   * throws: a failure is an error on the file (see fileGuard.ts).
   */
  analyze(path: string, text: string): FileResult | undefined {
    return guardFile(path, text, () => this.analyzeUnguarded(path, text));
  }

  private analyzeUnguarded(path: string, text: string): FileResult | undefined {
    const file = parseFile(path, text, this.options);
    if (!file) return undefined;
    const findings: Finding[] = [];
    const problems: Problem[] = [...file.problems];
    for (const model of file.models) {
      const r = analyzeModel(model, this, this.options);
      appendAll(findings, r.findings);
      appendAll(problems, r.problems);
      appendAll(problems, unrecognisedProblems(model));
    }
    // Decisions were matched against the ids the rules cite; what is shown follows the view.
    // Findings of one rule cite the same ids: work out the groups once per rule and file.
    // The lists are shared by those findings, as the rule's other lists are (analyze.ts).
    const groupsOf = new Map<string, { cited: string[]; groups: string[][]; shown: string[] }>();
    for (const f of findings) {
      let memo = groupsOf.get(f.ruleId);
      if (!memo || !sameList(memo.cited, f.owasp)) {
        const groups = owaspGroups(this.catalog, f.owasp, this.owaspView).map((g) => g.slice());
        memo = { cited: f.owasp, groups, shown: groups.flat() };
        groupsOf.set(f.ruleId, memo);
      }
      f.owaspGroups = memo.groups;
      f.owasp = memo.shown;
    }
    problems.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { file, findings, problems };
  }

  mitigation(id: string): { id: string; name: string; stub: string } | undefined {
    const m = this.catalog.mitigations.get(id);
    return m ? { id: m.id, name: m.name, stub: m.stub } : undefined;
  }

  resolveThreat(ref: string): string[] | undefined {
    const r = ref.trim();
    if (this.rules.some((x) => x.id === r)) return [r];
    if (this.catalog.atlas.techniques.has(r)) return [r];
    // An unqualified LLM id means the configured edition (threatlens.defaultEdition, --default-edition).
    const qualified = /^LLM\d{2}$/i.test(r) ? `${r.toUpperCase()}:${this.owaspView.defaultEdition}` : r;
    const owasp = resolveOwaspRef(this.catalog, qualified);
    if (!owasp) return undefined;
    const links = this.catalog.crosswalk.byId.get(owasp.qid) ?? [];
    // Partial counterparts in the current editions count too, the same judgement as the ids a
    // finding lists (editions.ts); superseded 2023 ids only when they are the same risk.
    const counterparts = links
      .filter((l) => l.to && l.match !== 'none' && (owasp.legacy || l.match === 'exact' || this.catalog.owasp.has(l.to)))
      .map((l) => l.to as string);
    const ids = owasp.entry ? [owasp.qid, ...counterparts] : counterparts;
    return ids.length ? [...new Set(ids)] : undefined;
  }

  ruleThreats(ruleId: string): string[] | undefined {
    const rule = this.rules.find((x) => x.id === ruleId);
    return rule ? [...rule.owasp, ...rule.atlas] : undefined;
  }

  threatIds(): readonly string[] {
    return [...this.catalog.owasp.keys(), ...this.catalog.legacyOwasp.keys(), ...this.catalog.atlas.techniques.keys(), ...this.rules.map((r) => r.id)];
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function makeLookup(catalog: Catalog): CatalogLookup {
  // A url several entries share is the list's page, not the entry's.
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const e of catalog.owasp.values()) (seen.has(e.url) ? shared : seen).add(e.url);
  return {
    owasp: (id) => {
      const e = catalog.owasp.get(id) ?? catalog.legacyOwasp.get(id);
      if (!e) return undefined;
      const url = 'url' in e ? e.url : undefined;
      return { id: e.qid, name: e.name, ...(url ? { url, ...(shared.has(url) ? { listPage: true } : {}) } : {}) };
    },
    owaspText: (id) => {
      const e = catalog.owasp.get(id);
      return e ? { plain: e.plain, security: e.security } : undefined;
    },
    atlas: (id) => {
      const t = catalog.atlas.techniques.get(id);
      if (t) return { id: t.id, name: t.displayName, url: t.url };
      const m = catalog.atlas.mitigations.get(id) ?? catalog.atlas.tactics.get(id);
      return m ? { id: m.id, name: m.name, url: m.url } : undefined;
    },
    stride: (letter) => {
      const s = catalog.stride.get(letter as never);
      return s ? { id: s.letter, name: s.name } : undefined;
    },
    lens: (id) => {
      const l = catalog.lenses.get(id as never);
      return l ? { id: l.id, name: l.name } : undefined;
    },
  };
}
