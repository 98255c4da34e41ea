/**
 * The Threatlens YAML architecture schema, defined once. The JSON Schema shipped for the editor
 * (`schemas/threatlens.schema.json`) is generated from it by `scripts/gen-schema.mjs`.
 */
import { z } from 'zod';
import { COMPONENT_KINDS } from '../../model';

const threatRef = z.string().min(2).max(64).describe('Threat reference: LLM01:2025, ASI02:2026, AML.T0051 or a rule id');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const oneOrMany = z.union([z.string(), z.array(z.string())]);

export const mitigationSchema = z.strictObject({
  control: z.string().min(1).describe('What is done about the threat'),
  status: z.enum(['planned', 'implemented', 'verified']).default('planned'),
});

export const acceptanceSchema = z.union([
  z.string().min(1).describe('Why the risk is accepted'),
  z.strictObject({
    reason: z.string().min(1),
    owner: z.string().optional(),
    expires: date.optional(),
  }),
]);

export const componentSchema = z.strictObject({
  kind: z.enum(COMPONENT_KINDS).optional().describe('Declared kind; beats inference'),
  label: z.string().optional(),
  description: z.string().optional(),
  boundary: z.string().optional().describe('Id of the trust boundary the component sits in'),
  trust: z.enum(['trusted', 'untrusted', 'partial']).optional(),
  exposure: z.enum(['public', 'internal', 'private']).optional(),
  provider: z.enum(['first-party', 'third-party', 'self-hosted', 'open-source']).optional(),
  data: oneOrMany.optional().describe('Data classification handled: public, internal, confidential, pii, phi, pci, secrets'),
  ingests: oneOrMany.optional().describe('What feeds it: uploads, crawls, third-party documents, user input'),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  mitigations: z.record(threatRef, z.union([mitigationSchema, z.array(mitigationSchema)])).optional(),
  accepted: z.record(threatRef, acceptanceSchema).optional(),
  'not-applicable': z.record(threatRef, z.string().min(1)).optional(),
});

export const boundarySchema = z.strictObject({
  label: z.string().optional(),
  trust: z.enum(['trusted', 'untrusted', 'partial']).optional(),
  parent: z.string().optional(),
  description: z.string().optional(),
});

export const flowObjectSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  label: z.string().optional(),
  data: oneOrMany.optional(),
  bidirectional: z.boolean().optional(),
});

/** `- a -> b: label` (one-key map), `- a -> b` or the explicit object form. */
export const flowSchema = z.union([
  z.string().regex(/^\s*\S+\s*(->|<->)\s*\S+\s*$/, 'expected "from -> to"'),
  flowObjectSchema,
  z.record(z.string().regex(/^\s*\S+\s*(->|<->)\s*\S+\s*$/), z.union([z.string(), z.null()])),
]);

export const threatlensModelSchema = z.strictObject({
  threatlens: z.union([z.literal(1), z.literal('1')]).optional().describe('Marks the file as a Threatlens model (schema version)'),
  system: z.union([z.string(), z.strictObject({ name: z.string(), description: z.string().optional() })]).optional(),
  description: z.string().optional(),
  boundaries: z.record(z.string(), z.union([boundarySchema, z.null()])).optional(),
  components: z.record(z.string(), z.union([componentSchema, z.null()])),
  flows: z.array(flowSchema).optional(),
});

export type ThreatlensYaml = z.infer<typeof threatlensModelSchema>;
