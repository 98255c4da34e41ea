/**
 * What every command shares: the output streams, the engine (built-in catalog plus workspace
 * rules) and writing the result to stdout or `--output`.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadBuiltinCatalog, validateRuleFile } from '../core/catalog/catalog';
import { Engine } from '../core/engine';
import type { Rule } from '../core/rules/schema';
import type { CommonArgs } from './args';
import { toPosix } from './files';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A failure that has been reported: the command exits with this code. */
export class CliExit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function loadRules(dirs: string[], cwd: string, io: Io): Rule[] {
  const folders = dirs.length ? dirs : existsSync(join(cwd, '.threatlens', 'rules')) ? [join('.threatlens', 'rules')] : [];
  const rules: Rule[] = [];
  const catalog = loadBuiltinCatalog();
  for (const d of folders) {
    const abs = resolve(cwd, d);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new CliExit(2, `rule folder not found: ${d}`);
    for (const name of readdirSync(abs).filter((n) => /\.ya?ml$/i.test(n)).sort()) {
      const file = join(abs, name);
      const result = validateRuleFile(readFileSync(file, 'utf8'), toPosix(relative(cwd, file)), catalog);
      for (const e of result.errors) io.err(`${e.message}\n`);
      rules.push(...result.rules);
    }
  }
  return rules;
}

export function makeEngine(args: CommonArgs, cwd: string, io: Io): Engine {
  const extraRules = loadRules(args.rules, cwd, io);
  const owasp = {
    ...(args.editions ? { editions: args.editions } : {}),
    ...(args.defaultEdition ? { defaultEdition: args.defaultEdition } : {}),
    ...(args.catalogs ? { lists: args.catalogs } : {}),
  };
  return new Engine(loadBuiltinCatalog(), { extraRules, today: args.today, maxFileSize: args.maxFileSize, owasp });
}

/** Writes the report to `--output` (relative to cwd) or stdout. */
export function emit(text: string, args: CommonArgs, cwd: string, io: Io): void {
  if (args.output) {
    try {
      writeFileSync(resolve(cwd, args.output), text);
    } catch (e) {
      throw new CliExit(2, `cannot write ${args.output}: ${(e as Error).message}`);
    }
  } else io.out(text);
}

/** Today as YYYY-MM-DD (UTC), unless `--today` says otherwise. */
export function todayOf(args: CommonArgs): string {
  return args.today ?? new Date().toISOString().slice(0, 10);
}
