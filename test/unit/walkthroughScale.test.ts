import { strict as assert } from 'node:assert';
import { commonScale } from '../../webview/src/diagram/scale';

describe('walkthrough drawing scale', function () {
  it('"Fit" gives every drawing of a file the scale at which the widest one fits', function () {
    // An overview 2,400 px wide and a two-node detail 300 px wide, in a 600 px side panel.
    const s = commonScale([2400, 300], 600, 'fit');
    assert.equal(s, 0.25);
    assert.equal(Math.round(2400 * s), 600, 'the wide left-to-right overview fits the panel');
  });
  it('never enlarges, and "100%" is the natural size', function () {
    assert.equal(commonScale([300, 200], 600, 'fit'), 1);
    assert.equal(commonScale([2400], 600, 'actual'), 1);
  });
  it('stops shrinking where text could not be read, and ignores drawings with no size', function () {
    assert.equal(commonScale([100_000], 600, 'fit'), 0.2);
    assert.equal(commonScale([0, 0], 600, 'fit'), 1);
  });
});
