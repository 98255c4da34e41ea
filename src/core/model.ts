/**
 * The system model every parser produces and every consumer reads.
 * Positions are character offsets into the whole file text (UTF-16 code units, as JS strings
 * index them); they become line/column only at the edge (see `positions.ts`).
 */

export interface Span {
  start: number;
  end: number;
}

export const COMPONENT_KINDS = [
  'user', 'client', 'service', 'gateway',
  'llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser',
  'vector-store', 'embedding-model', 'datastore', 'document-source', 'ingestion', 'memory',
  'prompt-template', 'guardrail',
  'training-pipeline', 'dataset', 'model-registry', 'external-api', 'monitoring',
  // A model that is not a text/multimodal LLM: classifiers, detectors, recommenders, speech,
  // vision and image generation. Its modality and `generative` are properties.
  'ml-model',
  'unknown',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export function isComponentKind(s: string): s is ComponentKind {
  return (COMPONENT_KINDS as readonly string[]).includes(s);
}

/**
 * The kind rules test: a component with no evidence at all shows its fallback kind, but no rule
 * should assert threats about a role nobody stated or implied.
 */
export function kindForRules(c: { kind: ComponentKind; kindSource: KindSource }): ComponentKind {
  return c.kindSource === 'default' ? 'unknown' : c.kind;
}

/** Where a component's kind came from, so the editor can explain it. */
export type KindSource = 'declared' | 'inferred' | 'default';

export interface Component {
  id: string;
  label: string;
  /** Range of the id at its first declaration. */
  span: Span;
  /** Range of the label text (inside the brackets/quotes), when there is one. */
  labelSpan?: Span;
  kind: ComponentKind;
  kindSource: KindSource;
  /** Human-readable reason, e.g. `label word "GPT-4o"` or `declared with :::llm`. */
  kindReason: string;
  /**
   * How sure the inference is, from 0 to 1: 1 for a declaration, lower when few or conflicting
   * words decided, lowest for the fallback kind of a component with no evidence.
   */
  kindConfidence?: number;
  /** The evidence behind the kind, one short line each (`label "GPT-4o"`, `calls a model …`). */
  kindEvidence?: string[];
  /** Why each inferred property was set (`data`: `label "patient records"`); declared ones have none. */
  propertyReasons?: Record<string, string>;
  /** Mermaid node shape name (e.g. `rect`, `cyl`, `stadium`) when known. */
  shape?: string;
  /** Class names attached via `:::`, `class` statements or YAML. */
  classes: string[];
  /** Innermost trust boundary (subgraph) id, if any. */
  boundary?: string;
  /** Free properties: exposure, trust, data, provider, approval, rate-limit, ... */
  properties: Record<string, string>;
  /** Extra spans where the component is mentioned (for hovers on later references). */
  references?: Span[];
  /**
   * Words the diagram says about the component besides its label (a C4 technology or
   * description, an architecture icon, a Threagile technology); used only by kind inference.
   */
  hints?: KindHint[];
}

export interface KindHint {
  /** Where the words come from, as shown in the kind's reason: `technology`, `icon`, … */
  source: string;
  text: string;
  /** Relative to a label's words (1); descriptions are prose and count less. */
  weight: number;
  /**
   * The kind the source names outright (a Threagile `technology: database`), instead of words to
   * look up in the vocabulary.
   */
  kind?: ComponentKind;
}

export interface Flow {
  from: string;
  to: string;
  label?: string;
  /** Range of the edge arrow (or the whole YAML flow entry). */
  span: Span;
  labelSpan?: Span;
  /** Arrow text as written, e.g. `-->`, `-.->`, `<-->`, `~~~`. */
  arrow?: string;
  /** `<-->`, `o--o`, `x--x`: data goes both ways. */
  bidirectional?: boolean;
  /** `~~~` invisible links carry no data; rules ignore them. */
  invisible?: boolean;
  /** Optional edge id (`e1@-->`). */
  id?: string;
  tags?: string[];
}

export interface Boundary {
  id: string;
  label: string;
  span: Span;
  labelSpan?: Span;
  /** Direct member component ids (Mermaid semantics: a node referenced inside the block). */
  members: string[];
  parent?: string;
  properties?: Record<string, string>;
}

export type DecisionStatus = 'planned' | 'implemented' | 'verified';

interface AnnotationBase {
  /** Range of the whole annotation (comment line or YAML entry). */
  span: Span;
  target: string;
  targetSpan: Span;
}

export interface MitigationAnnotation extends AnnotationBase {
  type: 'mitigates';
  /** Threat reference as written (e.g. `LLM01`, `LLM01:2025`, `AML.T0051`, a rule id). */
  threat: string;
  threatSpan: Span;
  control: string;
  status: DecisionStatus;
}

export interface AcceptanceAnnotation extends AnnotationBase {
  type: 'accepts';
  threat: string;
  threatSpan: Span;
  reason: string;
  owner?: string;
  /** ISO date `YYYY-MM-DD`. */
  expires?: string;
}

export interface NotApplicableAnnotation extends AnnotationBase {
  type: 'not-applicable';
  threat: string;
  threatSpan: Span;
  reason: string;
}

export interface ComponentAnnotation extends AnnotationBase {
  type: 'component';
  properties: Record<string, string>;
  /** Span of each property value, keyed by property name. */
  propertySpans: Record<string, Span>;
}

export type Annotation =
  | MitigationAnnotation
  | AcceptanceAnnotation
  | NotApplicableAnnotation
  | ComponentAnnotation;

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Stable machine code, e.g. `mermaid/unclosed-bracket`, `annotation/unknown-node`. */
  code: string;
  message: string;
  severity: ProblemSeverity;
  span: Span;
  /** Near matches a quick fix can offer (node ids, threat ids, kinds). */
  suggestions?: string[];
}

export type ModelFormat = 'mermaid' | 'yaml';

/** The notation a model was read from, within its format. */
export type DiagramType = 'flowchart' | 'c4' | 'architecture' | 'sequence' | 'threatlens' | 'threagile';

export interface SystemModel {
  format: ModelFormat;
  /** Set by the parsers of the other notations; absent means a flowchart or a Threatlens YAML model. */
  diagram?: DiagramType;
  /** System name (YAML `system:`, Mermaid front matter `title:`). */
  name?: string;
  /** Range of the whole diagram / document inside the file (a Markdown fence's content). */
  span: Span;
  components: Component[];
  flows: Flow[];
  boundaries: Boundary[];
  annotations: Annotation[];
  /** Mermaid `classDef` names, so `:::x` is not reported as unknown. */
  classDefs?: string[];
}

export interface ParseResult {
  model: SystemModel;
  problems: Problem[];
}

export function emptyModel(format: ModelFormat, span: Span): SystemModel {
  return { format, span, components: [], flows: [], boundaries: [], annotations: [] };
}
