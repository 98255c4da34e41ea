/**
 * Checks the built-in catalogs against the official reference data in shared/reference:
 * every OWASP and ATLAS id, name and URL must match exactly, coverage must be complete, and
 * our prose must not copy ATLAS descriptions.
 *
 * The catalogs are read from disk (catalogs/**) and fully validated (YAML, schemas, cross-references),
 * so these checks do not depend on a stale generated.ts; a separate test says when generated.ts
 * (the data the extension loads without validating again) needs `node scripts/gen-catalog.mjs`.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { assembleCatalog } from '../../src/core/catalog/assemble';
import { CatalogError, loadBuiltinCatalog, resolveOwaspRef, type Catalog } from '../../src/core/catalog/catalog';
import { buildCatalog, parseCatalogFiles } from '../../src/core/catalog/fromFiles';
import { readCatalogFiles } from './support/catalogFiles';
import { CATALOG_DATA } from '../../src/core/catalog/generated';
import { COMPONENT_KINDS } from '../../src/core/model';
import { LENSES, STRIDE_LETTERS } from '../../src/core/rules/schema';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * The official data lives beside the repository (../shared/reference). Where it is absent (a
 * clone elsewhere), the checks run against test/reference-facts.json: ids, names and URLs
 * extracted from it by scripts/gen-reference-facts.mjs, kept equal to it by a test below.
 */
function findReferenceDir(): string | undefined {
  if (process.env.THREATLENS_REFERENCE_DIR === 'facts') return undefined;
  const candidates = [
    process.env.THREATLENS_REFERENCE_DIR,
    path.resolve(repoRoot, '..', 'shared', 'reference'),
    '/work/shared/reference',
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  for (const c of candidates) if (existsSync(path.join(c, 'ATLAS.yaml'))) return c;
  if (process.env.THREATLENS_REQUIRE_REFERENCE) throw new Error(`reference data not found; looked in ${candidates.join(', ')}`);
  return undefined;
}

interface RefEntry { id: string; name: string; url?: string }
interface RefList { edition?: number; source?: string; entries: RefEntry[] }
interface AtlasRef {
  version: string;
  matrices: {
    tactics: { id: string; name: string }[];
    techniques: { id: string; name: string; tactics?: string[]; 'subtechnique-of'?: string }[];
    mitigations: { id: string; name: string }[];
  }[];
}

const refDir = findReferenceDir();
const facts = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'reference-facts.json'), 'utf8')) as Record<string, unknown>;
const ref = (name: string): unknown => (refDir ? parse(readFileSync(path.join(refDir, name), 'utf8'), { maxAliasCount: -1 }) : facts[name]);
const owasp2025 = ref('owasp-llm-2025.yaml') as RefList;
const owasp2026 = ref('owasp-llm-2026.yaml') as RefList;
const owasp2023 = ref('owasp-llm-2023.yaml') as RefList;
const agentic = ref('owasp-agentic-2026.yaml') as RefList;
const atlasRaw = ref('ATLAS.yaml') as AtlasRef;
const atlasMatrix = atlasRaw.matrices[0];
const refTactics = new Map(atlasMatrix.tactics.map((t) => [t.id, t]));
const refTechniques = new Map(atlasMatrix.techniques.map((t) => [t.id, t]));
const refMitigations = new Map(atlasMatrix.mitigations.map((m) => [m.id, m]));

const files = readCatalogFiles();
const catalog: Catalog = buildCatalog(files);

function refTacticsOf(id: string): string[] {
  const t = refTechniques.get(id);
  if (!t) return [];
  if (t.tactics?.length) return t.tactics;
  return t['subtechnique-of'] ? refTacticsOf(t['subtechnique-of']) : [];
}

describe('catalog accuracy against shared/reference', () => {
  it('the facts snapshot equals the official reference data', async function () {
    if (!refDir) this.skip();
    const { extractFacts } = await import('../../scripts/gen-reference-facts.mjs');
    const dir = refDir;
    assert.deepEqual(extractFacts((n) => parse(readFileSync(path.join(dir, n), 'utf8'), { maxAliasCount: -1 })), facts);
  });

  describe('OWASP lists', () => {
    const lists: [string, RefList, 'llm' | 'agentic', number][] = [
      ['LLM 2025', owasp2025, 'llm', 2025],
      ['LLM 2026', owasp2026, 'llm', 2026],
      ['Agentic 2026', agentic, 'agentic', 2026],
    ];
    for (const [label, list, kind, edition] of lists) {
      it(`${label}: all ten entries present with exact ids and names`, () => {
        assert.equal(list.entries.length, 10);
        const ours = [...catalog.owasp.values()].filter((e) => e.list === kind && e.edition === edition);
        assert.equal(ours.length, 10, `${label}: expected 10 entries, found ${ours.length}`);
        for (const r of list.entries) {
          const e = catalog.owasp.get(`${r.id}:${edition}`);
          assert.ok(e, `${label}: missing ${r.id}`);
          assert.equal(e.name, r.name, `${label} ${r.id}: name`);
        }
        for (const e of ours) assert.ok(list.entries.some((r) => r.id === e.id), `${label}: ${e.id} is not in the reference`);
      });
      it(`${label}: URLs match the reference`, () => {
        const edition2 = catalog.editions.find((e) => e.list === kind && e.edition === edition);
        assert.ok(edition2);
        assert.equal(edition2.source, list.source, `${label}: source`);
        for (const r of list.entries) {
          const e = catalog.owasp.get(`${r.id}:${edition}`);
          // 2025 has one page per entry; 2026 and Agentic have none, so the list source is used.
          assert.equal(e?.url, r.url ?? list.source, `${label} ${r.id}: url`);
        }
      });
    }

    it('2023 legacy entries have exact ids and names', () => {
      assert.equal(catalog.legacyOwasp.size, 10);
      for (const r of owasp2023.entries) {
        assert.equal(catalog.legacyOwasp.get(`${r.id}:2023`)?.name, r.name, `2023 ${r.id}: name`);
      }
    });

    it('every OWASP id cited in any catalog text exists (qualified ids resolve)', () => {
      const seen = new Set<string>();
      for (const [name, text] of Object.entries(files)) {
        for (const m of text.matchAll(/\b(LLM|ASI)\d{2}:\d{4}\b/g)) {
          seen.add(m[0]);
          assert.ok(catalog.owasp.has(m[0]) || catalog.legacyOwasp.has(m[0]), `${name}: unknown OWASP id ${m[0]}`);
        }
      }
      assert.ok(seen.size >= 30);
    });

    it('resolveOwaspRef reads short, qualified and legacy forms', () => {
      assert.equal(resolveOwaspRef(catalog, 'LLM07')?.entry?.name, 'System Prompt Leakage');
      assert.equal(resolveOwaspRef(catalog, 'LLM08:2026')?.entry?.name, 'Hidden Context Exposure');
      assert.equal(resolveOwaspRef(catalog, 'asi02')?.entry?.name, 'Tool Misuse and Exploitation');
      assert.equal(resolveOwaspRef(catalog, 'LLM02:2023')?.legacy?.name, 'Insecure Output Handling');
      assert.equal(resolveOwaspRef(catalog, 'LLM11'), undefined);
      assert.equal(resolveOwaspRef(catalog, 'AML.T0051'), undefined);
    });
  });

  describe('crosswalk', () => {
    it('covers all 20 current LLM entries and all 2023 entries', () => {
      const mentioned = new Set(catalog.crosswalk.links.flatMap((l) => [l.from, l.to].filter((x): x is string => !!x)));
      for (const [edition, list] of [[2025, owasp2025], [2026, owasp2026], [2023, owasp2023]] as const) {
        for (const r of list.entries) assert.ok(mentioned.has(`${r.id}:${edition}`), `crosswalk misses ${r.id}:${edition}`);
      }
    });

    it('gives every current entry a judgement for each other LLM edition', () => {
      for (const e of catalog.owasp.values()) {
        if (e.list !== 'llm') continue;
        const links = catalog.crosswalk.byId.get(e.qid) ?? [];
        for (const ed of [2023, 2025, 2026].filter((x) => x !== e.edition)) {
          assert.ok(links.some((l) => l.toEdition === ed), `${e.qid} has no link into ${ed}`);
        }
      }
    });

    it('records the known renames', () => {
      const to = (from: string, ed: number) => (catalog.crosswalk.byId.get(from) ?? []).filter((l) => l.toEdition === ed);
      assert.deepEqual(to('LLM07:2025', 2026).map((l) => [l.to, l.match]), [['LLM08:2026', 'partial']]);
      assert.deepEqual(to('LLM02:2023', 2025).map((l) => l.to), ['LLM05:2025']);
      assert.deepEqual(to('LLM06:2025', 2026).map((l) => [l.to, l.match]), [['LLM03:2026', 'exact']]);
      assert.deepEqual(to('LLM08:2025', 2023).map((l) => l.match), ['none']);
      // composed through 2025
      assert.deepEqual(to('LLM02:2023', 2026).map((l) => [l.to, l.derived]), [['LLM10:2026', true]]);
    });

    it('links only entries whose names make the mapping plausible (2025 <-> 2026 same name unless partial)', () => {
      for (const l of catalog.crosswalk.links) {
        if (!l.to || l.match !== 'exact') continue;
        const a = catalog.owasp.get(l.from);
        const b = catalog.owasp.get(l.to);
        if (a && b) assert.equal(a.name, b.name, `${l.from} -> ${l.to} is exact but names differ`);
      }
    });
  });

  describe('ATLAS', () => {
    it('has all 16 tactics with exact ids, names and URLs', () => {
      assert.equal(refTactics.size, 16);
      assert.equal(catalog.atlas.tactics.size, 16);
      for (const [id, r] of refTactics) {
        const t = catalog.atlas.tactics.get(id);
        assert.ok(t, `missing tactic ${id}`);
        assert.equal(t.name, r.name, `${id}: name`);
        assert.equal(t.url, `https://atlas.mitre.org/tactics/${id}`, `${id}: url`);
      }
    });

    it('techniques have exact ids, names, URLs and tactics', () => {
      for (const t of catalog.atlas.techniques.values()) {
        const r = refTechniques.get(t.id);
        assert.ok(r, `technique ${t.id} is not in ATLAS ${atlasRaw.version}`);
        assert.equal(t.name, r.name, `${t.id}: name`);
        assert.equal(t.url, `https://atlas.mitre.org/techniques/${t.id}`, `${t.id}: url`);
        assert.deepEqual([...t.tactics].sort(), refTacticsOf(t.id).sort(), `${t.id}: tactics`);
        if (r['subtechnique-of']) assert.equal(t.parent, r['subtechnique-of'], `${t.id}: parent`);
      }
    });

    it('mitigations have exact ids, names and URLs', () => {
      for (const m of catalog.atlas.mitigations.values()) {
        const r = refMitigations.get(m.id);
        assert.ok(r, `mitigation ${m.id} is not in ATLAS ${atlasRaw.version}`);
        assert.equal(m.name, r.name, `${m.id}: name`);
        assert.equal(m.url, `https://atlas.mitre.org/mitigations/${m.id}`, `${m.id}: url`);
      }
    });

    it('catalog version matches the reference release', () => {
      assert.equal(catalog.atlas.version, atlasRaw.version);
    });

    it('every ATLAS id cited anywhere in the catalogs and rules is catalogued and real', () => {
      for (const [name, text] of Object.entries(files)) {
        for (const m of text.matchAll(/\bAML\.(T\d{4}(?:\.\d{3})?|M\d{4}|TA\d{4})\b/g)) {
          const id = m[0];
          const known = id.startsWith('AML.TA') ? catalog.atlas.tactics.has(id) && refTactics.has(id)
            : id.startsWith('AML.M') ? catalog.atlas.mitigations.has(id) && refMitigations.has(id)
              : catalog.atlas.techniques.has(id) && refTechniques.has(id);
          assert.ok(known, `${name}: ${id} is not in the catalog or not in ATLAS`);
        }
      }
    });
  });

  describe('rules and mitigations', () => {
    it('every rule reference resolves', () => {
      for (const r of catalog.rules) {
        for (const o of r.owasp) assert.ok(catalog.owasp.has(o), `${r.id}: OWASP ${o}`);
        for (const a of r.atlas) assert.ok(catalog.atlas.techniques.has(a), `${r.id}: ATLAS ${a}`);
        for (const m of r.mitigations) assert.ok(catalog.mitigations.has(m), `${r.id}: mitigation ${m}`);
      }
    });

    it('every OWASP entry cites only catalogued techniques and every control cites real threats', () => {
      for (const e of catalog.owasp.values()) for (const a of e.atlas) assert.ok(catalog.atlas.techniques.has(a), `${e.qid}: ${a}`);
      for (const m of catalog.mitigations.values()) {
        for (const t of m.threats) assert.ok(catalog.owasp.has(t), `${m.id}: ${t}`);
        for (const a of m.atlas) assert.ok(refMitigations.has(a), `${m.id}: ${a}`);
        assert.ok(!m.stub.includes('"'), `${m.id}: stub has a double quote`);
        assert.ok(m.stub.length <= 90, `${m.id}: stub too long`);
      }
    });

    it('rule ids are TL### and unique', () => {
      const ids = catalog.rules.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^TL\d{3}$/);
    });

    it('coverage: OWASP 2025 and Agentic, STRIDE, lenses, sizes', () => {
      assert.ok(catalog.rules.length >= 30, `only ${catalog.rules.length} rules`);
      const owaspIds = new Set(catalog.rules.flatMap((r) => r.owasp));
      for (const r of owasp2025.entries) assert.ok(owaspIds.has(`${r.id}:2025`), `no rule for ${r.id}:2025`);
      for (const r of agentic.entries) assert.ok(owaspIds.has(`${r.id}:2026`), `no rule for ${r.id}:2026`);
      const stride = new Set(catalog.rules.flatMap((r) => r.stride));
      for (const l of STRIDE_LETTERS) assert.ok(stride.has(l), `no rule for STRIDE ${l}`);
      const lenses = new Set(catalog.rules.flatMap((r) => r.lenses));
      for (const l of LENSES) assert.ok(lenses.has(l), `no rule for lens ${l}`);
      assert.ok(catalog.atlas.techniques.size >= 25, `only ${catalog.atlas.techniques.size} techniques`);
      assert.ok(catalog.atlas.mitigations.size >= 12, `only ${catalog.atlas.mitigations.size} ATLAS mitigations`);
      assert.ok(catalog.mitigations.size >= 40, `only ${catalog.mitigations.size} controls`);
      const usedAtlasMitigations = new Set([...catalog.mitigations.values()].flatMap((m) => m.atlas));
      assert.ok(usedAtlasMitigations.size >= 14, `controls cite only ${usedAtlasMitigations.size} ATLAS mitigations`);
    });

    it('rules cover the pipelines around the model', () => {
      const anchored = new Set<string>();
      for (const r of catalog.rules) {
        const m = r.match;
        if ('component' in m) for (const k of m.component.kind ?? []) anchored.add(k);
        else for (const k of [...(m.path.to.kind ?? []), ...(m.path.from.kind ?? [])]) anchored.add(k);
      }
      for (const k of ['ingestion', 'dataset', 'training-pipeline', 'model-registry', 'vector-store', 'tool', 'mcp-server',
        'code-executor', 'web-browser', 'datastore', 'monitoring', 'memory', 'gateway', 'prompt-template', 'guardrail',
        'embedding-model', 'external-api', 'client', 'agent', 'llm']) {
        assert.ok(anchored.has(k), `no rule anchored on or reaching ${k}`);
      }
    });

    it('every rule anchors on an AI-relevant kind or on a path from or into one', () => {
      const ai = new Set(['llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser', 'vector-store', 'embedding-model', 'ml-model',
        'ingestion', 'memory', 'prompt-template', 'guardrail', 'training-pipeline', 'dataset', 'model-registry', 'external-api', 'monitoring', 'client', 'gateway']);
      for (const r of catalog.rules) {
        const m = r.match;
        if ('component' in m) {
          const kinds = m.component.kind ?? [];
          assert.ok(kinds.length > 0, `${r.id}: component rule without a kind`);
          const aiAnchor = kinds.every((k) => ai.has(k));
          const aiNeighbour = r.requires.some((c) => c.neighbor?.select.kind?.some((k) => ['llm', 'agent'].includes(k)));
          assert.ok(aiAnchor || aiNeighbour, `${r.id}: anchors on non-AI kinds ${kinds.join(', ')}`);
          if (kinds.some((k) => ['client', 'gateway', 'monitoring'].includes(k))) {
            assert.ok(aiNeighbour, `${r.id}: ${kinds.join(', ')} anchor needs an llm/agent neighbour condition`);
          }
        } else {
          const ends = [...(m.path.from.kind ?? []), ...(m.path.to.kind ?? []), ...(m.path.through?.kind ?? [])];
          assert.ok(ends.some((k) => ai.has(k) && k !== 'client' && k !== 'gateway'), `${r.id}: path touches no AI kind`);
        }
      }
    });
  });

  describe('STRIDE, lenses and questions', () => {
    it('has six letters, three lenses and questions for every kind but unknown', () => {
      assert.deepEqual([...catalog.stride.keys()].sort(), [...STRIDE_LETTERS].sort());
      assert.deepEqual([...catalog.lenses.keys()].sort(), [...LENSES].sort());
      for (const k of COMPONENT_KINDS) {
        if (k === 'unknown') continue;
        const qs = catalog.questions.get(k);
        assert.ok(qs && qs.length >= 3 && qs.length <= 5, `questions for ${k}`);
      }
    });
  });

  describe('own words', () => {
    const SHINGLE = 12;
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
    const descriptions: string[] = [];
    const collect = (v: unknown, key?: string) => {
      if (typeof v === 'string') { if (key === 'description' || key === 'summary') descriptions.push(v); return; }
      if (Array.isArray(v)) { for (const x of v) collect(x, key); return; }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
    };
    collect(atlasRaw);
    const shingles = new Set<string>();
    for (const d of descriptions) {
      const w = norm(d);
      for (let i = 0; i + SHINGLE <= w.length; i++) shingles.add(w.slice(i, i + SHINGLE).join(' '));
    }

    it('no catalog text shares 12 consecutive words with an ATLAS description', function () {
      // The facts snapshot holds no descriptions on purpose; this check needs the official file.
      if (!refDir) this.skip();
      assert.ok(descriptions.length > 200, 'ATLAS descriptions were not collected');
      const copied: string[] = [];
      const check = (v: unknown, where: string) => {
        if (typeof v === 'string') {
          const w = norm(v);
          for (let i = 0; i + SHINGLE <= w.length; i++) {
            const s = w.slice(i, i + SHINGLE).join(' ');
            if (shingles.has(s)) { copied.push(`${where}: "${s}"`); break; }
          }
        } else if (Array.isArray(v)) v.forEach((x, i) => check(x, `${where}[${i}]`));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) check(x, `${where}.${k}`);
      };
      for (const [name, text] of Object.entries(files)) check(parse(text), name);
      assert.deepEqual(copied, []);
    });
  });

  describe('loader', () => {
    it('the bundled generated.ts holds catalogs/ as validated now (else run node scripts/gen-catalog.mjs)', () => {
      // Validated afresh from the files on disk: YAML, schemas and cross-references.
      const fresh = JSON.parse(JSON.stringify(parseCatalogFiles(files))) as typeof CATALOG_DATA;
      assert.deepEqual(Object.keys(CATALOG_DATA.rules).sort(), Object.keys(fresh.rules).sort(), 'generated.ts is stale: run node scripts/gen-catalog.mjs');
      for (const k of Object.keys(fresh) as (keyof typeof fresh)[]) {
        assert.deepEqual(CATALOG_DATA[k], fresh[k], `generated.ts is stale for ${k}: run node scripts/gen-catalog.mjs`);
      }
      assert.deepEqual(CATALOG_DATA, fresh);
    });

    it('loadBuiltinCatalog (the generated data, not validated again) equals the catalog built from the files', () => {
      const a = loadBuiltinCatalog();
      assert.deepEqual(JSON.parse(JSON.stringify(a, (_k, v: unknown) => (v instanceof Map ? [...v] : v))), JSON.parse(JSON.stringify(catalog, (_k, v: unknown) => (v instanceof Map ? [...v] : v))));
      assert.deepEqual([...a.crosswalk.byId], [...catalog.crosswalk.byId]);
    });

    it('loadBuiltinCatalog is memoised and complete', () => {
      const a = loadBuiltinCatalog();
      assert.equal(loadBuiltinCatalog(), a);
      assert.equal(a.rules.length, catalog.rules.length);
      assert.equal(a.ruleSource.get('TL001'), 'rules/prompt-injection.yaml');
      assert.equal(a.atlas.techniques.get('AML.T0051.001')?.displayName, 'LLM Prompt Injection: Indirect');
    });

    it('throws a clear CatalogError on broken built-in data', () => {
      const broken = { ...files, 'rules/extra.yaml': 'rules:\n  - id: TL999\n    title: broken\n' };
      assert.throws(() => buildCatalog(broken), (e: unknown) => e instanceof CatalogError && /rules\/extra\.yaml: rules\[0\]\.owasp/.test(e.message));
      const badMitigation = { ...files, 'mitigations.yaml': files['mitigations.yaml'].replace('threats: [LLM10:2025]', 'threats: [LLM11:2025]') };
      assert.throws(() => buildCatalog(badMitigation), /unknown threat LLM11:2025/);
      const badRef = { ...files, 'rules/monitoring.yaml': files['rules/monitoring.yaml'].replace('[prompt-response-logging,', '[prompt-response-loging,') };
      assert.throws(() => buildCatalog(badRef), /rules\/monitoring\.yaml: rules\[0\]\.mitigations\[0\]: unknown mitigation prompt-response-loging/);
      const missing = Object.fromEntries(Object.entries(files).filter(([k]) => k !== 'atlas.yaml'));
      assert.throws(() => buildCatalog(missing), /atlas\.yaml: missing/);
    });

    it('assembling generated data checks the references again', () => {
      const data = JSON.parse(JSON.stringify(CATALOG_DATA)) as typeof CATALOG_DATA;
      data.rules['rules/monitoring.yaml'][0].mitigations[0] = 'no-such-control';
      data.rules['rules/monitoring.yaml'][0].owasp[0] = 'LLM11:2025';
      data.mitigations.mitigations[0].threats[0] = 'LLM12:2025';
      assert.throws(() => assembleCatalog(data), (e: unknown) => e instanceof CatalogError && /unknown threat LLM12:2025/.test(e.message));
      data.mitigations.mitigations[0].threats[0] = 'LLM01:2025';
      assert.throws(() => assembleCatalog(data), (e: unknown) => e instanceof CatalogError
        && /rules\/monitoring\.yaml: rule TL\d+: unknown mitigation no-such-control/.test(e.message) && /unknown OWASP id LLM11:2025/.test(e.message));
    });
  });
});
