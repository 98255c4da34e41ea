// Writes the JSON Schemas generated from the zod definitions: the YAML model schema the editor
// contributes through `yamlValidation`, and the JSON contracts of `check` and `diff`. Run by the build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { threatlensModelSchema } from '../src/core/parsers/yaml/schema';
import { jsonReportSchema } from '../src/core/report/contract';
import { diffReportSchema } from '../src/core/diff/contract';

mkdirSync('schemas', { recursive: true });
const write = (file: string, schema: z.ZodType, title: string) => {
  const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
};
write('schemas/threatlens.schema.json', threatlensModelSchema, 'Threatlens architecture model');
write('schemas/report.schema.json', jsonReportSchema, 'Threatlens JSON report');
write('schemas/diff.schema.json', diffReportSchema, 'Threatlens JSON diff report');
