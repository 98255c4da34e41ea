/**
 * Glob and .gitignore-style patterns, shared by the CLI's file discovery and the extension's
 * include/exclude settings. Patterns come from checked-in .gitignore files, so they are hostile
 * input: a regular expression built from `*a*a*a*a*a*a*a*a*a*a*b` backtracks exponentially (tens
 * of seconds on a 44-character name). Instead each pattern becomes a small automaton (Thompson's
 * construction) run as a set of states over the path's characters: nothing is ever retried, so a
 * test costs at most path length × pattern length steps. The sets met are memoised with their
 * transitions (a DFA built as needed), so repeated tests, as an ignore list makes for every path
 * of a walk, mostly cost one map look-up per character.
 */

/** `**` spans folders, `*` and `?` stay within one, `{a,b}` alternates literal texts. Paths use `/`. */
export interface Glob {
  test(path: string): boolean;
}

/** Longer patterns match nothing (no real pattern comes close). */
export const MAX_PATTERN_LENGTH = 1024;
/** Rules past this many in one ignore list, or past this many pattern characters in all, are dropped (and counted in `IgnoreList.dropped`). */
export const MAX_IGNORE_RULES = 10_000;
export const MAX_IGNORE_CHARS = 256 * 1024;

const SLASH = 0x2f;

const enum Op {
  /** Consumes the character `code`. */
  Char,
  /** `?`: consumes one character other than `/`. */
  One,
  /** `*`: loops on characters other than `/`; may leave without consuming. */
  Star,
  /** `**` not followed by `/`: loops on any character; may leave without consuming. */
  Any,
  /** `**` followed by `/`, at a folder boundary: may leave, or start a folder name, or consume an empty one. */
  Dirs,
  /** Inside a folder name of `Dirs`: loops on non-`/`, returns to `Dirs` on `/`. */
  DirName,
  /** `{…}`: leaves without consuming into each alternative. */
  Split,
  Match,
}

interface State {
  op: Op;
  code: number;
  /** Where a consumed character (or leaving, for the loops) leads. */
  next: number;
  /** Split targets. */
  alts: number[];
}

interface Token {
  op: 'char' | 'one' | 'star' | 'any' | 'dirs' | 'alt';
  code?: number;
  alts?: string[];
}

/** The pattern's pieces, read as the old regular-expression compiler read them. */
function tokenize(pattern: string): Token[] {
  // Repeated `**/` segments mean the same as one.
  let glob = pattern;
  while (glob.includes('**/**/')) glob = glob.replace('**/**/', '**/');
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; out.push({ op: 'dirs' }); } else out.push({ op: 'any' });
      } else out.push({ op: 'star' });
    } else if (c === '?') out.push({ op: 'one' });
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { out.push({ op: 'char', code: c.charCodeAt(0) }); continue; }
      out.push({ op: 'alt', alts: glob.slice(i + 1, close).split(',') });
      i = close;
    } else out.push({ op: 'char', code: glob.charCodeAt(i) });
  }
  return out;
}

function build(tokens: Token[]): State[] {
  const states: State[] = [];
  const add = (op: Op, code = 0): number => states.push({ op, code, next: -1, alts: [] }) - 1;
  /** States whose `next` still points nowhere, patched to the following piece. */
  let dangling: number[] = [];
  const link = (to: number) => {
    for (const s of dangling) states[s].next = to;
    dangling = [];
  };
  for (const t of tokens) {
    switch (t.op) {
      case 'char': case 'one': {
        const s = add(t.op === 'char' ? Op.Char : Op.One, t.code);
        link(s);
        dangling = [s];
        break;
      }
      case 'star': case 'any': {
        const s = add(t.op === 'star' ? Op.Star : Op.Any);
        link(s);
        dangling = [s];
        break;
      }
      case 'dirs': {
        const s = add(Op.Dirs);
        const name = add(Op.DirName);
        states[name].next = s;
        link(s);
        dangling = [s];
        break;
      }
      case 'alt': {
        const split = add(Op.Split);
        link(split);
        const ends: number[] = [];
        for (const text of t.alts ?? []) {
          if (text === '') { ends.push(split); continue; }
          let prev = -1;
          for (let k = 0; k < text.length; k++) {
            const s = add(Op.Char, text.charCodeAt(k));
            if (prev < 0) states[split].alts.push(s);
            else states[prev].next = s;
            prev = s;
          }
          ends.push(prev);
        }
        // An empty alternative leaves the split straight away: its `next` is the following piece.
        dangling = ends;
        break;
      }
    }
  }
  link(add(Op.Match));
  return states;
}

/** A literal text every match must end with (the trailing plain characters), for a cheap first test. */
function literalSuffix(tokens: Token[]): string {
  let s = '';
  for (let i = tokens.length - 1; i >= 0 && tokens[i].op === 'char'; i--) s = String.fromCharCode(tokens[i].code ?? 0) + s;
  return s;
}

/** The longest run of plain characters: every match contains it. */
function longestLiteral(tokens: Token[]): string {
  let best = '';
  let run = '';
  for (const t of tokens) {
    if (t.op === 'char') run += String.fromCharCode(t.code ?? 0);
    else run = '';
    if (run.length > best.length) best = run;
  }
  return best;
}

function literalPrefix(tokens: Token[]): string {
  let s = '';
  for (let i = 0; i < tokens.length && tokens[i].op === 'char'; i++) s += String.fromCharCode(tokens[i].code ?? 0);
  return s;
}

const NEVER: Glob = { test: () => false };

/** Character classes: every character that is not `/` and not a literal of the pattern behaves alike. */
const OTHER = 0;
const SLASH_CLASS = 1;

/** A set of automaton states, memoised with its transitions: a lazily built DFA over the NFA. */
interface DState {
  states: Int32Array;
  accept: boolean;
  next: Map<number, DState>;
}

/** Distinct state sets kept per pattern, and their total size; past either the memo starts over (each new set costs one pass over the NFA). */
const MAX_DFA_STATES = 4096;
const MAX_DFA_MEMBERS = 256 * 1024;

export function compileGlob(pattern: string): Glob {
  if (pattern.length > MAX_PATTERN_LENGTH) return NEVER;
  const tokens = tokenize(pattern);
  if (tokens.every((t) => t.op === 'char')) {
    const literal = literalPrefix(tokens);
    return { test: (path) => path === literal };
  }
  const prefix = literalPrefix(tokens);
  const suffix = literalSuffix(tokens);
  const inner = longestLiteral(tokens);
  const nfa = build(tokens);
  const n = nfa.length;
  const match = n - 1;
  const classes = new Map<number, number>([[SLASH, SLASH_CLASS]]);
  for (const st of nfa) if (st.op === Op.Char && !classes.has(st.code)) classes.set(st.code, classes.size + 1);
  const classOfState = Int32Array.from(nfa, (st) => (st.op === Op.Char ? classes.get(st.code) ?? OTHER : -1));
  const seen = new Int32Array(n);
  const stack = new Int32Array(n * 2 + 2);
  let stamp = 0;

  /** Marks `s` and every state reachable from it without consuming a character. */
  const close = (s: number): void => {
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const x = stack[--top];
      if (seen[x] === stamp) continue;
      seen[x] = stamp;
      const st = nfa[x];
      if (st.op === Op.Star || st.op === Op.Any || st.op === Op.Dirs) stack[top++] = st.next;
      else if (st.op === Op.Split) {
        for (const a of st.alts) stack[top++] = a;
        // The split's own `next` is set only when an alternative is empty.
        if (st.next >= 0) stack[top++] = st.next;
      }
    }
  };

  // Memoised sets by hash, each bucket compared element by element.
  let memo = new Map<number, DState[]>();
  let memoSize = 0;
  let memoMembers = 0;
  /** The marked states (this stamp), in order, as a memoised DFA state. */
  const collect = (): DState => {
    let count = 0;
    let hash = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      if (seen[i] !== stamp) continue;
      count++;
      hash = Math.imul(hash ^ i, 0x01000193);
    }
    const bucket = memo.get(hash);
    for (const d of bucket ?? []) {
      if (d.states.length !== count) continue;
      let same = true;
      for (const x of d.states) if (seen[x] !== stamp) { same = false; break; }
      if (same) return d;
    }
    const states = new Int32Array(count);
    for (let i = 0, k = 0; i < n; i++) if (seen[i] === stamp) states[k++] = i;
    const d: DState = { states, accept: seen[match] === stamp, next: new Map() };
    if (memoSize >= MAX_DFA_STATES || memoMembers + count > MAX_DFA_MEMBERS) {
      // Forgetting the memo also drops the transitions into it; the sets still in use keep working.
      memo = new Map();
      memoSize = 0;
      memoMembers = 0;
    }
    const into = memo.get(hash);
    if (into) into.push(d);
    else memo.set(hash, [d]);
    memoSize++;
    memoMembers += count;
    return d;
  };

  const step = (from: DState, cls: number): DState => {
    stamp++;
    for (const x of from.states) {
      const st = nfa[x];
      let to = -1;
      switch (st.op) {
        case Op.Char: if (cls === classOfState[x]) to = st.next; break;
        case Op.One: if (cls !== SLASH_CLASS) to = st.next; break;
        case Op.Star: if (cls !== SLASH_CLASS) to = x; break;
        case Op.Any: to = x; break;
        case Op.Dirs: to = cls === SLASH_CLASS ? x : x + 1; break;
        case Op.DirName: to = cls === SLASH_CLASS ? st.next : x; break;
        default: break;
      }
      if (to >= 0) close(to);
    }
    return collect();
  };

  stamp++;
  close(0);
  const start = collect();

  return {
    test(path: string): boolean {
      // Cheap necessary conditions first: most paths fail most ignore rules here.
      if (path.length < prefix.length + suffix.length || !path.startsWith(prefix) || !path.endsWith(suffix)) return false;
      if (inner.length > suffix.length && inner.length > prefix.length && !path.includes(inner)) return false;
      let d = start;
      for (let i = 0; i < path.length; i++) {
        const cls = classes.get(path.charCodeAt(i)) ?? OTHER;
        let to = d.next.get(cls);
        if (!to) {
          to = step(d, cls);
          d.next.set(cls, to);
        }
        if (to.states.length === 0) return false;
        d = to;
      }
      return d.accept;
    },
  };
}

/** The former name; it returns a matcher with `test`, as the regular expression did. */
export const globToRegExp = compileGlob;

export function hasGlobChars(s: string): boolean {
  return /[*?{]/.test(s);
}

/** Nested .gitignore files re-add their parents' rules, so the same patterns are compiled again and again. */
const compiled = new Map<string, Glob>();
const MAX_CACHED_GLOBS = 20_000;

function cachedGlob(pattern: string): Glob {
  let g = compiled.get(pattern);
  if (!g) {
    if (compiled.size >= MAX_CACHED_GLOBS) compiled.clear();
    g = compileGlob(pattern);
    compiled.set(pattern, g);
  }
  return g;
}

interface IgnoreRule {
  glob: Glob;
  negate: boolean;
  dirOnly: boolean;
}

/** A .gitignore file's rules, relative to the folder that holds it. Last match wins, as in git. */
export class IgnoreList {
  private readonly rules: IgnoreRule[] = [];
  private chars = 0;
  /** Rules left out: past `MAX_IGNORE_RULES` or `MAX_IGNORE_CHARS`, or longer than `MAX_PATTERN_LENGTH`. */
  dropped = 0;

  add(text: string): this {
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      if (this.rules.length >= MAX_IGNORE_RULES || line.length > MAX_PATTERN_LENGTH || this.chars + line.length > MAX_IGNORE_CHARS) { this.dropped++; continue; }
      this.chars += line.length;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith('/');
      if (dirOnly) line = line.slice(0, -1);
      const anchored = line.includes('/');
      if (line.startsWith('/')) line = line.slice(1);
      this.rules.push({ glob: cachedGlob(anchored ? line : `**/${line}`), negate, dirOnly });
    }
    return this;
  }

  ignores(relPath: string, isDir: boolean): boolean {
    // Last match wins: scanning from the end, the first rule that matches decides.
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i];
      if (r.dirOnly && !isDir) continue;
      if (r.glob.test(relPath)) return !r.negate;
    }
    return false;
  }
}
