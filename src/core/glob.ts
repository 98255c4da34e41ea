/**
 * Glob and .gitignore-style patterns compiled to linear regular expressions (no nested
 * quantifiers), shared by the CLI's file discovery and the extension's include/exclude settings.
 */
function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** `**` spans folders, `*` and `?` stay within one, `{a,b}` alternates. Paths use `/`. */
export function globToRegExp(pattern: string): RegExp {
  // Repeated `**/` segments mean the same as one; collapsing them keeps the expression linear.
  let glob = pattern;
  while (glob.includes('**/**/')) glob = glob.replace('**/**/', '**/');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:[^/]*/)*'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, close).split(',').map((p) => [...p].map(escapeRe).join('')).join('|')})`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

export function hasGlobChars(s: string): boolean {
  return /[*?{]/.test(s);
}

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** A .gitignore file's rules, relative to the folder that holds it. Last match wins, as in git. */
export class IgnoreList {
  private readonly rules: IgnoreRule[] = [];

  add(text: string): this {
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const negate = line.startsWith('!');
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith('/');
      if (dirOnly) line = line.slice(0, -1);
      const anchored = line.includes('/');
      if (line.startsWith('/')) line = line.slice(1);
      this.rules.push({ re: globToRegExp(anchored ? line : `**/${line}`), negate, dirOnly });
    }
    return this;
  }

  ignores(relPath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.re.test(relPath)) ignored = !r.negate;
    }
    return ignored;
  }
}
