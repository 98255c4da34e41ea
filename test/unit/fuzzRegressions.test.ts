import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, checkFix, offeredFixes } from './support/fixChecks';

// Inputs the fuzz campaign (test/fuzz/campaign.ts) found failing, kept so they stay fixed.
describe('fuzz regressions', function () {
  this.timeout(60_000);
  const dir = path.join(__dirname, '..', 'fuzz', 'regressions');
  for (const name of readdirSync(dir)) {
    it(`${name}: every offered quick fix passes the fix checks`, function () {
      const r = analyze(name, readFileSync(path.join(dir, name), 'utf8'));
      for (const fix of offeredFixes(r)) checkFix(r, fix);
    });
  }
});
