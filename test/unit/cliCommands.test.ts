import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main';
import { diffReportSchema } from '../../src/core/diff';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { FIXTURE_PATH, git, headVersion, makeFixtureRepo } from '../helpers/gitFixture';

const root = resolve(__dirname, '..', '..');
const TODAY = ['--today', '2026-06-01'];

function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = run(args, cwd, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('threatlens subcommands', function () {
  this.timeout(60_000);
  let repo: string;
  before(() => { repo = makeFixtureRepo(); });

  describe('diff', () => {
    it('compares two commits and fails only on new findings', () => {
      const r = cli(['diff', 'main', 'feature', ...TODAY], repo);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /^Threatlens main → feature: \d+ new findings, 1 resolved, \d+ status changes/);
      assert.match(r.out, new RegExp(`\\n${FIXTURE_PATH.replace('.', '\\.')}:\\d+:\\d+ new high TL\\d+ LLM\\d\\d:\\d{4} Excessive Agency`));
      assert.match(r.out, /changed accepted -> open \(acceptance expired 2025-12-31\)/);
      assert.match(r.out, /component added: refunds \(agent\)/);
      assert.match(r.out, /flow removed \(base line\): customer -> uploads/);
      assert.equal(cli(['diff', 'main', 'feature', '--fail-on', 'none', ...TODAY], repo).code, 0);
      // The reverse direction removes the agent: what is new there is the upload path's poisoning
      // threat (high, one hop from the customer), nothing critical.
      const back = cli(['diff', 'feature', 'main', '--fail-on', 'critical', '--today', '2025-01-01'], repo);
      assert.equal(back.code, 0, back.out);
      assert.match(back.out, /: 1 new finding,/);
      assert.equal(cli(['diff', 'feature', 'main', '--fail-on', 'high', '--today', '2025-01-01'], repo).code, 1);
      assert.equal(cli(['diff', 'main', 'main', '--fail-on', 'low', ...TODAY], repo).out, 'Threatlens main → main: no threat changes.\n');
    });

    it('defaults the head to the working tree, and takes paths', () => {
      git(repo, ['checkout', '-q', 'main']);
      try {
        const file = join(repo, FIXTURE_PATH);
        const original = readFileSync(file, 'utf8');
        writeFileSync(file, headVersion(original));
        const r = cli(['diff', 'main', ...TODAY], repo);
        assert.equal(r.code, 1);
        assert.match(r.out, /^Threatlens main → working tree: /);
        assert.equal(cli(['diff', 'main', 'docs', ...TODAY], repo).out, r.out.replace(/^/, ''));
        assert.equal(cli(['diff', 'main', '--', FIXTURE_PATH, ...TODAY], repo).code, 2, '-- ends the options: --today is a path then');
        assert.equal(cli(['diff', 'main', ...TODAY, '--', FIXTURE_PATH], repo).out, r.out);
        assert.match(cli(['diff', 'main', 'README.md', ...TODAY], repo).out, /no threat changes/);
        writeFileSync(file, original);
      } finally {
        git(repo, ['checkout', '-q', '-f', 'feature']);
      }
    });

    it('works from a subfolder of the repository', () => {
      const r = cli(['diff', 'main', 'feature', ...TODAY], join(repo, 'docs'));
      assert.match(r.out, /\nrag-support-bot\.mmd:\d+:\d+ new high /);
    });

    it('writes JSON, Markdown and the PR comment (closing-note examples in .test-output/)', () => {
      const json = cli(['diff', 'main', 'feature', '--format', 'json', ...TODAY], repo);
      const parsed = diffReportSchema.safeParse(JSON.parse(json.out));
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
      assert.equal(parsed.data.base.label, 'main');
      assert.ok(parsed.data.newFindings.every((f) => f.path === FIXTURE_PATH));
      const link = ['--link-base', 'https://github.com/acme/support-bot/blob/4f2c9e1/'];
      const md = cli(['diff', 'main', 'feature', '--format', 'markdown', ...link, ...TODAY], repo);
      assert.match(md.out, /^# Threatlens: threat model changes, `main` → `feature`/);
      assert.match(md.out, /\(https:\/\/github\.com\/acme\/support-bot\/blob\/4f2c9e1\/docs\/rag-support-bot\.mmd#L\d+\)/);
      const pr = cli(['diff', 'main', 'feature', '--format', 'pr-comment', ...link, ...TODAY], repo);
      assert.match(pr.out, /^<!-- threatlens:pr-comment -->\n### Threatlens: /);
      assert.match(pr.out, /<details>\n<summary>Full list of changes \(\d+\)<\/summary>/);
      const out = join(root, '.test-output');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'diff-example.md'), md.out);
      writeFileSync(join(out, 'pr-comment-example.md'), pr.out);
    });

    it('refuses bad revisions and option-like refs without running anything', () => {
      const bad = cli(['diff', 'no-such-branch'], repo);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /unknown git revision "no-such-branch"/);
      const sneaky = cli(['diff', '--', '--output=/tmp/x'], repo);
      assert.equal(sneaky.code, 2);
      assert.equal(cli(['diff'], repo).code, 2);
      const notRepo = cli(['diff', 'main'], resolve(repo, '..'));
      assert.equal(notRepo.code, 2);
    });
  });

  describe('baseline and check --baseline', () => {
    it('writes a baseline; check --baseline then reports and fails on new findings only', () => {
      git(repo, ['checkout', '-q', 'main']);
      try {
        const w = cli(['baseline', '--output', 'threatlens-baseline.json', ...TODAY], repo);
        assert.equal(w.code, 0, w.err);
        assert.match(w.err, /wrote \d+ finding\(s\) from \d+ file\(s\) to threatlens-baseline\.json/);
        const data = JSON.parse(readFileSync(join(repo, 'threatlens-baseline.json'), 'utf8')) as { findings: { fingerprint: string; ruleId: string; componentId: string; path: string; owasp: string[] }[] };
        assert.ok(data.findings.length > 5);
        for (const f of data.findings) assert.deepEqual(Object.keys(f).slice(0, 5), ['fingerprint', 'ruleId', 'componentId', 'path', 'owasp']);
        const quiet = cli(['check', '--baseline', 'threatlens-baseline.json', '--fail-on', 'low', ...TODAY], repo);
        assert.equal(quiet.code, 0, quiet.out);
        assert.match(quiet.out, /\d+ file\(s\): 0 open finding\(s\), 0 decided\.( 1 component not recognised: coverage incomplete\.)?\n\d+ finding\(s\) recorded in the baseline are not shown\.\n$/);
        const noBaseline = cli(['check', '--fail-on', 'low', ...TODAY], repo);
        assert.equal(noBaseline.code, 1, 'without a baseline the same open findings fail');

        writeFileSync(join(repo, FIXTURE_PATH), headVersion(readFileSync(join(repo, FIXTURE_PATH), 'utf8')));
        const loud = cli(['check', '--baseline', 'threatlens-baseline.json', ...TODAY], repo);
        assert.equal(loud.code, 1);
        assert.ok(loud.out.split('\n').filter((l) => / (low|medium|high|critical|planned|mitigated|accepted) TL\d+ /.test(l)).every((l) => /"(refunds|stripe|tickets|llm)"/.test(l)), loud.out);
        assert.match(loud.out, / TL036 .*Misinformation/, 'the expired acceptance is open again');
        const json = JSON.parse(cli(['check', '--baseline', 'threatlens-baseline.json', '--format', 'json', ...TODAY], repo).out) as { summary: Record<string, number> };
        assert.ok(json.summary.baselined > 0);
        const pr = cli(['check', '--baseline', 'threatlens-baseline.json', '--format', 'pr-comment', ...TODAY], repo);
        assert.match(pr.out, /Threat model `threatlens-baseline\.json` → `working tree`/);
        const broken = join(repo, 'broken.json');
        writeFileSync(broken, '{"threatlensBaseline":"2","findings":[]}');
        const bad = cli(['check', '--baseline', 'broken.json'], repo);
        assert.equal(bad.code, 2);
        assert.match(bad.err, /broken\.json: threatlensBaseline: /);
      } finally {
        git(repo, ['checkout', '-q', '-f', 'feature']);
      }
    });
  });

  describe('attack-tree and brief', () => {
    it('writes a Mermaid attack tree that our parser reads', () => {
      const r = cli(['attack-tree', FIXTURE_PATH, '--component', 'refunds', ...TODAY], repo);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^%% Threatlens attack tree for "refunds"/);
      assert.deepEqual(parseMermaid(r.out).problems.filter((p) => p.severity === 'error'), []);
      const md = cli(['attack-tree', FIXTURE_PATH, '--threat', 'LLM01:2025', '--format', 'markdown', ...TODAY], repo);
      assert.match(md.out, /^# Attack tree for .*\n\n```mermaid\n%% Threatlens attack tree[^]*\n```\n\n- \*\*Goal\*\*/);
      const chain = cli(['attack-tree', 'examples/rag-support-bot.mmd', '--component', 'web', '--chain', ...TODAY], root);
      assert.equal(chain.code, 0, chain.err);
      assert.match(chain.out, /^%% Threatlens attack chain for "web"/);
      assert.match(chain.out, /Entry: Customer → \(upload attachment\) Customer file uploads/);
      assert.deepEqual(parseMermaid(chain.out).problems.filter((p) => p.severity === 'error'), []);
      const unknown = cli(['attack-tree', FIXTURE_PATH, '--component', 'refund'], repo);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /no component "refund" .*did you mean refunds/);
      assert.equal(cli(['attack-tree'], repo).code, 2);
      assert.equal(cli(['attack-tree', 'README.md', 'x.mmd'], repo).code, 2);
    });

    it('writes the executive briefing for each file', () => {
      const r = cli(['brief', 'examples/rag-support-bot.mmd', 'examples/sql-code-agent.mmd', ...TODAY], root);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.match(/^# Executive risk briefing: /gm)?.length, 2);
      assert.match(r.out, /\n---\n/);
      assert.match(r.out, /2026\\?-06\\?-01/);
      // No workshop ran in the CLI: the briefing counts the decisions written in the file, not steps.
      assert.equal(r.out.match(/^Decisions: \d+ of \d+ threats decided in the file\.$/gm)?.length, 2, r.out);
      assert.doesNotMatch(r.out, /steps done/);
    });
  });

  it('lists every command in the usage text', () => {
    const help = cli(['--help'], root);
    assert.equal(help.code, 0);
    for (const c of ['check', 'diff <base-ref> [<head-ref>] [paths...]', 'baseline', 'attack-tree <file>', 'brief', '--baseline FILE', '--link-base URL', 'pr-comment']) assert.ok(help.out.includes(c), c);
    assert.equal(cli(['diff', '--help'], root).code, 0);
  });
});
