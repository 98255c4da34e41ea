/**
 * The declarative rule format. Built-in rules (catalogs/rules/*.yaml) and workspace rules
 * (.threatlens/rules/*.yaml) share this one schema; no rule ever runs code.
 */
import { z } from 'zod';
import { COMPONENT_KINDS } from '../model';

const kind = z.enum(COMPONENT_KINDS);
const words = z.array(z.string().min(1).max(200)).max(200);

/**
 * Selects components. Every given field must hold (AND); list values are alternatives (OR).
 * - `kind` / `notKind`: component kinds.
 * - `untrusted`: true selects components an attacker can speak through: users, clients,
 *   external APIs, document sources, anything with `trust=untrusted` or `exposure=public`, or
 *   inside a boundary whose id/label says internet/public/external/untrusted.
 * - `where`: property equals one of the values (case-insensitive); `"*"` means "present".
 * - `whereNot`: property absent or not equal to any of the values (`"*"`: must be absent).
 * - `text`: any of these words occurs (case-insensitive, word-prefix match) in id, label or classes.
 * - `notText`: none of these words occurs there.
 */
export const selectorSchema = z.strictObject({
  kind: z.array(kind).min(1).optional(),
  notKind: z.array(kind).min(1).optional(),
  untrusted: z.boolean().optional(),
  where: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  whereNot: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  text: words.optional(),
  notText: words.optional(),
});
export type Selector = z.infer<typeof selectorSchema>;

/**
 * A condition on the neighbourhood of the anchored component, used by `requires` (all must hold)
 * and `unless` (the finding is dropped if any holds).
 * - `neighbor`: some component within `hops` flows (default 1) in `direction` matches `select`.
 *   `out` follows flows from the anchor, `in` against them, `any` both ways.
 * - `property`: the anchor has any of these properties with a value other than false/no/none.
 * - `boundary`: the anchor's boundary (or an ancestor) matches these words.
 */
export const conditionSchema = z.strictObject({
  neighbor: z.strictObject({
    select: selectorSchema,
    direction: z.enum(['in', 'out', 'any']).default('any'),
    hops: z.number().int().min(1).max(10).default(1),
  }).optional(),
  property: z.array(z.string().min(1)).min(1).optional(),
  boundary: words.optional(),
}).refine((c) => [c.neighbor, c.property, c.boundary].filter((x) => x !== undefined).length === 1, {
  message: 'a condition has exactly one of neighbor, property, boundary',
});
export type Condition = z.infer<typeof conditionSchema>;

/** A single component matches. The finding is anchored on it. */
const componentPattern = z.strictObject({
  component: selectorSchema,
});

/**
 * A flow path (following arrows, transitively) from a component matching `from` to one matching
 * `to`. One finding per reached target; the evidence is the shortest such path.
 * - `through`: the path must pass through a component matching this (e.g. an llm).
 * - `avoiding`: no intermediate component may match this (e.g. a guardrail): absence on a path.
 * - `flowText`: some flow on the path has a label containing one of these words.
 * - `crossesBoundary`: the path changes trust boundary at least once.
 * - `maxHops`: longest path considered (default 6).
 * - `phase`: `runtime` (default) paths are requests and answers, so they never pass through a
 *   training pipeline, dataset or model registry: those carry data at build time, not a request.
 *   `build` paths (poisoning, supply chain) may.
 * - `anchor`: where the finding goes, the target (`to`, default) or the source (`from`).
 */
const pathPattern = z.strictObject({
  path: z.strictObject({
    from: selectorSchema,
    to: selectorSchema,
    through: selectorSchema.optional(),
    avoiding: selectorSchema.optional(),
    flowText: words.optional(),
    crossesBoundary: z.boolean().optional(),
    maxHops: z.number().int().min(1).max(20).default(6),
    phase: z.enum(['runtime', 'build']).default('runtime'),
  }),
  anchor: z.enum(['to', 'from']).default('to'),
});

export const matchSchema = z.union([componentPattern, pathPattern]);
export type Match = z.infer<typeof matchSchema>;

export const LENSES = ['hallucination', 'non-determinism', 'third-party'] as const;
export type Lens = (typeof LENSES)[number];
export const STRIDE_LETTERS = ['S', 'T', 'R', 'I', 'D', 'E'] as const;
export type StrideLetter = (typeof STRIDE_LETTERS)[number];

/** No line breaks (also U+2028, U+2029) and no other control characters. */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/** Kinds of business harm, in the words of a non-technical reader (see BUSINESS_HARM in the briefing). */
export const BUSINESS_HARMS = ['data-loss', 'regulatory', 'fraud', 'outage', 'user-harm', 'reputation', 'cost'] as const;

const businessSchema = z.strictObject({
  impacts: z.array(z.enum(BUSINESS_HARMS)).min(1).max(4),
  text: z.string().min(10).max(400).regex(/\{component\}/, 'the business text names the component as {component}'),
});

export const ruleSchema = z.strictObject({
  /** Stable id, `TL###` for built-ins; workspace rules pick their own prefix. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{1,63}$/),
  /**
   * One line: the title goes into the one-line messages of the Problems panel and the CLI's
   * `file:line:col` output, where a line break would forge a line (like a line break in an id).
   */
  title: z.string().min(3).max(200).regex(ONE_LINE, 'a title is one line of text, without line breaks or other control characters'),
  /** OWASP references qualified by edition, e.g. `LLM01:2025`, `ASI02:2026`. */
  owasp: z.array(z.string().regex(/^(LLM|ASI)\d{2}:\d{4}$/)).max(10),
  /** ATLAS technique ids, e.g. `AML.T0051.001`. */
  atlas: z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/)).max(20).default([]),
  stride: z.array(z.enum(STRIDE_LETTERS)).min(1).max(6),
  lenses: z.array(z.enum(LENSES)).max(3).default([]),
  /** 1 (rare) .. 5 (expected). */
  likelihood: z.number().int().min(1).max(5),
  /** 1 (negligible) .. 5 (severe). */
  impact: z.number().int().min(1).max(5),
  /**
   * Hygiene: a gap every design of this kind has (an unpinned version, no logging) rather than a
   * way in. Its score ignores reachability and what the sink can do, and stays below medium.
   */
  hygiene: z.boolean().default(false),
  match: matchSchema,
  requires: z.array(conditionSchema).max(20).default([]),
  unless: z.array(conditionSchema).max(20).default([]),
  /** Mitigation ids from catalogs/mitigations.yaml, most effective first. */
  mitigations: z.array(z.string().min(1)).min(1).max(10),
  /** Why this matters here, in plain language for data scientists. */
  plain: z.string().min(10).max(2000),
  /** The same in security terms for the security team. */
  security: z.string().min(10).max(2000),
  /**
   * What it costs the business, for the executive briefing: the kinds of harm, and one sentence
   * where `{component}` stands for the component's name. Built-in rules must have it.
   */
  business: businessSchema.optional(),
  /**
   * Attacker steps in the order an attacker takes them, one short phrase each, for the attack
   * tree of a rule that cites no ATLAS technique (which would otherwise give its branch no step).
   */
  attack: z.array(z.string().min(3).max(120).regex(ONE_LINE, 'an attack step is one line of text')).min(1).max(6).optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

export type Business = z.infer<typeof businessSchema>;

export const ruleFileSchema = z.strictObject({
  rules: z.array(ruleSchema).max(500),
});
