/**
 * The agent layer: what the MCP server (src/cli/mcp/) and the VS Code language model tools
 * (src/extension/lmTools/) both do, on a file's text and an Engine. Reading and writing files,
 * and keeping them inside the root the user allowed, is the hosts' part.
 */
export { checkedFile, checkLines, type AgentFile, type AgentFinding } from './check';
export { explainThreat, explanationText, unknownThreatText, type Explanation } from './explain';
export { findingFixes, type FindingFix } from './fixes';
export { findFinding, planDecision, DECISION_STATUSES, type DecisionInput, type DecisionPlan } from './decide';
export { writtenLines } from './written';
export { decisionInputOf, plannedWrite, writtenText, DECISION_KINDS } from './input';
