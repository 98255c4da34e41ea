/**
 * The argument list of a C4 statement: `(alias, "Label", "Technology", $tags="v1")`. Arguments
 * are `"quoted"` (a string may span lines, with no escapes, as in Mermaid), `$key="value"`, bare
 * text up to the next comma, or empty (`,,`).
 */
import { CH, isBlank } from '../mermaid/chars';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';
import type { TextRange } from '../common/diagramBuilder';
import { textRange } from '../common/scan';
import { CODES } from './codes';

export interface C4Arg {
  /** The value as a reader sees it (decoded); undefined for an empty argument. */
  value?: TextRange;
  /** The value exactly as written (trimmed): what aliases and relationship ends are matched by. */
  raw?: TextRange;
  /** `$key="value"`: the key, without `$`. */
  key?: string;
  /** Range of the whole argument as written. */
  start: number;
  end: number;
}

export interface C4Args {
  args: C4Arg[];
  /** Index after the closing `)` (or where reading stopped). */
  end: number;
  ok: boolean;
}

/** Reads the `"…"` at `q`; returns the content range and the index after the closing quote. */
function readString(src: Source, q: number, problems: Problems): { start: number; end: number; next: number; ok: boolean } {
  const close = src.nextIndexOf(CH.QUOTE, q + 1);
  if (close === -1) {
    problems.error(CODES.unterminatedString, 'This string is never closed with `"`.', q, src.lineContentEnd(q));
    return { start: q + 1, end: src.lineContentEnd(q), next: src.lineEnd(q), ok: false };
  }
  return { start: q + 1, end: close, next: close + 1, ok: true };
}

/** Bare text runs to a comma, a `)` or the end of the line. */
function bareEnd(src: Source, i: number): number {
  let j = i;
  for (let c = src.code(j); c !== -1 && c !== CH.COMMA && c !== CH.RPAREN && c !== CH.NL; c = src.code(j)) j++;
  return j;
}

function setValue(src: Source, arg: C4Arg, start: number, end: number): void {
  const value = textRange(src, start, end);
  if (!value) return;
  arg.value = value;
  let s = start;
  let e = end;
  while (s < e && (isBlank(src.code(s)) || src.code(s) === CH.NL)) s++;
  while (e > s && (isBlank(src.code(e - 1)) || src.code(e - 1) === CH.NL)) e--;
  arg.raw = { text: src.text.slice(s, e), start: s, end: e };
}

function readArg(src: Source, i: number, problems: Problems): { arg: C4Arg; next: number; ok: boolean } {
  const c = src.code(i);
  if (c === CH.QUOTE) {
    const s = readString(src, i, problems);
    const arg: C4Arg = { start: i, end: s.next };
    setValue(src, arg, s.start, s.end);
    return { arg, next: s.next, ok: s.ok };
  }
  if (c === 36 /* $ */) {
    const eq = src.nextIndexOf(CH.EQ, i + 1);
    const lineEnd = src.lineEnd(i);
    if (eq !== -1 && eq < lineEnd) {
      const q = src.skipBlanks(eq + 1);
      const key = src.text.slice(i + 1, eq).trim();
      if (src.code(q) === CH.QUOTE) {
        const s = readString(src, q, problems);
        const arg: C4Arg = { key, start: i, end: s.next };
        setValue(src, arg, s.start, s.end);
        return { arg, next: s.next, ok: s.ok };
      }
    }
    problems.error(CODES.unexpectedText, 'A keyword argument is written `$key="value"`, e.g. `$tags="v1"`.', i, bareEnd(src, i));
  }
  const end = bareEnd(src, i);
  const arg: C4Arg = { start: i, end };
  setValue(src, arg, i, end);
  return { arg, next: end, ok: true };
}

/** Reads `( … )` starting at the `(` at `open`. */
export function readArgs(src: Source, open: number, problems: Problems): C4Args {
  const args: C4Arg[] = [];
  let i = open + 1;
  let ok = true;
  let expectArg = true;
  for (;;) {
    while (isBlank(src.code(i))) i++;
    const c = src.code(i);
    if (c === CH.RPAREN) {
      if (expectArg && args.length > 0) args.push({ start: i, end: i });
      return { args, end: i + 1, ok };
    }
    if (c === -1 || c === CH.NL) {
      problems.error(CODES.unclosedArguments, 'This argument list is never closed with `)`.', open, open + 1);
      return { args, end: i, ok: false };
    }
    if (c === CH.COMMA) {
      if (expectArg) args.push({ start: i, end: i });
      expectArg = true;
      i++;
      continue;
    }
    const r = readArg(src, i, problems);
    if (!expectArg) {
      // Marks the argument just read, not the rest of the line: `"a""b""c"…` would rescan it for each string.
      problems.error(CODES.unexpectedText, 'Arguments are separated by commas.', i, Math.max(i + 1, r.next));
      ok = false;
    }
    args.push(r.arg);
    ok &&= r.ok;
    expectArg = false;
    i = r.next > i ? r.next : i + 1;
  }
}

/** Positional arguments by name, with `$key="…"` arguments under their own key. */
export function namedArgs(args: readonly C4Arg[], names: readonly string[]): Map<string, C4Arg> {
  const out = new Map<string, C4Arg>();
  args.forEach((a, k) => {
    const name = a.key ?? names[k];
    if (name !== undefined && !out.has(name)) out.set(name, a);
  });
  return out;
}
