/**
 * One entry point from (path, text) to models and problems, whatever the format. Hosts (the
 * extension, the CLI, tests, the webview) call this and never pick a parser themselves.
 */
import type { Problem, SystemModel } from './model';
import { parseMermaid } from './parsers/mermaid';
import { findFences } from './parsers/markdown/fences';
import { parseThreatlensYaml } from './parsers/yaml';
import { isThreatlensYaml } from './parsers/yaml/recognize';
import { parseThreagile } from './parsers/threagile';
import { isThreagileYaml } from './parsers/threagile/recognize';
import { resolveKinds } from './inference/infer';
import { appendAll } from './arrays';

export type FileFormat = 'mermaid' | 'markdown' | 'yaml';

export interface ParsedFile {
  path: string;
  format: FileFormat;
  text: string;
  /** One model per diagram: a Markdown file may hold several fences. */
  models: SystemModel[];
  problems: Problem[];
}

export interface ParseOptions {
  /** Larger files are not parsed; a problem says so instead of freezing the editor. */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export function detectFormat(path: string, text: string): FileFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.mmd') || p.endsWith('.mermaid')) return 'mermaid';
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'markdown';
  if (isThreatlensYaml(path, text) || isThreagileYaml(path, text)) return 'yaml';
  return undefined;
}

export function parseFile(path: string, rawText: string, options: ParseOptions = {}): ParsedFile | undefined {
  const format = detectFormat(path, rawText);
  if (!format) return undefined;
  // A BOM is one UTF-16 unit; keep it in the text so offsets match the editor's buffer.
  const text = rawText;
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > limit) {
    return {
      path, format, text, models: [],
      problems: [{ code: 'file/too-large', severity: 'warning', span: { start: 0, end: 0 }, message: `Threatlens skipped this file: ${text.length} characters is over the ${limit}-character limit (setting threatlens.maxFileSize).` }],
    };
  }
  const problems: Problem[] = [];
  const models: SystemModel[] = [];
  const add = (r: { model: SystemModel; problems: Problem[] }) => {
    resolveKinds(r.model);
    models.push(r.model);
    appendAll(problems, r.problems);
  };
  if (format === 'mermaid') {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    add(parseMermaid(text.slice(start), start));
  } else if (format === 'markdown') {
    for (const fence of findFences(text)) {
      const r = parseMermaid(text.slice(fence.content.start, fence.content.end), fence.content.start);
      // Other diagram types are normal in documentation; only say so for standalone .mmd files.
      add({ model: r.model, problems: r.problems.filter((p) => p.code !== 'mermaid/unsupported-diagram') });
      if (!fence.closed) problems.push({ code: 'markdown/unclosed-fence', severity: 'warning', span: fence.open, message: 'This ```mermaid fence is never closed; it runs to the end of the file.' });
    }
  } else {
    // Threagile models are read as they are; a file that is both goes to the Threatlens schema.
    add(isThreagileYaml(path, text) && !isThreatlensYaml(path, text) ? parseThreagile(text) : parseThreatlensYaml(text));
  }
  // Diagrams of other types yield empty models; they are not Threatlens input.
  const kept = models.filter((m) => m.components.length > 0 || m.annotations.length > 0);
  return { path, format, text, models: kept, problems };
}
