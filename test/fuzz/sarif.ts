/** SARIF checks of the fuzz campaign: a structural check on every log, sarif-multitool on a sample. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LEVELS = new Set(['error', 'warning', 'note', 'none']);

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);

/** What GitHub's code scanning needs of a log: the 2.1.0 envelope, rules, and results whose regions lie in the file. */
export function sarifShapeErrors(log: unknown, text: string): string[] {
  const errors: string[] = [];
  const root = obj(log);
  if (root?.version !== '2.1.0' || typeof root.$schema !== 'string') return ['not a SARIF 2.1.0 log'];
  const runs = root.runs;
  if (!Array.isArray(runs) || runs.length !== 1) return ['a log has one run'];
  const run = obj(runs[0]);
  const driver = obj(obj(run?.tool)?.driver);
  const rules = driver?.rules;
  if (typeof driver?.name !== 'string' || !Array.isArray(rules)) return ['tool.driver has a name and rules'];
  const lines = text.split(/\r\n|\r|\n/);
  const results = run?.results;
  if (!Array.isArray(results)) return ['run.results is an array'];
  for (const [i, x] of results.entries()) {
    const res = obj(x);
    const where = `result ${i}`;
    if (typeof res?.ruleId !== 'string' || typeof obj(res.message)?.text !== 'string') errors.push(`${where}: ruleId and message.text`);
    if (typeof res?.ruleIndex !== 'number' || obj(rules[res.ruleIndex])?.id !== res.ruleId) errors.push(`${where}: ruleIndex names its rule`);
    if (!LEVELS.has(String(res?.level))) errors.push(`${where}: level ${String(res?.level)}`);
    const list = (x: unknown): unknown[] => (Array.isArray(x) ? (x as unknown[]) : []);
    for (const l of list(res?.locations).concat(list(res?.relatedLocations))) {
      const region = obj(obj(obj(l)?.physicalLocation)?.region);
      const { startLine: sl, startColumn: sc, endLine: el, endColumn: ec } = (region ?? {}) as Record<string, number>;
      const ok = [sl, sc, el, ec].every((n) => Number.isInteger(n) && n >= 1) && (el > sl || (el === sl && ec >= sc)) && el <= lines.length
        && sc <= (lines[sl - 1]?.length ?? 0) + 1 && ec <= (lines[el - 1]?.length ?? 0) + 1;
      if (!ok) errors.push(`${where}: region ${JSON.stringify(region)} outside the file's ${lines.length} lines`);
    }
  }
  return errors;
}

/** Validates up to 50 logs with the SARIF SDK's own validator (slow: one process for all). */
export function validateSarifSample(logs: readonly string[]): { validated: number; errors: string[] } {
  const bin = path.join('node_modules', '.bin', 'sarif-multitool');
  if (logs.length === 0) return { validated: 0, errors: [] };
  if (!existsSync(bin)) return { validated: 0, errors: ['sarif-multitool is not installed (npm ci)'] };
  const dir = mkdtempSync(path.join(tmpdir(), 'tl-fuzz-sarif-'));
  try {
    const errors: string[] = [];
    for (const [i, log] of logs.entries()) {
      const file = path.join(dir, `${i}.sarif`);
      writeFileSync(file, log);
      const out = path.join(dir, `${i}.validation.sarif`);
      const v = spawnSync(bin, ['validate', file, '--output', out], { encoding: 'utf8' });
      if (v.status !== 0) { errors.push(`log ${i}: sarif-multitool exited ${v.status}: ${v.stderr.slice(0, 300)}`); continue; }
      const report = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as { runs: { results?: { level?: string; message: { text?: string; id?: string } }[] }[] };
      for (const r of report.runs[0]?.results ?? []) if (r.level === 'error' || r.level === 'warning') errors.push(`log ${i}: ${r.message.text ?? r.message.id ?? ''}`);
    }
    return { validated: logs.length, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
