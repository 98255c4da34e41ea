/**
 * What a comparison of two threat models produces. The base side is either analysed files (a git
 * revision) or a baseline file; the head side is always analysed files, because reports need the
 * full finding (explanations, suggested fixes, lines) only the head has.
 */
import type { DecisionRef, Finding, FindingStatus, Severity } from '../analysis/finding';

/** One finding of the base side: enough to match it and to say what it was. */
export interface FindingRecord {
  path: string;
  fingerprint: string;
  ruleId: string;
  componentId: string;
  owasp: string[];
  status?: FindingStatus;
  severity?: Severity;
  score?: number;
  title?: string;
  /** 1-based line in the base revision, when the base is a revision. */
  line?: number;
}

/** A head-side finding and where it is. */
export interface DiffFinding {
  path: string;
  /** 1-based line and column of the component's declaration. */
  line: number;
  column: number;
  finding: Finding;
  /** The acceptance whose expiry date has passed, when that is why the finding is open. */
  expired?: DecisionRef;
}

export interface StatusChange extends DiffFinding {
  from: FindingStatus;
  to: FindingStatus;
}

export type ResolvedReason = 'file-removed' | 'component-removed' | 'no-longer-applies';

export interface ResolvedFinding {
  record: FindingRecord;
  reason: ResolvedReason;
}

export interface ComponentChange {
  path: string;
  id: string;
  label: string;
  kind: string;
  /** 1-based line on its side (head for added, base for removed). */
  line: number;
}

export interface FlowChange {
  path: string;
  from: string;
  to: string;
  label?: string;
  line: number;
}

export interface DiffSide {
  /** `main`, `HEAD~1`, `working tree`, `baseline threatlens-baseline.json`. */
  label: string;
  kind: 'revision' | 'working-tree' | 'baseline';
}

export interface ThreatDiff {
  base: DiffSide;
  head: DiffSide;
  /** Findings only in the head (and not recorded in the baseline), highest risk first. */
  newFindings: DiffFinding[];
  /** Findings only in the base. */
  resolved: ResolvedFinding[];
  /** Findings in both whose status differs (open → planned → mitigated, accepted, not-applicable, and back). */
  statusChanges: StatusChange[];
  /**
   * Every head finding that is open because its risk acceptance expired, changed or not: the
   * engine compares expiry dates with today on both sides, so an expiry rarely shows up as a
   * status change, and a reviewer must still hear about it.
   */
  reopened: DiffFinding[];
  components: { added: ComponentChange[]; removed: ComponentChange[] };
  flows: { added: FlowChange[]; removed: FlowChange[] };
  files: { added: string[]; removed: string[] };
  /** New findings left out because the baseline already records them. */
  baselined: number;
  /** Findings present on both sides with the same status. */
  unchanged: number;
}
