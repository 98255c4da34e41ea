import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../src/cli/main';
import { git, makeFixtureRepo } from '../helpers/gitFixture';

const root = resolve(__dirname, '..', '..');
const WORKFLOW = readFileSync(resolve(root, 'docs', 'threatlens-pr.yml'), 'utf8');

interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: Step[] }>;
}

/** What GitHub would put in for the expressions the workflow uses. */
const CONTEXT: Record<string, string> = {
  'github.base_ref': 'main',
  'github.server_url': 'https://github.com',
  'github.repository': 'acme/support-bot',
  'github.event.pull_request.head.sha': '4f2c9e1d0b7a',
  'github.event.pull_request.number': '42',
  'github.token': 'dummy',
  'github.ref': 'refs/pull/42/merge',
};

function expand(s: string): string {
  return s.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, k: string) => {
    assert.ok(k in CONTEXT, `unexpected expression ${k}`);
    return CONTEXT[k];
  });
}

/** Splits a shell command line the way bash would for these simple lines: words, "double quotes", $VARS. */
function words(line: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const raw = m[2] ?? m[1] ?? m[3];
    out.push(m[2] !== undefined ? raw : raw.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a?: string, b?: string) => env[(a ?? b) as string] ?? ''));
  }
  return out;
}

describe('GitHub Actions workflow (docs/threatlens-pr.yml)', function () {
  this.timeout(60_000);
  const wf = parse(WORKFLOW) as Workflow;
  const job = Object.values(wf.jobs)[0];

  it('is a valid workflow: triggers, least-privilege permissions, jobs and steps', () => {
    assert.equal(typeof wf.name, 'string');
    assert.ok('pull_request' in wf.on);
    assert.deepEqual(wf.permissions, { contents: 'read' });
    assert.equal(Object.keys(wf.jobs).length, 1);
    assert.equal(job['runs-on'], 'ubuntu-latest');
    assert.equal(job.permissions['security-events'], 'write');
    assert.equal(job.permissions['pull-requests'], 'write');
    assert.equal(job.permissions.contents, 'read');
    for (const s of job.steps) {
      assert.ok((s.uses === undefined) !== (s.run === undefined), `a step has either uses or run: ${JSON.stringify(s)}`);
      if (s.uses) assert.match(s.uses, /^[\w-]+\/[\w./-]+@v\d+$/);
      for (const k of Object.keys(s)) assert.ok(['name', 'uses', 'run', 'if', 'with', 'env', 'id'].includes(k), `unknown step key ${k}`);
      // Expressions never go straight into a shell script (script injection): they pass through env.
      if (s.run) assert.ok(!s.run.includes('${{'), s.run);
    }
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload);
    const sarifStep = job.steps.find((s) => s.run?.includes('--format sarif'));
    assert.ok(sarifStep?.run?.includes(`--output ${String(upload.with?.sarif_file)}`), 'the SARIF file uploaded is the one written');
    const comment = job.steps.find((s) => s.run?.startsWith('gh pr comment'));
    const diff = job.steps.find((s) => s.run?.includes('--format pr-comment'));
    assert.ok(comment && diff);
    assert.ok(comment.run?.includes('--body-file threatlens-comment.md') && diff.run?.includes('--output threatlens-comment.md'));
  });

  it('runs every threatlens command line it documents against a real repository', () => {
    const repo = makeFixtureRepo();
    // On a pull_request run, origin/<base> is the base branch tip.
    git(repo, ['update-ref', 'refs/remotes/origin/main', 'main']);
    const lines = job.steps.flatMap((s) => (s.run ?? '').split('\n').map((l) => ({ l: l.trim(), env: Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, expand(v)])) })))
      .filter((x) => x.l.startsWith('threatlens '));
    assert.ok(lines.length >= 3);
    for (const { l, env } of lines) {
      const argv = words(l, env).slice(1);
      let err = '';
      const code = run([...argv, '--today', '2026-06-01'], repo, { out: () => undefined, err: (s) => { err += s; } });
      const gate = argv.includes('--fail-on') && argv[argv.indexOf('--fail-on') + 1] !== 'none';
      assert.ok(gate ? code === 0 || code === 1 : code === 0, `${l}\nexit ${code}: ${err}`);
      if (gate) assert.equal(code, 1, 'the fixture pull request adds a high risk: the gate fails');
    }
    assert.ok(existsSync(join(repo, 'threatlens.sarif')));
    const comment = readFileSync(join(repo, 'threatlens-comment.md'), 'utf8');
    assert.match(comment, /^<!-- threatlens:pr-comment -->/);
    assert.match(comment, /\(https:\/\/github\.com\/acme\/support-bot\/blob\/4f2c9e1d0b7a\/docs\/rag-support-bot\.mmd#L\d+\)/);
  });

  it('is the same workflow as in docs/github-actions.md', () => {
    const md = readFileSync(resolve(root, 'docs', 'github-actions.md'), 'utf8');
    // The page also shows the composite action's usage; the workflow is the fence that opens like the file.
    const fences = [...md.matchAll(/```yaml\n([\s\S]*?)```\n/g)].map((m) => m[1]);
    const fence = fences.find((f) => f.split('\n')[0] === WORKFLOW.split('\n')[0]);
    assert.ok(fence, 'docs/github-actions.md shows the workflow');
    assert.equal(fence, WORKFLOW);
  });
});
