/** Command-line parsing for `threatlens`; usage errors exit with code 2. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_LEVELS = ['low', 'medium', 'high', 'critical', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailLevel;
  rules: string[];
  today?: string;
  maxFileSize?: number;
}

export type ParsedArgs = CheckArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: threatlens check [paths or globs...] [options]

Finds AI components in Mermaid (.mmd, .mermaid, Markdown fences) and Threatlens YAML models
and reports OWASP LLM Top 10, MITRE ATLAS and STRIDE-for-AI threats on their lines.

Options:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of stdout
  --fail-on low|medium|high|critical|none
                                      exit 1 when an open finding reaches this severity (default: high)
  --rules DIR                         extra rule folder (repeatable; default: .threatlens/rules if present)
  --today YYYY-MM-DD                  date used for acceptance expiry (default: today)
  --max-file-size N                   skip files larger than N characters (default: 2097152)
  -h, --help                          show this help
  -v, --version                       show the version

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage error or unreadable input.`;

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
  const out: CheckArgs = { command: 'check', paths: [], format: 'text', failOn: 'high', rules: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': out.format = oneOf(value(), FORMATS, flag); break;
      case '-o': case '--output': out.output = value(); break;
      case '--fail-on': out.failOn = oneOf(value(), FAIL_LEVELS, flag); break;
      case '--rules': out.rules.push(value()); break;
      case '--today': {
        const v = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError('--today expects YYYY-MM-DD');
        out.today = v;
        break;
      }
      case '--max-file-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size expects a positive integer');
        out.maxFileSize = n;
        break;
      }
      case '-h': case '--help': return { command: 'help' };
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        out.paths.push(a);
    }
  }
  return out;
}

function oneOf<T extends string>(v: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${v}")`);
}
