/**
 * `threatlens model-card <file> [--component ID] [--card README.md]`: the "Risks, limitations
 * and security" section of a Hugging Face model card for each model component of the diagram
 * (src/core/modelCard/). With --card the existing card comes back with the section inserted or
 * replaced and its front matter untouched (write it over the card with --output); without, a
 * minimal card. Like every command it writes only to stdout or --output.
 */
import { dirname, relative, resolve } from 'node:path';
import { buildCardSubject, minimalCard, modelComponents, toCardSection, withCardSection } from '../../core/modelCard';
import { UsageError, commonDefaults, readArgs, type CommonArgs } from '../args';
import { CliExit, emit, makeEngine, type Io } from '../context';
import { toPosix } from '../files';
import { readRegularFile, rootFor } from '../safeRead';

/** Model cards are small; a larger file named as one is a mistake. */
const MAX_CARD_BYTES = 4 * 1024 * 1024;
const MAX_DIAGRAM_BYTES = 8 * 1024 * 1024;

export interface ModelCardArgs extends CommonArgs {
  command: 'model-card';
  file: string;
  component?: string;
  card?: string;
}

export function parseModelCard(rest: readonly string[]): ModelCardArgs {
  const files: string[] = [];
  const a: ModelCardArgs = { ...commonDefaults(), command: 'model-card', file: '' };
  readArgs(rest, a, (flag, value) => {
    if (flag === '--component') a.component = value();
    else if (flag === '--card') a.card = value();
    else return false;
    return true;
  }, (w) => files.push(w));
  if (files.length !== 1) throw new UsageError('model-card needs exactly one diagram, e.g. `threatlens model-card docs/architecture.mmd --card README.md`');
  a.file = files[0];
  return a;
}

function readNamed(file: string, cwd: string, maxBytes: number): string {
  const abs = resolve(cwd, file);
  const read = readRegularFile(abs, { root: rootFor(abs, cwd, dirname(abs)), maxBytes });
  if ('skipped' in read) throw new CliExit(2, `cannot read ${file}: ${read.skipped}`);
  return read.text;
}

export function runModelCard(args: ModelCardArgs, cwd: string, io: Io): number {
  const engine = makeEngine(args, cwd, io);
  const text = readNamed(args.file, cwd, args.maxFileSize ?? MAX_DIAGRAM_BYTES);
  const result = engine.analyze(toPosix(relative(cwd, resolve(cwd, args.file))) || args.file, text);
  if (!result?.file.models.length) throw new CliExit(2, `${args.file} holds no architecture model (Mermaid flowchart, \`\`\`mermaid fence or Threatlens YAML)`);
  const models = result.file.models.flatMap(modelComponents);
  if (args.component !== undefined && !models.some((m) => m.component.id === args.component)) {
    const known = models.map((m) => m.component.id);
    throw new CliExit(2, `${args.component} is not a model component of ${args.file}${known.length ? ` (model components: ${known.join(', ')})` : ' (it shows none)'}`);
  }
  const subject = buildCardSubject([result], engine.catalog, args.component);
  const section = toCardSection(subject);
  if (args.card !== undefined) {
    emit(withCardSection(readNamed(args.card, cwd, MAX_CARD_BYTES), section), args, cwd, io);
    return 0;
  }
  const only = subject.models.length === 1 ? subject.models[0].model.component : undefined;
  const title = only ? only.label : result.file.models.find((m) => m.name)?.name ?? 'Model card';
  emit(minimalCard(title, section, only), args, cwd, io);
  return 0;
}
