/**
 * The STRIDE-for-AI walkthrough as data: the steps a team goes through for one file, what each
 * step shows and how far the team got. Plain JSON-safe objects, so the extension can send them to
 * the webview as they are (src/shared/walkthroughProtocol.ts validates them on arrival).
 */
import type { DecisionRef, FindingStatus, Severity, SuggestedMitigation } from '../analysis/finding';
import type { ComponentKind, KindSource, Span } from '../model';
import type { Business } from '../rules/schema';

/** A catalog reference: OWASP entry, ATLAS technique, STRIDE letter or lens. */
export interface RefView {
  id: string;
  name: string;
  url?: string;
}

/** A decision as the panel shows it: the finding's decision without its source range. */
export type DecisionView = Omit<DecisionRef, 'span'>;

/** A control the panel offers; its stub is the text written when it is picked. */
export type MitigationOption = SuggestedMitigation;

export interface FindingView {
  /** The finding's fingerprint: stable across unrelated edits. */
  key: string;
  ruleId: string;
  title: string;
  componentKey: string;
  componentId: string;
  /** Offset of the component's declaration: where decisions about it are written. */
  anchor: number;
  /** The id a decision names: the rule id (`TL001`), so it decides this finding only. */
  threat: string;
  owasp: RefView[];
  atlas: RefView[];
  stride: RefView[];
  lenses: RefView[];
  score: number;
  severity: Severity;
  status: FindingStatus;
  /** Why this matters, in plain words and for the security team. */
  plain: string;
  security: string;
  /** What it costs the business (the rule's), for the briefing. */
  business?: Business;
  mitigations: MitigationOption[];
  decisions: DecisionView[];
}

export interface ComponentView {
  /** `<diagram index>:<id>`: ids repeat across the diagrams of one Markdown file. */
  key: string;
  modelIndex: number;
  id: string;
  label: string;
  kind: ComponentKind;
  kindSource: KindSource;
  kindReason: string;
  /** No declaration and no evidence: no rule checks it (steps of the drawing excluded). */
  unrecognised: boolean;
  boundary?: string;
  properties: Record<string, string>;
  /** The id at its declaration (what the editor selects). */
  span: Span;
  /** Every place the component is written (declaration, label, later mentions). */
  spans: Span[];
  findingCount: number;
  openCount: number;
  /** Highest severity among its open findings. */
  highestOpen?: Severity;
  /** Highest score among its open findings (0 when none is open). */
  openScore: number;
}

export interface BoundaryView {
  modelIndex: number;
  id: string;
  label: string;
  /** Keys of the components directly inside. */
  members: string[];
  parent?: string;
}

export interface FlowView {
  modelIndex: number;
  from: string;
  to: string;
  label?: string;
  /** True when the flow goes from one trust boundary (or none) to another. */
  crossesBoundary: boolean;
}

export interface CategoryView {
  letter: string;
  name: string;
  plain: string;
  examples: string[];
  /** Listed for this kind in the catalog (`appliesTo`); otherwise shown only because a finding cites it. */
  forKind: boolean;
  /** Findings of the component that cite this letter. */
  findingCount: number;
}

export interface LensView {
  id: string;
  name: string;
  plain: string;
  questions: string[];
  findingCount: number;
}

export interface ScopeStep {
  type: 'scope';
  id: 'scope';
  title: string;
}

export interface ComponentStep {
  type: 'component';
  /** `component:<component key>`. */
  id: string;
  title: string;
  componentKey: string;
  stride: CategoryView[];
  lenses: LensView[];
  /** Workshop questions for the component's kind. */
  questions: string[];
  /** Most urgent first: open before decided, then by score. */
  findings: FindingView[];
  /** Mermaid text of the component's attack tree (src/core/attackTree), when it has findings. */
  attackTree?: string;
}

export interface SummaryStep {
  type: 'summary';
  id: 'summary';
  title: string;
}

export type WalkthroughStep = ScopeStep | ComponentStep | SummaryStep;

export interface PlanRow {
  findingKey: string;
  score: number;
  severity: Severity;
  threat: RefView;
  title: string;
  componentKey: string;
  componentLabel: string;
  /** The decided control, or the first suggested one. */
  control: string;
  controlSource: 'decided' | 'suggested';
  status: FindingStatus;
}

export type OpenItemType = 'finding' | 'unknown-kind' | 'step' | 'placeholder-reason' | 'expired';

export interface OpenItem {
  type: OpenItemType;
  text: string;
  /** The step that deals with it. */
  stepId: string;
}

export interface Progress {
  /** Ids of the steps marked done that still exist. */
  done: string[];
  stepsDone: number;
  stepsTotal: number;
  /** Findings with any decision (planned, mitigated, accepted, not applicable). */
  findingsDecided: number;
  findingsTotal: number;
}

export interface Walkthrough {
  system?: string;
  components: ComponentView[];
  boundaries: BoundaryView[];
  flows: FlowView[];
  steps: WalkthroughStep[];
  /** Every finding of the file, in plan order. */
  plan: PlanRow[];
  /** Decisions that take a risk instead of reducing it, with their reasons. */
  accepted: FindingView[];
  openItems: OpenItem[];
  progress: Progress;
}

/** One drawing of the walkthrough: a Mermaid flowchart generated from one model of the file. */
export interface DiagramView {
  modelIndex: number;
  /** The system name, or "Diagram N (line L)" for untitled ones. */
  title: string;
  /** Mermaid flowchart text to render. */
  source: string;
  /** Mermaid node id → component key. */
  nodes: Record<string, string>;
  /** Mermaid subgraph id → boundary id. */
  boundaries: Record<string, string>;
}

/** What the team has done so far (persisted per file by the host). */
export interface WalkthroughProgressState {
  done: readonly string[];
}
