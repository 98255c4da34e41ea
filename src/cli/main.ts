/**
 * The `threatlens` command: the same engine as the extension, for CI. Reads files only; nothing
 * in the scanned folder is executed.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../core/engine';
import { validateRuleFile, loadBuiltinCatalog } from '../core/catalog/catalog';
import { SEVERITY_ORDER } from '../core/analysis/score';
import type { Rule } from '../core/rules/schema';
import type { FileResult } from '../core/report/types';
import { toJsonReport } from '../core/report/json';
import { toSarif } from '../core/report/sarif';
import { toMarkdown } from '../core/report/markdown';
import { toText } from '../core/report/text';
import { USAGE, UsageError, parseArgs, type CheckArgs } from './args';
import { discover, toPosix } from './files';
import { VERSION } from '../core/version';

export function run(argv: string[], cwd: string, io: { out: (s: string) => void; err: (s: string) => void }): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`threatlens: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') { io.out(`${USAGE}\n`); return 0; }
  if (args.command === 'version') { io.out(`${VERSION}\n`); return 0; }
  return check(args, cwd, io);
}

function loadRules(dirs: string[], cwd: string, io: { err: (s: string) => void }): Rule[] | undefined {
  const folders = dirs.length ? dirs : existsSync(join(cwd, '.threatlens', 'rules')) ? [join('.threatlens', 'rules')] : [];
  const rules: Rule[] = [];
  const catalog = loadBuiltinCatalog();
  for (const d of folders) {
    const abs = resolve(cwd, d);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      io.err(`threatlens: rule folder not found: ${d}\n`);
      return undefined;
    }
    for (const name of readdirSync(abs).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
      const file = join(abs, name);
      const result = validateRuleFile(readFileSync(file, 'utf8'), toPosix(relative(cwd, file)), catalog);
      for (const e of result.errors) io.err(`${e.message}\n`);
      rules.push(...result.rules);
    }
  }
  return rules;
}

function check(args: CheckArgs, cwd: string, io: { out: (s: string) => void; err: (s: string) => void }): number {
  const extraRules = loadRules(args.rules, cwd, io);
  if (!extraRules) return 2;
  const engine = new Engine(loadBuiltinCatalog(), { extraRules, today: args.today, maxFileSize: args.maxFileSize });
  const { files, missing } = discover(args.paths, cwd);
  if (missing.length) {
    io.err(`threatlens: no such file or nothing matched: ${missing.join(', ')}\n`);
    return 2;
  }
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`threatlens: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    const r = engine.analyze(toPosix(relative(cwd, file)) || file, text);
    if (r) results.push(r);
  }
  const report = render(args, results, engine, cwd);
  if (args.output) writeFileSync(resolve(cwd, args.output), report);
  else io.out(report);
  const threshold = args.failOn === 'none' ? Infinity : SEVERITY_ORDER[args.failOn];
  const failing = results.some((r) => r.findings.some((f) => f.status === 'open' && SEVERITY_ORDER[f.severity] >= threshold));
  return failing ? 1 : 0;
}

function render(args: CheckArgs, results: FileResult[], engine: Engine, cwd: string): string {
  switch (args.format) {
    case 'json': return `${JSON.stringify(toJsonReport(results, VERSION), null, 2)}\n`;
    case 'sarif': return `${JSON.stringify(toSarif(results, engine.rules, engine.lookup, VERSION, pathToFileURL(cwd).href), null, 2)}\n`;
    case 'markdown': return toMarkdown(results, engine.lookup);
    default: return toText(results, engine.lookup);
  }
}

if (require.main === module) {
  try {
    process.exitCode = run(process.argv.slice(2), process.cwd(), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
  } catch (e) {
    process.stderr.write(`threatlens: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  }
}
