/**
 * What every command shares: the output streams, the engine (built-in catalog plus workspace
 * rules) and writing the result to stdout or `--output`.
 */
import { lstatSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { RULE_FILE_LIMITS, loadBuiltinCatalog, validateRuleFile } from '../core/catalog/catalog';
import { Engine } from '../core/engine';
import type { Rule } from '../core/rules/schema';
import type { CommonArgs } from './args';
import { toPosix } from './files';
import { readRegularFile, resolveInside } from './safeRead';
import { appendAll } from '../core/arrays';

/** Files a little over the rule-file limit are read so the validator reports them in its own words; far larger ones are not read. */
const RULE_FILE_READ_LIMIT = 4 * RULE_FILE_LIMITS.maxBytes;

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

const warned = new WeakMap<Io, Set<string>>();

/**
 * One line on stderr for a file left unread; the run goes on and its exit code is unchanged. Once
 * per file and run: a rule file is also an architecture-file candidate.
 */
export function warnSkipped(io: Io, path: string, reason: string): void {
  const seen = warned.get(io) ?? new Set<string>();
  warned.set(io, seen);
  if (seen.has(path)) return;
  seen.add(path);
  io.err(`threatlens: warning: skipped ${path}: ${reason}\n`);
}

const DEFAULT_RULES = join('.threatlens', 'rules');

/**
 * The rule files of `--rules` folders, or of `.threatlens/rules` when there is one. A folder the
 * user named must exist (exit 2); the default folder belongs to the checked repository, so when it
 * is not a usable folder that is a warning. Files are read through the safe reader: inside the
 * named folder, or for the default one inside the checked folder, regular, and within the
 * rule-file size limit; anything else is a warning naming the file.
 */
function loadRules(dirs: string[], cwd: string, io: Io): Rule[] {
  const folders = dirs.length ? dirs : lstatSync(join(cwd, DEFAULT_RULES), { throwIfNoEntry: false }) ? [DEFAULT_RULES] : [];
  const rules: Rule[] = [];
  const catalog = loadBuiltinCatalog();
  for (const d of folders) {
    const abs = resolve(cwd, d);
    const named = dirs.length > 0;
    // A folder the user named may be anywhere (its files must stay in it); the default one must stay in the checked folder.
    const root = named ? abs : cwd;
    const where = resolveInside(abs, root);
    const usable = 'real' in where && statSync(where.real, { throwIfNoEntry: false })?.isDirectory() === true;
    if (!usable) {
      if (named) throw new CliExit(2, `rule folder not found: ${d}`);
      warnSkipped(io, toPosix(d), `not a folder inside the checked folder (${'skipped' in where ? where.skipped : 'not a directory'})`);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(abs).filter((n) => /\.ya?ml$/i.test(n)).sort();
    } catch (e) {
      warnSkipped(io, toPosix(d), `cannot list the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    for (const name of names) {
      const file = join(abs, name);
      const path = toPosix(relative(cwd, file));
      const read = readRegularFile(file, { root, maxBytes: RULE_FILE_READ_LIMIT });
      if ('skipped' in read) { warnSkipped(io, path, read.skipped); continue; }
      const result = validateRuleFile(read.text, path, catalog);
      for (const e of result.errors) io.err(`${e.message}\n`);
      appendAll(rules, result.rules);
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
