/**
 * Uses a model card should rule out while a threat is still open or only accepted, by the OWASP
 * risk the rule cites (its declared ids: 2025 LLM and 2026 agentic). Our own words; each line is
 * what a reader of the card should not do with the model until the threat is dealt with.
 */
export const OUT_OF_SCOPE: Readonly<Record<string, string>> = {
  LLM01: 'Acting on its answers to untrusted text (web pages, uploads, e-mails) without a check: instructions hidden in that text may be followed.',
  LLM02: 'Giving it data the people it answers may not see: it can repeat that data back.',
  LLM03: 'Uses that need the model and its dependencies to stay as reviewed: a provider or package can change underneath.',
  LLM04: 'High-stakes use before its training and retrieval data are checked for tampering: poisoned data changes what it does.',
  LLM05: 'Passing its output straight into code, queries, shells or pages: treat the output as untrusted input.',
  LLM06: 'Letting it take actions with real effects (payments, messages, changes to records) without a person approving them.',
  LLM07: 'Keeping secrets or access rules in its instructions: users can get it to reveal them.',
  LLM08: 'Answering from a knowledge base that outsiders can write to, or that is shared across users without per-user filtering.',
  LLM09: 'Decisions that depend on its answers being right, without grounding in sources or human review.',
  LLM10: 'Open public use without limits on rate, input size and spend.',
  ASI01: 'Unattended runs over outside content: that content can redirect what the agent is trying to do.',
  ASI02: 'Tools it can call on untrusted input without limits on what they may do.',
  ASI03: 'Acting for users under an identity or privileges broader than each user\'s own.',
  ASI04: 'Relying on tools or MCP servers that are not pinned to a reviewed version.',
  ASI05: 'Running code it writes outside a sandbox.',
  ASI06: 'Long-term memory that untrusted input can write to or other users can read.',
  ASI07: 'Exchanging messages with other agents across a trust boundary without checking who sent them.',
  ASI08: 'Chains of agents acting on each other\'s output with no checks or limits between them.',
  ASI09: 'Approvals where the reviewer sees only the agent\'s own account of what it will do.',
  ASI10: 'Running unattended without a way to stop it and a record of what it did.',
};

/** For rules filed under no OWASP risk (STRIDE or ATLAS only), the line by rule id. */
export const OUT_OF_SCOPE_BY_RULE: Readonly<Record<string, string>> = {
  TL040: 'Uses where someone may later need to know what it was asked and what it answered: nothing records that yet.',
  TL060: 'Decisions that outsiders gain from and can shape the input to (fraud, moderation, access): crafted inputs can flip its output.',
  TL064: 'Serving data from a store that outsiders reach without authentication.',
};

/** `LLM01:2025` -> `LLM01`. */
export const riskBase = (id: string): string => id.split(':')[0];
