// The GitHub Action's check step (action.yml): SARIF of the whole model for code scanning, and
// the pull-request comment body, from `diff` against the base revision on pull requests (so only
// new risks gate the merge) or from `check` elsewhere. It never fails by itself: the exit code is
// an output, so that the SARIF upload and the comment still run, and the last step gives the
// verdict. The CLI is started without a shell; the repository's files are only read.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMENT_MARKER } from './commentMarker.mjs';

const env = process.env;
const cli = env.TL_CLI ?? join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const paths = (env.TL_PATHS ?? '.').split(/\s+/).filter(Boolean);
const failOn = env.TL_FAIL_ON || 'high';
const base = (env.TL_BASE ?? '').trim();
const outDir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'threatlens-'));
const linkBase = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
  ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/` : undefined;

function threatlens(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.stderr) process.stderr.write(r.stderr);
  return { status: r.status ?? 2, stdout: r.stdout ?? '' };
}

function output(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

const sarifFile = join(outDir, 'threatlens.sarif');
const sarif = threatlens(['check', ...paths, '--format', 'sarif', '--fail-on', 'none', '--output', sarifFile]);
if (sarif.status === 0) output('sarif-file', sarifFile);

const links = linkBase ? ['--link-base', linkBase] : [];
const gate = base
  ? threatlens(['diff', base, 'HEAD', ...paths, '--format', 'pr-comment', '--fail-on', failOn, ...links])
  : threatlens(['check', ...paths, '--format', 'pr-comment', '--fail-on', failOn, ...links]);
const commentFile = join(outDir, 'comment.md');
if (gate.status !== 2) {
  writeFileSync(commentFile, `${COMMENT_MARKER}\n${gate.stdout}`);
  output('comment-file', commentFile);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, gate.stdout);
}
const exitCode = sarif.status === 2 ? 2 : gate.status;
output('exit-code', String(exitCode));
console.log(exitCode === 0 ? 'Threatlens: no blocking finding.'
  : exitCode === 1 ? `Threatlens: a finding reached --fail-on ${failOn}.` : 'Threatlens could not run (see the messages above).');
