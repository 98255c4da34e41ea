/**
 * A throw-away git repository with two real commits of the RAG example: the base as shipped, and
 * a pull request that lets the bot issue refunds through an agent with a payment tool, plans a
 * control on the knowledge base, implements one on the system prompt, removes the attachment
 * upload path and lets a risk acceptance expire. Used by the CLI diff tests and the closing-note
 * examples.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
export const FIXTURE_PATH = 'docs/rag-support-bot.mmd';

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Threatlens Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The head version of the example: every edit a reviewer should hear about. */
export function headVersion(base: string): string {
  return base
    .replace('    customer -->|upload attachment| uploads\n    uploads --> ingest\n', '')
    .replace('        tickets[(Ticket database)]\n    end\n    uploads[/Customer file uploads/]\n', '        tickets[(Ticket database)]\n        refunds[[Refund agent]]\n    end\n    stripe[Stripe refunds API tool]\n')
    .replace('    orchestrator -->|conversation log| tickets\n', '    orchestrator -->|conversation log| tickets\n    orchestrator -->|refund request| refunds\n    refunds -->|issue refund| stripe\n    refunds -->|read order| tickets\n')
    .replace('expires=2027-06-30', 'expires=2025-12-31')
    .concat('    %% @mitigates kb against LLM08:2025 with "only reviewed help-centre articles are indexed" (planned)\n',
      '    %% @mitigates llm against LLM07:2025 with "no secrets in the system prompt; it is treated as public" (implemented)\n');
}

/** Creates the repository; returns its folder (branch `main` = base, branch `feature` = head, checked out). */
export function makeFixtureRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tl-git-'));
  git(dir, ['init', '-q']);
  mkdirSync(join(dir, 'docs'));
  const base = readFileSync(join(root, 'examples', 'rag-support-bot.mmd'), 'utf8');
  writeFileSync(join(dir, FIXTURE_PATH), base);
  writeFileSync(join(dir, 'README.md'), '# Support bot\n\nNo diagrams here.\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Support bot architecture']);
  git(dir, ['checkout', '-q', '-b', 'feature']);
  writeFileSync(join(dir, FIXTURE_PATH), headVersion(base));
  git(dir, ['commit', '-q', '-am', 'Let the support bot issue refunds']);
  return dir;
}

/** Ways a repository's own config can name a command that a fetch would run. */
export type FetchTrap = 'ext-promisor' | 'file-uploadpack' | 'ssh-command';

export interface TrapRepo {
  dir: string;
  /** The file the repository's command would create. */
  marker: string;
  /** Tracked at HEAD, with its blob deleted from the object store. */
  missingPath: string;
}

/**
 * A partial clone whose promisor remote runs a command, as a downloaded or hostile repository may
 * be: one commit of the RAG example, its blob removed from `.git/objects`, so that any read of it
 * asks git to fetch the object from the promisor remote. `trap` picks which command the fetch
 * would run; each creates `marker`.
 */
export function makeLazyFetchTrap(trap: FetchTrap): TrapRepo {
  const dir = mkdtempSync(join(tmpdir(), 'tl-trap-'));
  const marker = join(dir, `MARKER-${trap}`);
  git(dir, ['init', '-q']);
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, FIXTURE_PATH), readFileSync(join(root, 'examples', 'rag-support-bot.mmd'), 'utf8'));
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Support bot architecture']);
  const blob = git(dir, ['rev-parse', `HEAD:${FIXTURE_PATH}`]).trim();
  rmSync(join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  const touch = `touch '${marker}'`;
  const config: [string, string][] = [
    ['core.repositoryFormatVersion', '1'],
    ['extensions.partialClone', 'trap'],
    ['remote.trap.promisor', 'true'],
    ['remote.trap.fetch', '+refs/heads/*:refs/remotes/trap/*'],
  ];
  if (trap === 'ext-promisor') config.push(['remote.trap.url', `ext::sh -c ${touch.replace(/ /g, '% ')}`], ['protocol.ext.allow', 'always']);
  if (trap === 'file-uploadpack') config.push(['remote.trap.url', dir], ['remote.trap.uploadpack', `${touch}; false`], ['protocol.file.allow', 'always']);
  if (trap === 'ssh-command') config.push(['remote.trap.url', 'ssh://example.invalid/repo.git'], ['core.sshCommand', `${touch}; false`], ['protocol.ssh.allow', 'always']);
  for (const [key, value] of config) git(dir, ['config', key, value]);
  return { dir, marker, missingPath: FIXTURE_PATH };
}
