/** What every step view can do: move between steps, select a component, and record a decision. */
import type { WalkthroughDecision, WalkthroughView } from '../../src/shared/walkthroughProtocol';

export interface DecisionResult {
  ok: boolean;
  message: string;
}

export interface StepContext {
  view: WalkthroughView;
  goTo(stepId: string): void;
  /** Selects the component in the diagram and in the editor. */
  select(componentKey: string): void;
  decide(decision: WalkthroughDecision): Promise<DecisionResult>;
  exportDoc(what: 'report' | 'briefing' | 'briefing-html' | 'workshop'): void;
  markDone(stepId: string, done: boolean): void;
}

export const SEVERITY_LABEL: Readonly<Record<string, string>> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low' };

export const STATUS_LABEL: Readonly<Record<string, string>> = {
  open: 'open', planned: 'mitigation planned', mitigated: 'mitigated', accepted: 'risk accepted', 'not-applicable': 'not applicable',
};
