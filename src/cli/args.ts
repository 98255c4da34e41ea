/**
 * Command-line parsing for `threatlens`: shared option readers, one small parser per command (in
 * the command's file) and the usage text. Usage errors exit with code 2.
 */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'markdown', 'pr-comment', 'compliance', 'compliance-json'] as const;
export const DIFF_FORMATS = ['text', 'json', 'markdown', 'pr-comment'] as const;
export const FAIL_LEVELS = ['low', 'medium', 'high', 'critical', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

export class UsageError extends Error {}

export const USAGE = `Usage: threatlens <command> [arguments] [options]

Finds AI components in Mermaid (.mmd, .mermaid, Markdown fences) and Threatlens YAML models
and reports OWASP LLM Top 10, MITRE ATLAS and STRIDE-for-AI threats on their lines.

Commands:
  check [paths or globs...]           report the threats (default: the current folder)
  diff <base-ref> [<head-ref>] [paths...]
                                      compare the threat model at two git revisions (head
                                      defaults to the working tree): new, resolved and
                                      re-decided findings, added or removed components and flows
  baseline [paths...]                 write a baseline of the current findings (JSON)
  attack-tree <file>                  a Mermaid attack tree for a component's top threats
  brief [paths...]                    the executive risk briefing, one per file (Markdown, or
                                      one printable HTML page with --format html)
  verify [paths...]                   the verification plan: how to test the controls of the
                                      open and mitigated findings (red-team probes or checks)
  workshop [paths...]                 the facilitator's pack for a STRIDE-for-AI session: agenda
                                      with timeboxes, roles, question cards, decision log
                                      (Markdown, or one printable HTML page with --format html)
  model-card <file>                   the "Risks, limitations and security" section of a
                                      Hugging Face model card for each model component: its
                                      threats, decisions, residual risk and out-of-scope uses
  convert <file>                      a YAML model (Threatlens or Threagile) as a Mermaid
                                      flowchart, or a Mermaid diagram as a Threatlens YAML model,
                                      keeping declared kinds, properties and decisions
                                      (--direction LR|TB|TD|BT|RL for the flowchart)
  mcp [--root DIR]                    a Model Context Protocol server on stdin/stdout for AI
                                      agents: check, explain, list_fixes, record_decision and
                                      the catalog; reads and writes inside DIR only (default:
                                      the current folder)

Options for check and diff:
  --format FORMAT                     check: text|json|sarif|markdown|pr-comment|compliance|
                                      compliance-json (default: text); compliance groups the
                                      findings and decisions by EU AI Act, GDPR and NIST AI
                                      RMF obligation
                                      diff:  text|json|markdown|pr-comment (default: text)
  --fail-on low|medium|high|critical|none
                                      exit 1 when an open finding reaches this severity
                                      (default: high); with --baseline or in diff, only new
                                      findings and findings open again count
  --baseline FILE                     leave out the findings recorded in FILE (see baseline)
  --link-base URL                     markdown/pr-comment: link lines to URL + path + #L<line>,
                                      e.g. https://github.com/o/r/blob/<sha>/
Options for brief (the go / no-go policy):
  --format markdown|html              Markdown, or a printable HTML page with a picture of each
                                      diagram in its risk colours (default: markdown)
  --block-on low|medium|high|critical|none
                                      an open finding at or above this severity means no-go
                                      (default: high)
  --allow expired,incomplete,unrecognised
                                      do not block on expired acceptances, placeholder
                                      decisions or unrecognised components (default: block)
Options for attack-tree:
  --component ID                      the component (default: the one with the riskiest finding)
  --threat ID                         only this threat: LLM01:2025, ASI02:2026, AML.T0051, TL001
  --chain                             the attacks that reach the component across components,
                                      from an untrusted source along the flows
  --format mermaid|markdown           bare Mermaid, or Markdown: a heading, the \`\`\`mermaid fence
                                      and a legend (default: mermaid)
Options for verify:
  --format markdown|garak             the plan, or a garak run configuration (YAML for
                                      garak --config) with exactly the plan's probes
                                      (default: markdown; exit 1 when no probe applies)
Options for workshop:
  --format markdown|html              Markdown, or a printable HTML page (default: markdown)
  --minutes N                         length of one session (30-480); the agenda is split into
                                      as many sessions as the components need (default: one)
Options for model-card:
  --component ID                      only this model component (default: every one)
  --card FILE                         an existing model card: print it with the section
                                      inserted or replaced, front matter untouched (use
                                      --output FILE to write it back); default: a new card
Options for every command:
  --output FILE                       write to FILE instead of stdout
  --rules DIR                         extra rule folder (repeatable; default: .threatlens/rules if present)
  --today YYYY-MM-DD                  date used for acceptance expiry (default: today)
  --max-file-size N                   skip files larger than N characters (default: 2097152)
  --editions 2026,2025                OWASP LLM editions shown, the first as the headline id
                                      (default: 2026,2025; each finding lists both)
  --default-edition 2025|2026         what an id without edition (LLM03) in an annotation
                                      means (default: 2025)
  --catalogs llm,agentic              OWASP lists that are on (default: both)
  -h, --help                          show this help
  -v, --version                       show the version

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage error or unreadable input.
Files are only read: nothing in the scanned folder or repository is ever executed.`;

/** Options every command accepts. */
export interface CommonArgs {
  output?: string;
  rules: string[];
  today?: string;
  maxFileSize?: number;
  /** `--editions 2026,2025`: OWASP LLM editions shown, headline first. */
  editions?: number[];
  /** `--default-edition 2025`: what an unqualified `LLM03` in an annotation means. */
  defaultEdition?: number;
  /** `--catalogs llm,agentic`: OWASP lists that are on. */
  catalogs?: ('llm' | 'agentic')[];
}

const EDITIONS = ['2026', '2025'] as const;
const CATALOGS = ['llm', 'agentic'] as const;

/** A comma-separated list of allowed values, in the order given, without repeats. */
export function listOf<T extends string>(v: string, allowed: readonly T[], flag: string): T[] {
  const out: T[] = [];
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const item = oneOf(part, allowed, flag);
    if (!out.includes(item)) out.push(item);
  }
  if (!out.length) throw new UsageError(`${flag} needs at least one of ${allowed.join(', ')}`);
  return out;
}

export function commonDefaults(): CommonArgs {
  return { rules: [] };
}

/**
 * Walks `rest`, giving each flag to `onFlag` (with a `value()` that consumes its argument, from
 * `--flag=value` or the next word) and each other word to `onWord`. `onFlag` returns false for a
 * flag it does not know; the common options are handled here.
 */
export function readArgs(rest: readonly string[], common: CommonArgs, onFlag: (flag: string, value: () => string) => boolean, onWord: (word: string) => void): void {
  let words = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (words) { onWord(a); continue; }
    if (a === '--') { words = true; continue; }
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (onFlag(flag, value)) continue;
    switch (flag) {
      case '-o': case '--output': common.output = value(); break;
      case '--rules': common.rules.push(value()); break;
      case '--today': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError('--today expects YYYY-MM-DD');
        common.today = v;
        break;
      }
      case '--editions': common.editions = listOf(value(), EDITIONS, flag).map(Number); break;
      case '--default-edition': common.defaultEdition = Number(oneOf(value(), EDITIONS, flag)); break;
      case '--catalogs': common.catalogs = listOf(value(), CATALOGS, flag); break;
      case '--max-file-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size expects a positive integer');
        common.maxFileSize = n;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        onWord(a);
    }
  }
}

export function oneOf<T extends string>(v: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${v}")`);
}
