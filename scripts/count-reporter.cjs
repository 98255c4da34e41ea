// Mocha reporter: the usual spec output, plus a counts file the test driver totals across suites.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = (options.reporterOptions && options.reporterOptions.output) || process.env.THREATLENS_COUNTS;
    const failures = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: String(err && err.message) }));
    runner.once('end', () => {
      if (!out) return;
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ passed: runner.stats.passes, failed: runner.stats.failures, pending: runner.stats.pending, failures }, null, 2));
    });
  }
}
module.exports = CountReporter;
