/**
 * `threatlens convert <file>`: a Threatlens YAML model (or a Threagile model) becomes a Mermaid
 * flowchart, and a Mermaid diagram (a `.mmd` file, or the only ```mermaid fence of a Markdown
 * file) becomes a Threatlens YAML model. Declared kinds, properties and decisions are kept
 * (src/core/convert/toMermaid.ts, toYaml.ts); Mermaid node ids are reduced to letters, digits and
 * `_`, so `mobile-app` comes back as `mobile_app`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toMermaid } from '../../core/convert/toMermaid';
import { toYaml } from '../../core/convert/toYaml';
import { parseFile } from '../../core/document';
import { UsageError, commonDefaults, oneOf, readArgs, type CommonArgs } from '../args';
import { CliExit, emit, type Io } from '../context';

const DIRECTIONS = ['LR', 'TB', 'TD', 'BT', 'RL'] as const;

export interface ConvertArgs extends CommonArgs {
  command: 'convert';
  file?: string;
  direction: (typeof DIRECTIONS)[number];
}

export function parseConvert(rest: readonly string[]): ConvertArgs {
  const a: ConvertArgs = { ...commonDefaults(), command: 'convert', direction: 'LR' };
  readArgs(rest, a, (flag, value) => {
    if (flag !== '--direction') return false;
    a.direction = oneOf(value(), DIRECTIONS, flag);
    return true;
  }, (w) => {
    if (a.file !== undefined) throw new UsageError('convert takes one file');
    a.file = w;
  });
  if (a.file === undefined) throw new UsageError('convert needs a file: threatlens convert model.threatlens.yaml');
  return a;
}

export function runConvert(args: ConvertArgs, cwd: string, io: Io): number {
  const path = args.file ?? '';
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new CliExit(2, `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const file = parseFile(path, text, args.maxFileSize ? { maxFileSize: args.maxFileSize } : {});
  if (!file || file.models.length === 0) throw new CliExit(2, `${path} holds no architecture model (a Mermaid diagram, a Threatlens or a Threagile YAML model)`);
  const errors = file.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new CliExit(2, `${path} has ${errors.length} error(s); fix them first (threatlens check ${path}): ${errors[0].message}`);
  if (file.models.length > 1) throw new CliExit(2, `${path} holds ${file.models.length} diagrams; put the one to convert in a file of its own`);
  const model = file.models[0];
  emit(model.format === 'yaml' ? toMermaid(model, { direction: args.direction }).text : toYaml(model), args, cwd, io);
  return 0;
}
