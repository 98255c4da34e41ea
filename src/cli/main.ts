/**
 * The `threatlens` command: the same engine as the extension, for CI. Each command lives in its
 * own file under commands/; this one dispatches and turns failures into exit codes. Reads files
 * (and, for `diff`, git objects) only: nothing in the scanned folder is executed.
 */
import { USAGE, UsageError } from './args';
import { parseAttackTree, runAttackTree } from './commands/attackTree';
import { parseBaselineArgs, runBaseline } from './commands/baseline';
import { parseBrief, runBrief } from './commands/brief';
import { parseCheck, runCheck } from './commands/check';
import { parseConvert, runConvert } from './commands/convert';
import { parseDiff, runDiff } from './commands/diff';
import { parseMcp, runMcp } from './commands/mcp';
import { parseModelCard, runModelCard } from './commands/modelCard';
import { parseVerify, runVerify } from './commands/verify';
import { parseWorkshop, runWorkshop } from './commands/workshop';
import { CliExit, type Io } from './context';
import { printable } from '../core/report/escape';
import { VERSION } from '../core/version';

interface Command<A> {
  parse: (rest: readonly string[]) => A;
  run: (args: A, cwd: string, io: Io) => number;
}

const command = <A>(c: Command<A>): Command<unknown> => c as Command<unknown>;

const COMMANDS: Readonly<Record<string, Command<unknown>>> = {
  check: command({ parse: parseCheck, run: runCheck }),
  diff: command({ parse: parseDiff, run: runDiff }),
  baseline: command({ parse: parseBaselineArgs, run: runBaseline }),
  'attack-tree': command({ parse: parseAttackTree, run: runAttackTree }),
  brief: command({ parse: parseBrief, run: runBrief }),
  convert: command({ parse: parseConvert, run: runConvert }),
  mcp: command({ parse: parseMcp, run: runMcp }),
  verify: command({ parse: parseVerify, run: runVerify }),
  workshop: command({ parse: parseWorkshop, run: runWorkshop }),
  'model-card': command({ parse: parseModelCard, run: runModelCard }),
};

/**
 * What commands write to stderr is one message per call, and messages quote paths and rule files
 * from the scanned repository: each goes out as one printable line, so a file name cannot start a
 * line of its own in a CI log (where `::error …` would be run as a workflow command).
 */
function messageLine(s: string): string {
  const line = printable(s.replace(/\n$/, ''));
  return `${/^\s*::/.test(line) ? `threatlens: ${line}` : line}\n`;
}

export function run(argv: string[], cwd: string, rawIo: Io): number {
  const [name, ...rest] = argv;
  const io: Io = { out: rawIo.out, err: (s) => rawIo.err(messageLine(s)) };
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') { rawIo.out(`${USAGE}\n`); return 0; }
  if (name === '-v' || name === '--version') { rawIo.out(`${VERSION}\n`); return 0; }
  if (rest.includes('-h') || rest.includes('--help')) { rawIo.out(`${USAGE}\n`); return 0; }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!cmd) throw new UsageError(`unknown command "${name}"`);
    return cmd.run(cmd.parse(rest), cwd, io);
  } catch (e) {
    if (e instanceof UsageError) {
      rawIo.err(`threatlens: ${printable(e.message)}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof CliExit) {
      io.err(`threatlens: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}

if (require.main === module) {
  try {
    process.exitCode = run(process.argv.slice(2), process.cwd(), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
  } catch (e) {
    process.stderr.write(`threatlens: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  }
}
