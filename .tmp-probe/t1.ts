import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
console.time('atlas');
const d = parse(readFileSync('/work/shared/reference/ATLAS.yaml','utf8'), { maxAliasCount: -1 });
console.timeEnd('atlas');
console.log(Object.keys(d));
