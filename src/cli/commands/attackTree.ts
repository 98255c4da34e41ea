/** `threatlens attack-tree <file> [--component ID] [--threat ID] [--chain]`: a Mermaid attack tree. */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { attackTreeMarkdown, AttackTreeError, buildAttackTree, renderAttackTree, type AttackTreeModel } from '../../core/attackTree';
import { UsageError, commonDefaults, oneOf, readArgs, type CommonArgs } from '../args';
import { CliExit, emit, makeEngine, type Io } from '../context';
import { toPosix } from '../files';

const FORMATS = ['mermaid', 'markdown'] as const;

export interface AttackTreeArgs extends CommonArgs {
  command: 'attack-tree';
  file: string;
  component?: string;
  threat?: string;
  /** The attacks reaching the component across components, instead of its own threats. */
  chain: boolean;
  format: (typeof FORMATS)[number];
}

export function parseAttackTree(rest: readonly string[]): AttackTreeArgs {
  const files: string[] = [];
  const a: AttackTreeArgs = { ...commonDefaults(), command: 'attack-tree', file: '', chain: false, format: 'mermaid' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--component') a.component = value();
    else if (flag === '--threat') a.threat = value();
    else if (flag === '--chain') a.chain = true;
    else if (flag === '--format') a.format = oneOf(value(), FORMATS, flag);
    else return false;
    return true;
  }, (w) => files.push(w));
  if (files.length !== 1) throw new UsageError('attack-tree needs exactly one file, e.g. `threatlens attack-tree docs/architecture.mmd --component llm`');
  a.file = files[0];
  return a;
}

export function runAttackTree(args: AttackTreeArgs, cwd: string, io: Io): number {
  const engine = makeEngine(args, cwd, io);
  const abs = resolve(cwd, args.file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new CliExit(2, `cannot read ${args.file}: ${(e as Error).message}`);
  }
  const result = engine.analyze(toPosix(relative(cwd, abs)) || args.file, text);
  if (!result) throw new CliExit(2, `${args.file} is not a Mermaid flowchart, a Markdown file or a Threatlens YAML model`);
  let tree: AttackTreeModel;
  try {
    tree = buildAttackTree(result, args.component, args.threat, { catalog: engine.catalog, lookup: engine.lookup, chain: args.chain });
  } catch (e) {
    if (!(e instanceof AttackTreeError)) throw e;
    throw new CliExit(2, `${e.message}${e.suggestions.length ? ` (did you mean ${e.suggestions.join(', ')}?)` : ''}`);
  }
  emit(args.format === 'markdown' ? attackTreeMarkdown(tree, 1) : renderAttackTree(tree), args, cwd, io);
  return 0;
}
