/**
 * What the attacker is after, in words a red-teamer would use: one phrase per OWASP risk, with
 * the component's label in it. An agentic (ASI, 2026) id wins when the finding cites one: it names
 * the agent's own harm (a hijacked goal, code run through a tool) more exactly than the LLM id
 * next to it. Else the 2025 LLM id; STRIDE gives the phrase for a rule citing neither.
 */
import type { Finding } from '../analysis/finding';
import type { Component } from '../model';

type Phrase = (c: string) => string;

const BY_OWASP: Readonly<Record<string, Phrase>> = {
  'LLM01:2025': (c) => `Make ${c} follow the attacker's instructions instead of its own`,
  'LLM02:2025': (c) => `Get ${c} to hand over data the attacker may not see`,
  'LLM03:2025': (c) => `Run ${c} on a model or package the attacker has tampered with`,
  'LLM04:2025': (c) => `Plant content that ${c} will learn from or retrieve as if it were true`,
  'LLM05:2025': (c) => `Make ${c} deliver attacker-made output to the people or systems that use it`,
  'LLM06:2025': (c) => `Make ${c} take actions it should not, on the attacker's behalf`,
  'LLM07:2025': (c) => `Read the hidden instructions of ${c}`,
  'LLM08:2025': (c) => `Control or read what ${c} retrieves`,
  'LLM09:2025': (c) => `Make ${c} mislead the people who rely on its answers`,
  'LLM10:2025': (c) => `Drain, block or copy ${c} through unchecked use`,
  'ASI01:2026': (c) => `Hijack the goal ${c} is working towards`,
  'ASI02:2026': (c) => `Turn the tools of ${c} against their owner`,
  'ASI03:2026': (c) => `Borrow the identity or privileges of ${c}`,
  'ASI04:2026': (c) => `Slip a tampered tool, agent or package into ${c}`,
  'ASI05:2026': (c) => `Run the attacker's code through ${c}`,
  'ASI06:2026': (c) => `Poison what ${c} remembers or reads as context`,
  'ASI07:2026': (c) => `Forge or read the messages ${c} exchanges with other agents`,
  'ASI08:2026': (c) => `Start a failure in ${c} that spreads to the systems after it`,
  'ASI09:2026': (c) => `Use the trust people place in ${c} to make them act`,
  'ASI10:2026': (c) => `Make ${c} act outside its mandate without anyone noticing`,
};

const BY_STRIDE: Readonly<Record<string, Phrase>> = {
  S: (c) => `Pass as someone else to ${c}`,
  T: (c) => `Change what ${c} holds or does`,
  R: (c) => `Act through ${c} without leaving a trace`,
  I: (c) => `Read what ${c} should keep private`,
  D: (c) => `Take ${c} out of service`,
  E: (c) => `Gain more power through ${c} than granted`,
};

/** The OWASP id the goal is written from, when the finding has one with a phrase. */
export function goalRisk(f: Finding): string | undefined {
  return f.owasp.find((id) => id.startsWith('ASI') && id in BY_OWASP) ?? f.owasp.find((id) => id in BY_OWASP);
}

export function componentName(c: Component): string {
  return c.label.trim() !== '' ? c.label : c.id;
}

export function goalText(f: Finding, c: Component): string {
  const risk = goalRisk(f);
  const phrase = (risk ? BY_OWASP[risk] : undefined) ?? BY_STRIDE[f.stride[0] ?? 'T'] ?? BY_STRIDE.T;
  return phrase(componentName(c));
}
