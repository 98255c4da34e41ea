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
  /** The url is the whole list's page (the 2026 lists have no page per entry). */
  listPage?: boolean;
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

/**
 * The page a finding links to: the first OWASP id, in display order, whose entry has a page of
 * its own (a 2025 entry when 2026 leads), else the first id's list page.
 */
export function owaspPage(ids: readonly string[], lookup: CatalogLookup): string | undefined {
  const refs = ids.map((id) => lookup.owasp(id)).filter((r): r is RefInfo => r?.url !== undefined);
  return (refs.find((r) => !r.listPage) ?? refs[0])?.url;
}
