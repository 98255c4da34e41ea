/** What the analysis produces for every host: diagnostics, hovers, reports and the CLI. */
import type { Span } from '../model';
import type { Business, Lens, StrideLetter } from '../rules/schema';

export type FindingStatus = 'open' | 'planned' | 'mitigated' | 'accepted' | 'not-applicable';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface EvidenceHop {
  componentId: string;
  span: Span;
}

export interface DecisionRef {
  type: 'mitigates' | 'accepts' | 'not-applicable';
  threat: string;
  text: string;
  status?: string;
  owner?: string;
  expires?: string;
  /** An acceptance whose expiry date is past: the finding is open again. */
  expired?: boolean;
  /**
   * The reason (or the control) is still a placeholder (`TODO: …`, blank): the decision is not
   * made yet, so the findings it names stay open.
   */
  incomplete?: boolean;
  /**
   * Rule ids of the findings on the component this decision covers, sorted. A decision naming a
   * rule id covers that one finding; one naming an OWASP or ATLAS id covers every finding citing it.
   */
  covers: string[];
  span: Span;
}

export interface SuggestedMitigation {
  id: string;
  name: string;
  stub: string;
}

export interface Finding {
  ruleId: string;
  componentId: string;
  title: string;
  /** Qualified OWASP ids, e.g. `LLM01:2025`, `ASI01:2026`: every enabled edition's. */
  owasp: string[];
  /**
   * The same ids grouped by risk: one group per id the rule cites, holding that risk's id in each
   * enabled edition (headline edition first), e.g. `[["LLM03:2026", "LLM06:2025"], ["ASI02:2026"]]`.
   */
  owaspGroups?: string[][];
  atlas: string[];
  stride: StrideLetter[];
  lenses: Lens[];
  likelihood: number;
  impact: number;
  score: number;
  /** What the component can do, when it is a tool, server or agent whose name or tools say so: `can move money`. */
  sink?: string;
  /** Why the likelihood and impact differ from the rule's (README "Scoring"), one line each. */
  scoreFactors?: string[];
  severity: Severity;
  status: FindingStatus;
  /** The component's id at its declaration. */
  span: Span;
  evidence: EvidenceHop[];
  mitigations: SuggestedMitigation[];
  decisions: DecisionRef[];
  /** Stable across unrelated edits: depends only on the rule and component id. */
  fingerprint: string;
  plain: string;
  security: string;
  /** The rule's business impact, when it has one (every built-in rule does). */
  business?: Business;
}
