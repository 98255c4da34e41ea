import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { threatlensModelSchema } from '../../src/core/parsers/yaml/schema';
import { jsonReportSchema } from '../../src/core/report/contract';
import { diffReportSchema } from '../../src/core/diff/contract';
import { COMPONENT_KINDS } from '../../src/core/model';

describe('generated JSON Schemas', () => {
  // The build regenerates them; this catches a committed copy that drifted from the zod source.
  for (const [file, schema, title] of [
    ['schemas/threatlens.schema.json', threatlensModelSchema, 'Threatlens architecture model'],
    ['schemas/report.schema.json', jsonReportSchema, 'Threatlens JSON report'],
    ['schemas/diff.schema.json', diffReportSchema, 'Threatlens JSON diff report'],
  ] as const) {
    it(`${file} matches its zod definition`, () => {
      const expected = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(expected)));
    });
  }

  it('the model schema lists every component kind for completion', () => {
    const json = JSON.parse(readFileSync('schemas/threatlens.schema.json', 'utf8')) as { properties: { components: { additionalProperties: { anyOf: { properties?: { kind?: { enum?: string[] } } }[] } } } };
    const kinds = json.properties.components.additionalProperties.anyOf.find((x) => x.properties?.kind)?.properties?.kind?.enum ?? [];
    assert.ok(kinds.includes('vector-store') && kinds.includes('mcp-server') && kinds.length === COMPONENT_KINDS.length, JSON.stringify(kinds));
  });
});
