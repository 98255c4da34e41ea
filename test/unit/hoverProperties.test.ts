import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { componentHover } from '../../src/extension/hoverContent';

const engine = new Engine(loadBuiltinCatalog(), { today: '2026-11-23' });

describe('hover: properties and why', () => {
  it('an inferred property says where it came from; a declared one does not pretend to be inferred', () => {
    const text = ['flowchart LR', '    user[Clinician] --> bot[Clinical assistant GPT-4o]', '    bot --> ehr[(Patient records)]', '    bot --> notes[(Notes)]', '    %% @component notes data=confidential'].join('\n');
    const r = engine.analyze('p.mmd', text);
    assert.ok(r);
    const hover = (id: string) => {
      const c = r.file.models[0].components.find((x) => x.id === id);
      assert.ok(c);
      return componentHover(c, r.findings.filter((f) => f.componentId === id), 'file:///w/p.mmd', engine.lookup);
    };
    assert.match(hover('ehr'), /data=phi \(inferred: named \\"Patient records\\"\)/);
    const notes = hover('notes');
    assert.match(notes, /data=confidential/);
    assert.doesNotMatch(notes, /data=confidential \(inferred/);
  });
});
