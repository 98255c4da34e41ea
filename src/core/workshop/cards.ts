/**
 * One question card per component step of the walkthrough: the STRIDE-for-AI questions for its
 * kind (and for each AI lens that applies to it or that a finding cites), then each finding in two
 * voices with the controls to choose from and room to write the decision.
 */
import type { ComponentKind } from '../model';
import type { ComponentStep, ComponentView, FindingView } from '../walkthrough/types';
import type { CardFinding, QuestionCard, QuestionGroup, SyntaxFormat } from './types';
import { findingWriteBack, kindWriteBack } from './writeBack';

/**
 * Kinds the STRIDE-for-AI part of the method is about: models, what feeds their context, what
 * they can act through, and the build pipeline behind them.
 */
export const AI_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>([
  'llm', 'agent', 'tool', 'mcp-server', 'code-executor', 'web-browser', 'vector-store', 'embedding-model',
  'memory', 'prompt-template', 'guardrail', 'training-pipeline', 'dataset', 'model-registry', 'ml-model',
]);

function cardFinding(f: FindingView, syntax: SyntaxFormat): CardFinding {
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    score: f.score,
    status: f.status,
    owasp: f.owasp,
    stride: f.stride,
    plain: f.plain,
    security: f.security,
    options: f.mitigations,
    decisions: f.decisions.map((d) => ({
      type: d.type, threat: d.threat, text: d.text,
      ...(d.status ? { status: d.status } : {}), ...(d.owner ? { owner: d.owner } : {}), ...(d.expires ? { expires: d.expires } : {}),
      ...(d.expired ? { expired: true } : {}), ...(d.incomplete ? { incomplete: true } : {}),
    })),
    writeBack: f.status === 'open' ? findingWriteBack(syntax, f.componentId, f.ruleId, f.mitigations[0]?.stub) : [],
  };
}

function questionGroups(step: ComponentStep, kind: ComponentKind): QuestionGroup[] {
  const groups: QuestionGroup[] = [];
  if (step.questions.length) groups.push({ source: 'kind', heading: `About this ${kind}`, questions: [...step.questions] });
  for (const l of step.lenses) if (l.questions.length) groups.push({ source: l.id, heading: l.name, questions: [...l.questions] });
  return groups;
}

function noteFor(c: ComponentView, findings: readonly CardFinding[], syntax: SyntaxFormat, ai: boolean): string | undefined {
  if (c.unrecognised) {
    const line = kindWriteBack(syntax, c.id);
    return `Threatlens did not recognise what this component is, so no rule checked it and the catalog has no questions for it. Agree on its kind first${line ? ` and write it back (${line})` : ''}; the next analysis then finds its threats.`;
  }
  if (findings.length === 0) {
    return ai
      ? 'No rule flagged this component. Use the questions to check that the diagram tells the whole story about it (its data, who can reach it, what it can do).'
      : 'Not an AI component, and no rule flagged it. Keep the slot short: ask whether data it sends or holds ends up in front of a model.';
  }
  if (findings.every((f) => f.status !== 'open')) return 'Every finding here already has a decision: confirm that each still holds (planned work done, acceptances still true and not near expiry).';
  return undefined;
}

export function buildCards(steps: readonly ComponentStep[], components: ReadonlyMap<string, ComponentView>, syntax: SyntaxFormat): QuestionCard[] {
  const cards: QuestionCard[] = [];
  for (const step of steps) {
    const c = components.get(step.componentKey);
    if (!c) continue;
    const findings = step.findings.map((f) => cardFinding(f, syntax));
    const ai = AI_KINDS.has(c.kind);
    const note = noteFor(c, findings, syntax, ai);
    cards.push({
      componentKey: c.key,
      componentId: c.id,
      label: c.label || c.id,
      title: step.title,
      kind: c.kind,
      kindReason: c.kindReason,
      unrecognised: c.unrecognised,
      ai,
      ...(c.boundary ? { boundary: c.boundary } : {}),
      stride: step.stride.map((s) => ({ letter: s.letter, name: s.name, plain: s.plain })),
      questions: questionGroups(step, c.kind),
      findings,
      ...(note ? { note } : {}),
    });
  }
  return cards;
}
