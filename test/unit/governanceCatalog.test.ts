import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { parseCatalogFiles } from '../../src/core/catalog/fromFiles';
import { CATALOG_DATA } from '../../src/core/catalog/generated';
import { builtinCrosswalk } from '../../src/core/governance/crosswalk';
import { checkGovernanceRefs, governanceFileSchema } from '../../src/core/governance/schema';
import { readCatalogFiles } from './support/catalogFiles';

const root = resolve(__dirname, '..', '..');
interface Reference {
  instruments: Record<string, { name: string; official: string }>;
  obligations: { id: string; instrument: string; ref: string; title: string; source: string }[];
}
const reference = JSON.parse(readFileSync(join(root, 'catalogs', 'reference', 'governance.json'), 'utf8')) as Reference;
const file = governanceFileSchema.parse(parse(readFileSync(join(root, 'catalogs', 'governance.yaml'), 'utf8')));
const catalog = loadBuiltinCatalog();
const ruleIds = new Set(catalog.rules.map((r) => r.id));

describe('governance crosswalk (catalogs/governance.yaml)', () => {
  it('is what the build embedded', () => {
    assert.deepEqual(CATALOG_DATA.governance, JSON.parse(JSON.stringify(file)));
  });

  it('cites only obligations of the reference data, with the exact official number and title', () => {
    const byId = new Map(reference.obligations.map((o) => [o.id, o]));
    for (const o of file.obligations) {
      const ref = byId.get(o.id);
      assert.ok(ref, `${o.id} is not in catalogs/reference/governance.json`);
      assert.equal(o.title, ref.title, `${o.id}: title`);
      assert.equal(o.ref, ref.ref, `${o.id}: article or function`);
      assert.equal(o.instrument, ref.instrument, `${o.id}: instrument`);
    }
    // The titles the issue names, spelled as the official texts spell them.
    const title = (id: string) => byId.get(id)?.title;
    assert.equal(title('EU-AI-ACT-12'), 'Record-keeping');
    assert.equal(title('EU-AI-ACT-14'), 'Human oversight');
    assert.equal(title('EU-AI-ACT-15'), 'Accuracy, robustness and cybersecurity');
    assert.equal(title('GDPR-25'), 'Data protection by design and by default');
    assert.equal(title('GDPR-32'), 'Security of processing');
    assert.equal(title('GDPR-35'), 'Data protection impact assessment');
    assert.deepEqual(reference.obligations.filter((o) => o.instrument === 'nist-ai-rmf').map((o) => o.ref), ['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
  });

  it('reference entries name their instrument, an article number matching the id, and the page the title was checked on', () => {
    assert.equal(new Set(reference.obligations.map((o) => o.id)).size, reference.obligations.length, 'ids are unique');
    for (const o of reference.obligations) {
      assert.ok(reference.instruments[o.instrument], `${o.id}: instrument ${o.instrument}`);
      assert.match(o.source, /^https:\/\/[\w.-]+\//, `${o.id}: source`);
      const article = /^(?:EU-AI-ACT|GDPR)-(\d+)$/.exec(o.id);
      if (article) assert.equal(o.ref, `Article ${article[1]}`, o.id);
      else assert.equal(o.id, `NIST-AI-RMF-${o.ref}`);
    }
    assert.match(reference.instruments['eu-ai-act'].name, /2024\/1689/);
    assert.match(reference.instruments.gdpr.name, /2016\/679/);
    // Every reference entry is used: the file holds no obligation the crosswalk does not cite.
    assert.deepEqual(reference.obligations.map((o) => o.id).filter((id) => !file.obligations.some((o) => o.id === id)), []);
  });

  it('names only built-in rules, and links every built-in rule to at least one obligation of each instrument it can fall under', () => {
    assert.deepEqual(checkGovernanceRefs(file, ruleIds), []);
    const cw = builtinCrosswalk();
    const byInstrument = (ruleId: string, instrument: string) => (cw.byRule.get(ruleId) ?? []).filter((l) => cw.obligations.find((o) => o.id === l.obligation)?.instrument === instrument);
    for (const id of ruleIds) {
      assert.ok((cw.byRule.get(id) ?? []).length > 0, `${id} bears on no obligation`);
      assert.ok(byInstrument(id, 'eu-ai-act').length > 0, `${id}: no EU AI Act article`);
      assert.ok(byInstrument(id, 'nist-ai-rmf').length > 0, `${id}: no NIST AI RMF function`);
    }
    // Only rules about personal data carry GDPR links: a prompt-injection rule alone does not.
    assert.deepEqual(byInstrument('TL001', 'gdpr'), []);
    assert.ok(byInstrument('TL031', 'gdpr').some((l) => l.obligation === 'GDPR-5'));
  });

  it('reports unknown rules and obligations, repeats and rules left out', () => {
    const broken = {
      ...file,
      links: [...file.links.filter((l) => !l.rules.includes('TL040')), { obligation: 'GDPR-99', rules: ['TL999', 'TL001', 'TL001'], why: 'a reason long enough to pass the schema' }],
    };
    const problems = checkGovernanceRefs(broken, ruleIds);
    assert.ok(problems.some((p) => /unknown obligation GDPR-99/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /unknown rule TL999/.test(p)));
    assert.ok(problems.some((p) => /lists a rule twice/.test(p)));
    assert.ok(problems.some((p) => /rule TL040 bears on no obligation/.test(p)));
    assert.equal(governanceFileSchema.safeParse({ ...file, links: [{ obligation: 'GDPR-32', rules: ['TL001'], why: 'two\nlines of reason text here' }] }).success, false, 'a reason is one line');
  });

  it('fails the catalog build when the crosswalk is missing or cites a rule that does not exist', () => {
    const files = readCatalogFiles();
    const { ['governance.yaml']: text, ...without } = files;
    assert.throws(() => parseCatalogFiles(without), /governance\.yaml: missing/);
    const typo = text.replace('rules: [TL040, TL041]', 'rules: [TL040, TL941]');
    assert.notEqual(typo, text);
    assert.throws(() => parseCatalogFiles({ ...files, 'governance.yaml': typo }), /governance\.yaml: links\[\d+\]: unknown rule TL941/);
  });
});
