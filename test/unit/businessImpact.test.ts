import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { parseCatalogFiles } from '../../src/core/catalog/fromFiles';
import { businessImpact, dataGroups } from '../../src/core/report/businessImpact';
import { readCatalogFiles } from './support/catalogFiles';

describe('business impact of a risk', () => {
  it('every built-in rule says what it costs the business, naming its component', () => {
    const catalog = loadBuiltinCatalog();
    const texts = new Set<string>();
    for (const r of catalog.rules) {
      assert.ok(r.business, r.id);
      assert.ok(r.business.text.includes('{component}'), r.id);
      texts.add(r.business.text);
    }
    assert.equal(texts.size, catalog.rules.length, 'one sentence per rule, not one per category');
  });

  it('the catalog build refuses a built-in rule without one', () => {
    const files = readCatalogFiles();
    const name = 'rules/monitoring.yaml';
    const without = files[name].replace(/\n {4}business:\n {6}impacts: .*\n {6}text: >-\n(?: {8}.*\n)+/, '\n');
    assert.notEqual(without, files[name]);
    assert.throws(() => parseCatalogFiles({ ...files, [name]: without }), /no business impact/);
  });

  it('names the component, lists the harms and adds what its data means', () => {
    const business = { impacts: ['data-loss' as const], text: '{component} can leak what it stores.' };
    const plain = businessImpact({ business, stride: ['I'], component: 'Notes store' });
    assert.deepEqual(plain, { harms: 'data loss', text: '"Notes store" can leak what it stores.' });
    const phi = businessImpact({ business, stride: ['I'], component: 'Notes store', data: 'phi,pii' });
    assert.equal(phi.harms, 'data loss, regulatory fines');
    assert.match(phi.text, /It handles health data, personal data: a leak is a breach/);
    const secrets = businessImpact({ business, stride: ['I'], component: 'Vault', data: 'credentials' });
    assert.equal(secrets.harms, 'data loss');
    assert.match(secrets.text, /It handles credentials, which a leak would expose\./);
    const cost = businessImpact({ business: { impacts: ['cost'], text: '{component} can be run up.' }, stride: ['D'], component: 'API', data: 'phi' });
    assert.equal(cost.text, '"API" can be run up.', 'data does not make a cost risk a breach');
  });

  it('a workspace rule without a business text falls back to its STRIDE categories', () => {
    assert.match(businessImpact({ stride: ['I', 'D'], component: 'x' }).text, /leak of customer or confidential data; outages or runaway usage costs\./);
    assert.deepEqual(dataGroups('none'), []);
    assert.deepEqual(dataGroups('PCI, card').map((g) => g.name), ['payment data']);
  });
});
