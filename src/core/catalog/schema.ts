/**
 * Schemas of the built-in catalog files under `catalogs/`. The loader (`build.ts`) parses the
 * raw YAML texts and validates them here; cross-references (ids pointing into other files) are
 * checked by the loader, not by these schemas.
 */
import { z } from 'zod';
import { COMPONENT_KINDS } from '../model';
import { LENSES, STRIDE_LETTERS } from '../rules/schema';

const kind = z.enum(COMPONENT_KINDS);
const stride = z.enum(STRIDE_LETTERS);
const url = z.string().regex(/^https:\/\/[^\s"]+$/, 'expected an https URL');
/** A name copied exactly from the official source. */
const officialName = z.string().min(2).max(120);
/** Prose written by us: one to a few sentences. */
const prose = z.string().min(20).max(1200);
const question = z.string().min(10).max(300).regex(/\?$/, 'a question ends with "?"');

export const TECHNIQUE_ID = /^AML\.T\d{4}(\.\d{3})?$/;
export const TACTIC_ID = /^AML\.TA\d{4}$/;
export const ATLAS_MITIGATION_ID = /^AML\.M\d{4}$/;
/** Edition-qualified OWASP id, e.g. `LLM01:2025`, `ASI03:2026`. */
export const QUALIFIED_OWASP_ID = /^(LLM|ASI)\d{2}:\d{4}$/;
export const MITIGATION_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const techniqueId = z.string().regex(TECHNIQUE_ID, 'expected an ATLAS technique id like AML.T0051 or AML.T0051.001');
const qualifiedOwaspId = z.string().regex(QUALIFIED_OWASP_ID, 'expected an edition-qualified id like LLM01:2025');

// ---------------------------------------------------------------------------------------------
// OWASP Top 10 for LLM Applications (2025, 2026) and for Agentic Applications (2026)

export const owaspEntrySchema = z.strictObject({
  id: z.string().regex(/^(LLM|ASI)\d{2}$/),
  name: officialName,
  url,
  /** For data scientists: what goes wrong, in plain language. */
  plain: prose,
  /** For the security team: attack surface, impact, control families. */
  security: prose,
  stride: z.array(stride).min(1).max(6),
  /** Typical ATLAS techniques. */
  atlas: z.array(techniqueId).max(20).default([]),
  /** Closely related entries of another list (e.g. an ASI entry's LLM counterparts). */
  related: z.array(qualifiedOwaspId).max(10).default([]),
});
export type OwaspEntryData = z.infer<typeof owaspEntrySchema>;

export const owaspFileSchema = z.strictObject({
  list: z.enum(['llm', 'agentic']),
  edition: z.number().int().min(2023).max(2100),
  title: z.string().min(5).max(200),
  /** Where the list is published. */
  source: url,
  entries: z.array(owaspEntrySchema).length(10),
});
export type OwaspFileData = z.infer<typeof owaspFileSchema>;

// ---------------------------------------------------------------------------------------------
// Crosswalk between editions

export const MATCH_KINDS = ['exact', 'partial', 'none'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const crosswalkLinkSchema = z.strictObject({
  from: qualifiedOwaspId,
  /** The counterpart; absent when `match` is `none`. */
  to: qualifiedOwaspId.optional(),
  /** Edition the link looks into; required when `to` is absent. */
  toEdition: z.number().int().min(2023).max(2100).optional(),
  match: z.enum(MATCH_KINDS),
  note: z.string().min(10).max(300).optional(),
}).superRefine((l, ctx) => {
  if (l.match === 'none') {
    if (l.to !== undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a link with match "none" has no target' });
    if (l.toEdition === undefined) ctx.addIssue({ code: 'custom', path: ['toEdition'], message: 'a link with match "none" names the edition it looked into' });
  } else if (l.to === undefined) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `a link with match "${l.match}" needs a target` });
  }
  if (l.match !== 'exact' && l.note === undefined) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'a partial or empty match needs a note' });
  }
});
export type CrosswalkLinkData = z.infer<typeof crosswalkLinkSchema>;

export const crosswalkFileSchema = z.strictObject({
  /** Superseded editions kept only to recognise old references: ids and names. */
  legacy: z.array(z.strictObject({
    edition: z.number().int().min(2023).max(2100),
    title: z.string().min(5).max(200),
    entries: z.array(z.strictObject({ id: z.string().regex(/^LLM\d{2}$/), name: officialName })).length(10),
  })).max(5),
  links: z.array(crosswalkLinkSchema).min(1).max(200),
});
export type CrosswalkFileData = z.infer<typeof crosswalkFileSchema>;

// ---------------------------------------------------------------------------------------------
// MITRE ATLAS (the subset we reference)

export const atlasFileSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  tactics: z.array(z.strictObject({
    id: z.string().regex(TACTIC_ID),
    name: officialName,
    url,
    summary: prose,
  })).min(1),
  techniques: z.array(z.strictObject({
    id: techniqueId,
    name: officialName,
    url,
    tactics: z.array(z.string().regex(TACTIC_ID)).min(1),
    summary: prose,
  })).min(1),
  mitigations: z.array(z.strictObject({
    id: z.string().regex(ATLAS_MITIGATION_ID),
    name: officialName,
    url,
    summary: prose,
  })).min(1),
});
export type AtlasFileData = z.infer<typeof atlasFileSchema>;

// ---------------------------------------------------------------------------------------------
// STRIDE for AI, the three lenses, workshop questions

export const strideFileSchema = z.strictObject({
  letters: z.array(z.strictObject({
    letter: stride,
    name: z.string().min(3).max(60),
    plain: prose,
    security: prose,
    examples: z.array(z.string().min(10).max(300)).min(3).max(5),
    appliesTo: z.array(kind).min(1),
  })).length(6),
  lenses: z.array(z.strictObject({
    id: z.enum(LENSES),
    name: z.string().min(3).max(80),
    plain: prose,
    security: prose,
    appliesTo: z.array(kind).min(1),
    questions: z.array(question).min(2).max(4),
  })).length(3),
});
export type StrideFileData = z.infer<typeof strideFileSchema>;

export const questionsFileSchema = z.strictObject({
  kinds: z.partialRecord(kind, z.array(question).min(3).max(5)),
});
export type QuestionsFileData = z.infer<typeof questionsFileSchema>;

// ---------------------------------------------------------------------------------------------
// Concrete controls (quick fixes insert `stub`)

export const mitigationSchema = z.strictObject({
  id: z.string().regex(MITIGATION_ID, 'expected a kebab-case id'),
  name: z.string().min(3).max(80),
  /** Text a quick fix writes into the diagram as `with "<stub>"`. */
  stub: z.string().min(5).max(90).regex(/^[^"\n\r]+$/, 'a stub has no double quotes or line breaks'),
  plain: prose,
  security: prose,
  /** Edition-qualified OWASP ids the control addresses. */
  threats: z.array(qualifiedOwaspId).max(12),
  /** ATLAS mitigation ids, only where one genuinely fits. */
  atlas: z.array(z.string().regex(ATLAS_MITIGATION_ID)).max(6).default([]),
});
export type MitigationData = z.infer<typeof mitigationSchema>;

export const mitigationsFileSchema = z.strictObject({
  mitigations: z.array(mitigationSchema).min(1),
});
export type MitigationsFileData = z.infer<typeof mitigationsFileSchema>;
