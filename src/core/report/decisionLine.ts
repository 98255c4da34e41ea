/**
 * One decision as the Markdown report and the hover show it, every user string escaped: the hover
 * escapes all markup, the report (read raw in pull requests) only what Markdown would misread.
 */
import type { DecisionRef } from '../analysis/finding';
import { escapeMarkdown } from './escape';
import { decisionScope, decisionWhat } from './messages';

/**
 * `accepted (LLM10:2025, covers TL036, TL040): the reason (owner ana, until 2027-01-01)`: the
 * scope only when the decision names more than the finding's rule, so a hand-written OWASP-id
 * decision says which findings it closes.
 */
export function decisionLine(d: DecisionRef, ruleId: string, esc: (s: string) => string = escapeMarkdown): string {
  const what = decisionWhat(d).replace(/, expired$/, ', **expired**').replace(/ incomplete$/, ' **incomplete**');
  const scope = decisionScope(d, ruleId);
  const extra = [d.owner ? `owner ${esc(d.owner)}` : '', d.expires ? `until ${esc(d.expires)}` : ''].filter(Boolean).join(', ');
  return `${what}${scope ? ` (${esc(scope)})` : ''}: ${esc(d.text)}${extra ? ` (${extra})` : ''}`;
}
