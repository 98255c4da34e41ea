/** Runs the `threatlens` command in-process, collecting what it writes. */
import { run } from '../../src/cli/main';

export function runCli(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, cwd, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
