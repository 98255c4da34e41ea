/**
 * How Threatlens runs git on a repository it did not write (CLI `diff`, the editor's "Compare
 * Threats with Branch"). A scanned folder may carry its own `.git/config`, and that file can name
 * commands: a promisor remote `ext::sh -c …` that a lazy fetch of a missing blob would run, an
 * `uploadpack` or `sshCommand`, an fsmonitor hook, a pager, a textconv driver. Options given with
 * `-c` outrank every config file, and a cleaned environment removes what the parent process could
 * redirect, so the same arguments and environment make every read-only call inert.
 *
 * Data only: the CLI and the extension each spawn git with these (the core starts no processes).
 */

/** Transports git knows by name; each is forbidden on its own because a repository's config may allow one explicitly. */
const PROTOCOLS = ['ext', 'fd', 'file', 'git', 'ssh', 'http', 'https', 'ftp', 'ftps', 'rsync'];

/**
 * Global options for every git call. Lazy fetching is also switched off through the environment;
 * these make a fetch fail even on a git that ignores that variable.
 */
export const GIT_SAFE_ARGS: readonly string[] = [
  '--no-pager',
  ...[
    'protocol.allow=never',
    ...PROTOCOLS.map((p) => `protocol.${p}.allow=never`),
    'core.fsmonitor=false',
    'core.hooksPath=/dev/null',
    'core.pager=cat',
    'core.sshCommand=false',
    'core.askPass=',
    'credential.helper=',
    'log.showSignature=false',
    'fetch.recurseSubmodules=false',
    'submodule.recurse=false',
  ].flatMap((kv) => ['-c', kv]),
];

/** Set for every call. Empty askpass programs make git skip them; the prompt variable then stops it asking. */
export const GIT_SAFE_ENV: Readonly<Record<string, string>> = {
  GIT_NO_LAZY_FETCH: '1',
  GIT_PROTOCOL_FROM_USER: '0',
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
};

/**
 * The environment for a git call: the parent's, minus every `GIT_*` variable (`GIT_DIR`,
 * `GIT_CONFIG_*`, `GIT_EXEC_PATH`, `GIT_SSH_COMMAND`, `GIT_EXTERNAL_DIFF`…, any of which would
 * send git elsewhere or make it run something), plus `GIT_SAFE_ENV`. Names are compared without
 * case because Windows environments are case-insensitive.
 */
export function gitSafeEnv(parent: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || /^git_/i.test(name)) continue;
    if (Object.keys(GIT_SAFE_ENV).some((k) => k.toLowerCase() === name.toLowerCase())) continue;
    env[name] = value;
  }
  return { ...env, ...GIT_SAFE_ENV };
}

/** `git --no-lazy-fetch` exists from git 2.45; older versions reject it as an unknown option. */
export function supportsNoLazyFetch(versionOutput: string): boolean {
  const m = /git version (\d+)\.(\d+)/.exec(versionOutput);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 45);
}

/** The global options for a git whose `git --version` printed `versionOutput`. */
export function gitSafeArgs(versionOutput: string): string[] {
  return supportsNoLazyFetch(versionOutput) ? ['--no-lazy-fetch', ...GIT_SAFE_ARGS] : [...GIT_SAFE_ARGS];
}

/** Arguments of `git show` that print a blob's bytes: no textconv driver from `.gitattributes` or config. */
export const GIT_SHOW_BLOB: readonly string[] = ['show', '--no-textconv'];

/** Output and time bounds of one call: a config `include.path` pointing at a device must not hang the caller. */
export const GIT_LIMITS = { maxBuffer: 256 * 1024 * 1024, timeoutMs: 60_000 } as const;

/** The line of git's stderr that names the failure: the first `fatal:`/`error:` line (warnings such as "lazy fetching disabled" come before it), else the first line. */
export function gitFailure(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0];
}

/**
 * Paths of the files in `git ls-tree -r -z --full-tree` output whose content can be read: regular
 * and executable blobs. Symbolic links (mode 120000: their blob is the link's target, and the
 * working tree leaves links out too) and submodules (a commit `git show` cannot print as a file)
 * are not files to check.
 */
export function lsTreeFiles(out: string): string[] {
  const files: string[] = [];
  for (const entry of out.split('\u0000')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && (mode === '100644' || mode === '100755')) files.push(entry.slice(tab + 1));
  }
  return files;
}
