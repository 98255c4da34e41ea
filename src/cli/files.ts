/**
 * Finds the architecture files to check: explicit files, folders (walked, honouring .gitignore
 * files and skipping node_modules and VCS folders) and globs. Only reads; never runs anything.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { IgnoreList, globToRegExp, hasGlobChars } from '../core/glob';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.test-output']);
const CANDIDATE = /\.(mmd|mermaid|md|markdown|ya?ml)$/i;

export interface Discovery {
  files: string[];
  missing: string[];
}

export function discover(args: string[], cwd: string): Discovery {
  const files = new Set<string>();
  const missing: string[] = [];
  const targets = args.length ? args : ['.'];
  for (const arg of targets) {
    if (hasGlobChars(arg)) {
      const re = globToRegExp(arg.replace(/\\/g, '/').replace(/^\.\//, ''));
      const before = files.size;
      walk(cwd, cwd, new IgnoreList(), (p) => { if (re.test(toPosix(relative(cwd, p)))) files.add(p); });
      if (files.size === before) missing.push(arg);
      continue;
    }
    const abs = resolve(cwd, arg);
    if (!existsSync(abs)) { missing.push(arg); continue; }
    if (statSync(abs).isDirectory()) walk(abs, abs, new IgnoreList(), (p) => { if (CANDIDATE.test(p)) files.add(p); });
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}

function walk(root: string, dir: string, inherited: IgnoreList, visit: (file: string) => void, depth = 0): void {
  if (depth > 64) return;
  let ignore = inherited;
  const gi = join(dir, '.gitignore');
  if (existsSync(gi)) {
    // Each folder's .gitignore applies below it; keep rules relative to the root for simplicity.
    const local = readFileSync(gi, 'utf8');
    const prefix = toPosix(relative(root, dir));
    ignore = cloneWith(inherited, prefix ? prefixRules(local, prefix) : local);
  }
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const full = join(dir, e.name);
    const rel = toPosix(relative(root, full));
    if (e.isDirectory()) {
      if (!ignore.ignores(rel, true)) walk(root, full, ignore, visit, depth + 1);
    } else if (e.isFile() && !ignore.ignores(rel, false)) visit(full);
  }
}

const sources = new WeakMap<IgnoreList, string[]>();

function cloneWith(base: IgnoreList, text: string): IgnoreList {
  const texts = [...(sources.get(base) ?? []), text];
  const list = new IgnoreList();
  for (const t of texts) list.add(t);
  sources.set(list, texts);
  return list;
}

/** Rewrites a nested .gitignore's patterns so they match paths relative to the walk root. */
function prefixRules(text: string, prefix: string): string {
  return text.split(/\r?\n/).map((line) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return line;
    const neg = t.startsWith('!') ? '!' : '';
    const body = neg ? t.slice(1) : t;
    const anchored = body.slice(0, -1).includes('/') || body.startsWith('/');
    return `${neg}${prefix}/${anchored ? body.replace(/^\//, '') : `**/${body}`}`;
  }).join('\n');
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * The same selection as `discover`, over a list of tracked files (cwd-relative, `/`-separated)
 * instead of the disk: used for git revisions, where nothing is walked or ignored but the
 * always-skipped folders are still skipped.
 */
export function selectTracked(tracked: readonly string[], args: string[]): Discovery {
  const files = new Set<string>();
  const missing: string[] = [];
  const visible = tracked.filter((p) => !p.split('/').some((seg) => ALWAYS_SKIPPED.has(seg)));
  for (const arg of args.length ? args : ['.']) {
    const norm = arg.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    let matched: string[];
    if (hasGlobChars(arg)) {
      const re = globToRegExp(norm);
      matched = visible.filter((p) => re.test(p));
    } else if (norm === '' || norm === '.') {
      matched = visible.filter((p) => CANDIDATE.test(p));
    } else if (tracked.includes(norm)) {
      matched = [norm];
    } else {
      matched = visible.filter((p) => p.startsWith(`${norm}/`) && CANDIDATE.test(p));
    }
    if (matched.length === 0 && norm !== '' && norm !== '.') missing.push(arg);
    for (const p of matched) files.add(p);
  }
  return { files: [...files].sort(), missing };
}
