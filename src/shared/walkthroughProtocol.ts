/**
 * The one message protocol between the walkthrough panel (extension host) and its webview. Both
 * sides import this module (as vscode-eslint's $shared does); every message is validated with the
 * schemas below when it is received, on both sides, and anything that does not match is dropped.
 * The schemas are typed against the core's walkthrough types (`z.ZodType<T>`), so a change there
 * that the protocol does not follow fails to compile.
 *
 * No `vscode` and no DOM here: this file is compiled into the extension and into the webview.
 */
import { z } from 'zod';
import { COMPONENT_KINDS } from '../core/model';
import { BUSINESS_HARMS } from '../core/rules/schema';
import type {
  BoundaryView, CategoryView, ComponentView, DecisionView, DiagramView, FindingView, FlowView, LensView, OpenItem, PlanRow, Progress, RefView,
  Walkthrough, WalkthroughStep,
} from '../core/walkthrough/types';

/** The panel's webview type, also in package.json's `onWebviewPanel:` activation event. */
export const WALKTHROUGH_VIEW_TYPE = 'threatlensWalkthrough';

const severity = z.enum(['low', 'medium', 'high', 'critical']);
const status = z.enum(['open', 'planned', 'mitigated', 'accepted', 'not-applicable']);
const span = z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

const ref: z.ZodType<RefView> = z.strictObject({ id: z.string(), name: z.string(), url: z.string().optional() });

const decision: z.ZodType<DecisionView> = z.strictObject({
  type: z.enum(['mitigates', 'accepts', 'not-applicable']),
  threat: z.string(),
  text: z.string(),
  status: z.string().optional(),
  owner: z.string().optional(),
  expires: z.string().optional(),
  expired: z.boolean().optional(),
  incomplete: z.boolean().optional(),
  covers: z.array(z.string()),
});

const finding: z.ZodType<FindingView> = z.strictObject({
  key: z.string(),
  ruleId: z.string(),
  title: z.string(),
  componentKey: z.string(),
  componentId: z.string(),
  anchor: z.number().int().nonnegative(),
  threat: z.string(),
  owasp: z.array(ref),
  atlas: z.array(ref),
  stride: z.array(ref),
  lenses: z.array(ref),
  score: z.number(),
  severity,
  status,
  plain: z.string(),
  security: z.string(),
  business: z.strictObject({ impacts: z.array(z.enum(BUSINESS_HARMS)), text: z.string() }).optional(),
  mitigations: z.array(z.strictObject({ id: z.string(), name: z.string(), stub: z.string() })),
  decisions: z.array(decision),
});

const componentKind = z.enum(COMPONENT_KINDS);

const component: z.ZodType<ComponentView> = z.strictObject({
  key: z.string(),
  modelIndex: z.number().int().nonnegative(),
  id: z.string(),
  label: z.string(),
  kind: componentKind,
  kindSource: z.enum(['declared', 'inferred', 'default']),
  kindReason: z.string(),
  unrecognised: z.boolean(),
  boundary: z.string().optional(),
  properties: z.record(z.string(), z.string()),
  span,
  spans: z.array(span),
  findingCount: z.number().int().nonnegative(),
  openCount: z.number().int().nonnegative(),
  highestOpen: severity.optional(),
  openScore: z.number(),
});

const boundary: z.ZodType<BoundaryView> = z.strictObject({
  modelIndex: z.number().int().nonnegative(), id: z.string(), label: z.string(), members: z.array(z.string()), parent: z.string().optional(),
});

const flow: z.ZodType<FlowView> = z.strictObject({
  modelIndex: z.number().int().nonnegative(), from: z.string(), to: z.string(), label: z.string().optional(), crossesBoundary: z.boolean(),
});

const category: z.ZodType<CategoryView> = z.strictObject({
  letter: z.string(), name: z.string(), plain: z.string(), examples: z.array(z.string()), forKind: z.boolean(), findingCount: z.number().int().nonnegative(),
});

const lens: z.ZodType<LensView> = z.strictObject({
  id: z.string(), name: z.string(), plain: z.string(), questions: z.array(z.string()), findingCount: z.number().int().nonnegative(),
});

const step: z.ZodType<WalkthroughStep> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('scope'), id: z.literal('scope'), title: z.string() }),
  z.strictObject({
    type: z.literal('component'), id: z.string(), title: z.string(), componentKey: z.string(),
    stride: z.array(category), lenses: z.array(lens), questions: z.array(z.string()), findings: z.array(finding),
    attackTree: z.string().max(200_000).optional(),
  }),
  z.strictObject({ type: z.literal('summary'), id: z.literal('summary'), title: z.string() }),
]);

const planRow: z.ZodType<PlanRow> = z.strictObject({
  findingKey: z.string(), score: z.number(), severity, threat: ref, title: z.string(), componentKey: z.string(), componentLabel: z.string(),
  control: z.string(), controlSource: z.enum(['decided', 'suggested']), status,
});

const openItem: z.ZodType<OpenItem> = z.strictObject({
  type: z.enum(['finding', 'unknown-kind', 'step', 'placeholder-reason', 'expired']), text: z.string(), stepId: z.string(),
});

const progress: z.ZodType<Progress> = z.strictObject({
  done: z.array(z.string()), stepsDone: z.number().int().nonnegative(), stepsTotal: z.number().int().nonnegative(),
  findingsDecided: z.number().int().nonnegative(), findingsTotal: z.number().int().nonnegative(),
});

const walkthrough: z.ZodType<Walkthrough> = z.strictObject({
  system: z.string().optional(),
  components: z.array(component),
  boundaries: z.array(boundary),
  flows: z.array(flow),
  steps: z.array(step),
  plan: z.array(planRow),
  accepted: z.array(finding),
  openItems: z.array(openItem),
  progress,
});

const diagram: z.ZodType<DiagramView> = z.strictObject({
  modelIndex: z.number().int().nonnegative(),
  title: z.string(),
  source: z.string(),
  nodes: z.record(z.string(), z.string()),
  boundaries: z.record(z.string(), z.string()),
});

/** Everything the webview draws, sent whole on every change (a file's walkthrough is small). */
export const walkthroughViewSchema = z.strictObject({
  documentUri: z.string(),
  /** The file name as shown to the user (workspace-relative). */
  fileName: z.string(),
  walkthrough,
  diagrams: z.array(diagram),
  /** Kinds the scope step offers when correcting one. */
  kinds: z.array(componentKind),
  /** Parse problems worth showing (errors and warnings), already as text with a line number. */
  problems: z.array(z.strictObject({ line: z.number().int().positive(), message: z.string() })),
});
export type WalkthroughView = z.infer<typeof walkthroughViewSchema>;

// --- Extension → webview ----------------------------------------------------------------------

export const toWebviewSchema = z.discriminatedUnion('type', [
  /** The whole view, after opening, after an edit and after each decision. */
  z.strictObject({ type: z.literal('state'), view: walkthroughViewSchema, stepId: z.string() }),
  /** The cursor moved onto a component in the editor (or off every component: null). */
  z.strictObject({ type: z.literal('select'), componentKey: z.string().nullable() }),
  /** Show this step (opened from a CodeLens or hover for a component). */
  z.strictObject({ type: z.literal('showStep'), stepId: z.string() }),
  /** The file cannot be walked through (deleted, or no longer a diagram or model Threatlens reads). */
  z.strictObject({ type: z.literal('unavailable'), message: z.string() }),
  /** The outcome of a `decide` request. */
  z.strictObject({ type: z.literal('decisionResult'), requestId: z.number().int(), ok: z.boolean(), message: z.string() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

// --- Webview → extension ----------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const target = { componentId: z.string().min(1), anchor: z.number().int().nonnegative() };
/** Replace a decision of another type already written for the threat. */
const supersede = z.boolean().optional();
const text = z.string().trim().min(1).max(2000);

/** A choice made in the walkthrough; each becomes one decision written into the file. */
export const decisionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mitigates'), ...target, threat: z.string().min(1), control: text, status: z.enum(['planned', 'implemented']), supersede }),
  z.strictObject({ type: z.literal('accepts'), ...target, threat: z.string().min(1), reason: text, owner: z.string().trim().max(200).optional(), expires: isoDate.optional(), supersede }),
  z.strictObject({ type: z.literal('not-applicable'), ...target, threat: z.string().min(1), reason: text, supersede }),
  z.strictObject({ type: z.literal('kind'), ...target, kind: componentKind }),
]);
export type WalkthroughDecision = z.infer<typeof decisionSchema>;

export const fromWebviewSchema = z.discriminatedUnion('type', [
  /** The webview script is running and wants the state. */
  z.strictObject({ type: z.literal('ready') }),
  /** The user moved to another step. */
  z.strictObject({ type: z.literal('showStep'), stepId: z.string() }),
  z.strictObject({ type: z.literal('markDone'), stepId: z.string(), done: z.boolean() }),
  /** A component was clicked in the diagram or a list: select it in the editor. */
  z.strictObject({ type: z.literal('selectComponent'), componentKey: z.string() }),
  z.strictObject({ type: z.literal('decide'), requestId: z.number().int(), decision: decisionSchema }),
  z.strictObject({ type: z.literal('export'), what: z.enum(['report', 'briefing', 'briefing-html', 'workshop']) }),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;

/**
 * What the webview keeps with `setState`, and the serializer gets back after a reload. VS Code may
 * save it late, so the extension takes the step from its own saved progress; `stepId` only lets
 * the page show the right step before the first state arrives.
 */
export const webviewStateSchema = z.object({ documentUri: z.string(), stepId: z.string().optional() });
export type WebviewState = z.infer<typeof webviewStateSchema>;

/** The message if it matches the protocol, else undefined (never throws). */
export function parseToWebview(data: unknown): ToWebview | undefined {
  const r = toWebviewSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

export function parseFromWebview(data: unknown): FromWebview | undefined {
  const r = fromWebviewSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

export function parseWebviewState(data: unknown): WebviewState | undefined {
  const r = webviewStateSchema.safeParse(data);
  return r.success ? r.data : undefined;
}
