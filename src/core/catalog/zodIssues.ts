/** Turns zod issues into field-level messages with readable paths (`rules[3].likelihood: expected number`). */
import { matchSchema } from '../rules/schema';

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: IssueLike[][];
}

interface DescribedIssue {
  segments: PropertyKey[];
  path: string;
  detail: string;
  /** Point at the key rather than the value. */
  key: boolean;
}

/** Turns a zod issue into field-level messages; unions are resolved to the branch the input meant. */
export function describeIssue(issue: IssueLike, base: PropertyKey[], input?: unknown): DescribedIssue[] {
  const segments = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((k) => {
      const s = [...segments, k];
      return { segments: s, path: formatPath(s), detail: 'unknown field', key: true };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const at = valueAt(input, issue.path);
    let branch: IssueLike[] | undefined;
    if (isMatchPath(issue.path) && at && typeof at === 'object' && !Array.isArray(at)) {
      const options = matchSchema.options.length;
      if ('component' in at && options > 0) branch = issue.errors[0];
      else if ('path' in at && options > 1) branch = issue.errors[1];
      else {
        return [{ segments, path: formatPath(segments), detail: 'expected `component:` or `path:` (with an optional `anchor:`)', key: false }];
      }
    } else {
      branch = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    }
    if (branch?.length) return branch.flatMap((sub) => describeIssue(sub, segments, at));
  }
  return [{ segments, path: formatPath(segments), detail: cleanMessage(issue.message), key: false }];
}

function isMatchPath(path: PropertyKey[]): boolean {
  return path.length === 1 && path[0] === 'match';
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}
