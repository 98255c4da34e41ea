/**
 * Naming conventions: a function-style step name (`generate_sql`, `classifyIntent`,
 * `extract-keywords`, or a bare verb such as `draft`) says its role with its first word, the
 * verb. Model steps write, judge or transform text; tool steps act on something outside.
 * Retrieval verbs are left out: "retrieve" or "search" steps are plain code around a store.
 */
import type { ComponentKind } from '../model';
import { tokenize } from './tokens';

const VERB_KINDS: Record<string, ComponentKind> = {};
const MODEL_VERBS = [
  'generate', 'synthesize', 'synthesise', 'summarize', 'summarise', 'draft', 'write', 'compose', 'classify', 'categorize',
  'categorise', 'grade', 'rewrite', 'rephrase', 'reflect', 'critique', 'answer', 'respond', 'extract', 'parse', 'rank',
  'evaluate', 'judge', 'score', 'translate', 'analyze', 'analyse', 'refine', 'assess', 'explain', 'formulate', 'interpret',
  'infer', 'understand', 'label', 'tag', 'transform', 'chat', 'converse', 'reply', 'insight', 'diagnose', 'predict',
];
const TOOL_VERBS = [
  'execute', 'exec', 'run', 'call', 'invoke', 'fetch', 'send', 'post', 'notify', 'book', 'create', 'update', 'delete',
  'download', 'scrape', 'crawl', 'browse', 'initiate', 'trigger', 'submit', 'publish', 'schedule', 'deploy', 'commit',
];
const AGENT_VERBS = ['plan', 'reason', 'delegate', 'orchestrate', 'supervise'];
for (const v of MODEL_VERBS) VERB_KINDS[v] = 'llm';
for (const v of TOOL_VERBS) VERB_KINDS[v] = 'tool';
for (const v of AGENT_VERBS) VERB_KINDS[v] = 'agent';

/** snake_case, kebab-case, camelCase or one lower-case word: how code names a step. */
const FUNCTION_STYLE = /^(?:[a-z][a-z0-9]*(?:[_-][a-zA-Z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z]+)$/;

export interface StepVerb {
  kind: ComponentKind;
  verb: string;
}

export function stepVerb(name: string): StepVerb | undefined {
  const text = name.trim();
  if (text.length > 60 || !FUNCTION_STYLE.test(text)) return undefined;
  const first = tokenize(text, 60)[0]?.word;
  if (first === undefined) return undefined;
  const kind = VERB_KINDS[first] ?? VERB_KINDS[first.replace(/(?:e?s|ing|ed)$/, '')];
  return kind ? { kind, verb: first } : undefined;
}
