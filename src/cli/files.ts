/**
 * Finds the architecture files to check: explicit files, folders (walked, honouring .gitignore
 * files and skipping node_modules and VCS folders) and globs. Only reads; never runs anything.
 * The folder may be hostile: .gitignore files go through the safe reader, and candidates that are
 * FIFOs, devices, sockets or symbolic links leading nowhere or out of the folder are reported as
 * skipped instead of being opened. Links to files inside the folder are left out as before (git
 * stores them as links; their target is checked under its own path).
 */
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { IgnoreList, MAX_IGNORE_CHARS, MAX_IGNORE_RULES, MAX_PATTERN_LENGTH, compileGlob, hasGlobChars } from '../core/glob';
import { readRegularFile, resolveInside, rootFor } from './safeRead';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.test-output']);
const CANDIDATE = /\.(mmd|mermaid|md|markdown|ya?ml)$/i;
/** Far above any real .gitignore; a larger one is skipped with a warning. */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** A file left unread, with why (paths relative to cwd, `/`-separated). */
export interface Skipped {
  path: string;
  reason: string;
}

export interface Selection {
  files: string[];
  missing: string[];
}

export interface Discovery extends Selection {
  skipped: Skipped[];
  /** The folder each file's real path must stay in when it is read. */
  rootOf: (file: string) => string;
}

interface Walk {
  /** Where the walk began: ignore rules and globs are relative to it. */
  start: string;
  /** Real paths of files must stay in here. */
  root: string;
  wanted: (full: string) => boolean;
  found: (full: string) => void;
  skip: (full: string, reason: string) => void;
  /** Wanted entries seen, read or skipped (a glob that matched only skipped files did match). */
  matched: number;
}

export function discover(args: string[], cwd: string): Discovery {
  const files = new Set<string>();
  const missing: string[] = [];
  const skipped: Skipped[] = [];
  const roots = new Map<string, string>();
  const skip = (full: string, reason: string) => skipped.push({ path: toPosix(relative(cwd, full)) || full, reason });
  const targets = args.length ? args : ['.'];
  for (const arg of targets) {
    if (hasGlobChars(arg)) {
      const re = compileGlob(arg.replace(/\\/g, '/').replace(/^\.\//, ''));
      const walk: Walk = { start: cwd, root: cwd, wanted: (p) => re.test(toPosix(relative(cwd, p))), found: (p) => { files.add(p); roots.set(p, cwd); }, skip, matched: 0 };
      walkDir(walk, cwd, new IgnoreList());
      if (walk.matched === 0) missing.push(arg);
      continue;
    }
    const abs = resolve(cwd, arg);
    if (!existsSync(abs)) { missing.push(arg); continue; }
    if (statSync(abs).isDirectory()) {
      const root = rootFor(abs, cwd, abs);
      walkDir({ start: abs, root, wanted: (p) => CANDIDATE.test(p), found: (p) => { files.add(p); roots.set(p, root); }, skip, matched: 0 }, abs, new IgnoreList());
    } else {
      files.add(abs);
      roots.set(abs, rootFor(abs, cwd, dirname(abs)));
    }
  }
  return { files: [...files].sort(), missing, skipped, rootOf: (f) => roots.get(f) ?? cwd };
}

/** Why a non-regular directory entry is not read, or undefined for a link to a file or folder inside the root (left out quietly). */
function specialReason(full: string, e: Dirent, root: string): string | undefined {
  if (!e.isSymbolicLink()) return e.isFIFO() ? 'a named pipe (FIFO)' : e.isSocket() ? 'a socket' : e.isCharacterDevice() || e.isBlockDevice() ? 'a device' : 'not a regular file';
  const where = resolveInside(full, root);
  if ('skipped' in where) return where.skipped;
  const st = statSync(where.real, { throwIfNoEntry: false });
  return st && (st.isFile() || st.isDirectory()) ? undefined : 'a symbolic link to something that is not a regular file';
}

function walkDir(w: Walk, dir: string, inherited: IgnoreList, depth = 0): void {
  if (depth > 64) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  let ignore = inherited;
  if (entries.some((e) => e.name === '.gitignore')) {
    // Each folder's .gitignore applies below it; keep rules relative to the walk's start for simplicity.
    const gi = join(dir, '.gitignore');
    const read = readRegularFile(gi, { root: w.root, maxBytes: MAX_IGNORE_FILE_BYTES });
    if ('skipped' in read) w.skip(gi, read.skipped);
    else {
      const prefix = toPosix(relative(w.start, dir));
      ignore = cloneWith(inherited, prefix ? prefixRules(read.text, prefix) : read.text);
      const dropped = ignore.dropped - inherited.dropped;
      if (dropped > 0) w.skip(gi, `part of it: ${dropped} pattern(s) past the limits (${MAX_IGNORE_RULES} rules, ${MAX_IGNORE_CHARS} characters in all, ${MAX_PATTERN_LENGTH} per pattern) were not used`);
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const full = join(dir, e.name);
    const rel = toPosix(relative(w.start, full));
    if (e.isDirectory()) {
      if (!ignore.ignores(rel, true)) walkDir(w, full, ignore, depth + 1);
      continue;
    }
    if (ignore.ignores(rel, false) || !w.wanted(full)) continue;
    w.matched++;
    if (e.isFile()) { w.found(full); continue; }
    const reason = specialReason(full, e, w.root);
    if (reason) w.skip(full, reason);
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
export function selectTracked(tracked: readonly string[], args: string[]): Selection {
  const files = new Set<string>();
  const missing: string[] = [];
  const visible = tracked.filter((p) => !p.split('/').some((seg) => ALWAYS_SKIPPED.has(seg)));
  for (const arg of args.length ? args : ['.']) {
    const norm = arg.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    let matched: string[];
    if (hasGlobChars(arg)) {
      const re = compileGlob(norm);
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
