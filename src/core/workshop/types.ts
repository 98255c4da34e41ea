/**
 * The workshop pack as data: what a facilitator prints before a STRIDE-for-AI session on one file.
 * Built from the walkthrough (src/core/walkthrough/), so the session visits the components in the
 * order the panel does and talks about the same findings. Plain JSON-safe objects; the Markdown and
 * HTML writers escape every string that comes from the model file.
 */
import type { DecisionRef, FindingStatus, Severity } from '../analysis/finding';
import type { ComponentKind } from '../model';
import type { MitigationOption, RefView } from '../walkthrough/types';

export type AgendaItemType = 'scope' | 'recap' | 'component' | 'break' | 'close' | 'wrap-up';

export interface AgendaItem {
  type: AgendaItemType;
  title: string;
  minutes: number;
  /** Minutes from the start of its session. */
  start: number;
  /** The card this slot works through (component slots only). */
  cardIndex?: number;
  /** Why the slot has this length, in words (component slots). */
  basis?: string;
}

export interface AgendaSession {
  /** 1-based. */
  index: number;
  items: AgendaItem[];
  minutes: number;
  /** One component's slot alone does not fit the budget: this session runs over it. */
  overrun: boolean;
}

export interface Agenda {
  sessions: AgendaSession[];
  /** Every item of every session, breaks included. */
  totalMinutes: number;
  /** The session length asked for (`--minutes`), if any. */
  budget?: number;
}

export interface Role {
  id: 'facilitator' | 'scribe' | 'system-owner' | 'data-scientist' | 'security-engineer';
  name: string;
  does: string;
  /** What the facilitator should ask this person to bring. */
  brings: string;
}

export interface QuestionGroup {
  /** `kind` for the questions about the component's kind, otherwise the lens id. */
  source: string;
  heading: string;
  questions: string[];
}

/** A decision as the card shows it: the analysis's decision without its coverage and position. */
export type CardDecision = Omit<DecisionRef, 'covers' | 'span'>;

export interface CardFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  score: number;
  status: FindingStatus;
  owasp: RefView[];
  stride: RefView[];
  /** "What can go wrong", for the whole room and for the security team. */
  plain: string;
  security: string;
  /** "What are we going to do about it": the controls the rule suggests. */
  options: MitigationOption[];
  decisions: CardDecision[];
  /** Lines the scribe can copy into the file once the room has decided (open findings only). */
  writeBack: string[];
}

export interface QuestionCard {
  componentKey: string;
  componentId: string;
  label: string;
  title: string;
  kind: ComponentKind;
  kindReason: string;
  unrecognised: boolean;
  ai: boolean;
  boundary?: string;
  /** STRIDE letters that apply to the kind or that a finding cites. */
  stride: { letter: string; name: string; plain: string }[];
  questions: QuestionGroup[];
  findings: CardFinding[];
  /** Why the card has no finding, or what to do first, when that needs saying. */
  note?: string;
}

export interface DecisionLogRow {
  componentKey: string;
  componentLabel: string;
  ruleId: string;
  /** The finding's headline OWASP entry, when it cites one. */
  threat?: RefView;
  title: string;
  /** A decision recorded in the file, or an empty row the room fills in. */
  recorded: boolean;
  type?: CardDecision['type'];
  /** The id the decision names, when it is not the finding's rule id. */
  named?: string;
  text?: string;
  owner?: string;
  expires?: string;
  /** A mitigation's own status as written: planned, implemented, verified. */
  decisionStatus?: string;
  /** The finding's status (open for empty rows). */
  status: FindingStatus;
  /** Why a row is empty although something is written (a placeholder, an expired acceptance). */
  note?: string;
}

export type SyntaxFormat = 'mermaid' | 'threatlens-yaml' | 'threagile';

export interface WriteBackGuide {
  /** Where the lines go, in words. */
  where: string;
  /** The general form of each decision line. */
  syntax: string[];
  notes: string[];
}

export interface WorkshopPack {
  path: string;
  date: string;
  system?: string;
  syntax: SyntaxFormat;
  agenda: Agenda;
  roles: Role[];
  cards: QuestionCard[];
  decisionLog: DecisionLogRow[];
  /** How to write decisions back, for the file's format. */
  writeBack: WriteBackGuide;
  /** Facts about the input the facilitator must know before the session (no AI part, unknown boxes…). */
  notes: string[];
  counts: { components: number; ai: number; unrecognised: number; findings: number; open: number; decided: number };
}
