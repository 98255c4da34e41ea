import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const catalogDir = path.join(__dirname, '..', '..', '..', 'catalogs');

/** The built-in catalog files' texts keyed by path relative to catalogs/, as gen-catalog reads them. */
export function readCatalogFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out[path.relative(catalogDir, p).split(path.sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(catalogDir);
  return out;
}
