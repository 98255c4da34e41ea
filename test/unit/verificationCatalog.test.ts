import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { parseCatalogFiles } from '../../src/core/catalog/fromFiles';
import { CATALOG_DATA } from '../../src/core/catalog/generated';
import { checkVerificationRefs, verificationFileSchema } from '../../src/core/verify/schema';
import { readCatalogFiles } from './support/catalogFiles';

const root = resolve(__dirname, '..', '..');
const readJson = (name: string) => JSON.parse(readFileSync(join(root, 'catalogs', 'reference', name), 'utf8')) as Record<string, unknown>;
const garak = readJson('garak-probes.json') as { source: string; commit: string; modules: string[]; probes: string[] };
const art = readJson('art-attacks.json') as { source: string; commit: string; attacks: string[] };
const file = verificationFileSchema.parse(parse(readFileSync(join(root, 'catalogs', 'verification.yaml'), 'utf8')));
const catalog = loadBuiltinCatalog();

describe('verification catalog (catalogs/verification.yaml)', () => {
  it('is what the build embedded', () => {
    assert.deepEqual(CATALOG_DATA.verification, JSON.parse(JSON.stringify(file)));
  });

  it('names only garak probes and ART attacks of the reference data', () => {
    const garakNames = new Set([...garak.modules, ...garak.probes]);
    const artNames = new Set(art.attacks);
    const unknown = file.controls.flatMap((c) => [
      ...c.garak.filter((n) => !garakNames.has(n)).map((n) => `${c.mitigation}: garak ${n}`),
      ...c.art.filter((n) => !artNames.has(n)).map((n) => `${c.mitigation}: ART ${n}`),
    ]);
    assert.deepEqual(unknown, []);
    assert.ok(file.controls.some((c) => c.garak.length) && file.controls.some((c) => c.art.length), 'the mapping uses both tools');
  });

  it('maps every control of catalogs/mitigations.yaml, once, and only those', () => {
    assert.deepEqual(checkVerificationRefs(file, new Set(catalog.mitigations.keys())), []);
    assert.deepEqual(file.controls.map((c) => c.mitigation).sort(), [...catalog.mitigations.keys()].sort());
  });

  it('gives every built-in rule at least one check through its controls', () => {
    const mapped = new Set(file.controls.map((c) => c.mitigation));
    assert.deepEqual(catalog.rules.filter((r) => !r.mitigations.some((m) => mapped.has(m))).map((r) => r.id), []);
  });

  it('reports ids that point nowhere and repeats', () => {
    const broken = { controls: [...file.controls, { ...file.controls[0] }, { mitigation: 'no-such-control', test: 'a test idea long enough to pass', garak: ['dan', 'dan'], art: [] }] };
    const problems = checkVerificationRefs(broken, new Set(catalog.mitigations.keys()));
    assert.ok(problems.some((p) => new RegExp(`${file.controls[0].mitigation} is mapped twice`).test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /unknown mitigation no-such-control/.test(p)));
    assert.ok(problems.some((p) => /garak lists a name twice/.test(p)));
    assert.equal(verificationFileSchema.safeParse({ controls: [{ mitigation: 'input-guardrail', test: 'a test idea long enough to pass', garak: ['probes.dan'] }] }).success, false, 'garak names are written without the probes. prefix');
  });

  it('fails the catalog build when the mapping is missing or points nowhere', () => {
    const files = readCatalogFiles();
    const { ['verification.yaml']: mapping, ...without } = files;
    assert.throws(() => parseCatalogFiles(without), /verification\.yaml: missing/);
    const typo = mapping.replace('- mitigation: input-guardrail\n', '- mitigation: input-guardrails\n');
    assert.notEqual(typo, mapping);
    assert.throws(() => parseCatalogFiles({ ...files, 'verification.yaml': typo }), /verification\.yaml: controls\[0\]: unknown mitigation input-guardrails/);
  });

  it('reference files record their source repository and commit, and hold sorted, unique names', () => {
    for (const [name, ref, lists] of [['garak', garak, [garak.modules, garak.probes]], ['ART', art, [art.attacks]]] as const) {
      assert.match(ref.source, /^https:\/\/github\.com\/[\w-]+\/[\w.-]+$/, name);
      assert.match(ref.commit, /^[0-9a-f]{40}$/, name);
      for (const list of lists) {
        assert.ok(list.length > 0, name);
        assert.deepEqual(list, [...new Set(list)].sort(), `${name}: sorted and unique`);
      }
    }
    // Every class belongs to a listed module: the two lists come from the same tree.
    assert.deepEqual(garak.probes.filter((p) => !garak.modules.includes(p.slice(0, p.indexOf('.')))), []);
  });
});
