/** What every report writer reads: analysed files plus catalog look-ups for names and links. */
import type { Finding } from '../analysis/finding';
import type { ParsedFile } from '../document';
import type { Problem } from '../model';

export interface FileResult {
  file: ParsedFile;
  findings: Finding[];
  /** Parse problems plus annotation problems. */
  problems: Problem[];
}

export interface RefInfo {
  id: string;
  name: string;
  url?: string;
}

export interface CatalogLookup {
  /** Qualified OWASP ids (`LLM01:2025`, `ASI02:2026`). */
  owasp(id: string): RefInfo | undefined;
  atlas(id: string): RefInfo | undefined;
  stride(letter: string): RefInfo | undefined;
  lens(id: string): RefInfo | undefined;
  /** Plain-language and security explanations of an OWASP entry. */
  owaspText(id: string): { plain: string; security: string } | undefined;
}

export const TOOL_NAME = 'Threatlens';
export const TOOL_URI = 'https://github.com/threatlens/threatlens';
export const REPORT_VERSION = '1.0';
