/**
 * What the diagram shows around a component, for the score (README "Scoring"): how close the
 * nearest untrusted source is along runtime flows, what the component (or a tool it calls) can
 * do, and whether sensitive data sits on it or next to it. Computed once per model, in time linear
 * in its components and flows, and only when some rule has matched.
 */
import type { Component, ComponentKind } from '../model';
import { kindForRules } from '../model';
import type { ModelGraph } from './graph';
import { BUILD_TIME_SELECTOR, selectorMask, UNTRUSTED_SELECTOR } from './select';
import type { Selector } from '../rules/schema';

export const EXECUTE = 1;
export const PAY = 2;
export const SEND = 4;
export const WRITE = 8;

/** Words that say what a sink can do; word-prefix matched, so none is a prefix of an innocent word. */
const CAPABILITY_WORDS: readonly [number, string, string[]][] = [
  [EXECUTE, 'run commands or code', ['shell', 'bash', 'terminal', 'exec', 'execute', 'executor', 'code interpreter', 'code execution', 'run code', 'python repl', 'repl', 'kubectl', 'ssh', 'subprocess', 'powershell', 'sandbox']],
  [PAY, 'move money', ['payment', 'payments', 'paypal', 'stripe', 'refund', 'refunds', 'wire transfer', 'money transfer', 'billing', 'checkout', 'purchase', 'braintree', 'adyen', 'payout', 'payouts']],
  [SEND, 'send messages', ['email', 'e-mail', 'smtp', 'sendgrid', 'mailgun', 'gmail', 'outlook', 'slack', 'sms', 'twilio', 'whatsapp', 'webhook', 'notify', 'notification', 'tweet']],
  [WRITE, 'change records', ['write', 'writer', 'update', 'delete', 'insert', 'upsert', 'commit', 'merge', 'deploy', 'pull request', 'jira', 'crm']],
];

/** What an agent or model acts through: a capability of these, one flow away, is the caller's. */
const ACTS_THROUGH: ReadonlySet<ComponentKind> = new Set(['tool', 'mcp-server', 'code-executor', 'service', 'external-api', 'datastore', 'web-browser']);
const ACTORS: ReadonlySet<ComponentKind> = new Set(['agent', 'llm']);
const SENSITIVE = new Set(['pii', 'phi', 'pci', 'payment', 'secret', 'secrets', 'credentials', 'confidential', 'restricted']);

export interface ScoreContext {
  /** Whether the diagram shows any untrusted source at all; without one, reach says nothing. */
  anyUntrusted: boolean;
  /** Flows from the nearest untrusted source (0: the component is one), -1 when none reaches it. */
  reach: Int32Array;
  /** The untrusted source of `reach`, as a node number. */
  reachFrom: Int32Array;
  /** Capability bits of the component itself, or of what it acts through for an agent or model. */
  capability: Uint8Array;
  /** The component that gives each capability bit its name in the reason, per node and bit. */
  capabilityVia: Map<number, number>;
  /** Node holding sensitive data: the component itself or a neighbour one flow away; -1 none. */
  sensitiveAt: Int32Array;
}

const cache = new WeakMap<ModelGraph, ScoreContext>();

export function scoreContext(g: ModelGraph): ScoreContext {
  let ctx = cache.get(g);
  if (!ctx) cache.set(g, (ctx = build(g)));
  return ctx;
}

export function capabilityName(bit: number): string {
  return CAPABILITY_WORDS.find(([b]) => b === bit)?.[1] ?? '';
}

/** Whether the component's `data` property (a comma-separated list) names one of `classes`. */
export function holdsDataClass(c: Component, classes: ReadonlySet<string>): boolean {
  const data = c.properties.data;
  return data !== undefined && data.toLowerCase().split(',').some((d) => classes.has(d.trim()));
}

export function isSensitive(c: Component): boolean {
  return holdsDataClass(c, SENSITIVE);
}

const CAPABILITY_SELECTORS: readonly (readonly [number, string, Selector])[] = CAPABILITY_WORDS.map(([bit, name, words]) => [bit, name, { text: words }]);

function build(g: ModelGraph): ScoreContext {
  const n = g.nodes.length;
  const { outStart, outTo, inStart, inFrom } = g;
  // Requests travel at runtime: training pipelines, datasets and registries are not passed through.
  const untrusted = selectorMask(g, UNTRUSTED_SELECTOR);
  const buildTime = selectorMask(g, BUILD_TIME_SELECTOR);
  const reach = new Int32Array(n).fill(-1);
  const reachFrom = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (untrusted[i]) { reach[i] = 0; reachFrom[i] = i; queue[tail++] = i; }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    if (buildTime[v] && reach[v] > 0) continue;
    for (let k = outStart[v]; k < outStart[v + 1]; k++) {
      const w = outTo[k];
      if (reach[w] !== -1) continue;
      reach[w] = reach[v] + 1;
      reachFrom[w] = reachFrom[v];
      queue[tail++] = w;
    }
  }

  const own = new Uint8Array(n);
  for (const [bit, , selector] of CAPABILITY_SELECTORS) {
    const m = selectorMask(g, selector);
    for (let i = 0; i < n; i++) if (m[i]) own[i] |= bit;
  }
  const capability = new Uint8Array(own);
  const capabilityVia = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let b = 1; b <= WRITE; b <<= 1) if (own[i] & b) capabilityVia.set(i * 16 + b, i);
    if (!ACTORS.has(kindForRules(g.nodes[i]))) continue;
    for (let k = outStart[i]; k < outStart[i + 1]; k++) {
      const w = outTo[k];
      if (!ACTS_THROUGH.has(kindForRules(g.nodes[w]))) continue;
      for (let b = 1; b <= WRITE; b <<= 1) {
        if ((own[w] & b) && !(capability[i] & b)) { capability[i] |= b; capabilityVia.set(i * 16 + b, w); }
      }
    }
  }

  const sensitive = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (isSensitive(g.nodes[i])) sensitive[i] = 1;
  const sensitiveAt = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (sensitive[i]) { sensitiveAt[i] = i; continue; }
    for (let k = outStart[i]; k < outStart[i + 1] && sensitiveAt[i] < 0; k++) if (sensitive[outTo[k]]) sensitiveAt[i] = outTo[k];
    for (let k = inStart[i]; k < inStart[i + 1] && sensitiveAt[i] < 0; k++) if (sensitive[inFrom[k]]) sensitiveAt[i] = inFrom[k];
  }
  return { anyUntrusted: tail > 0 && untrusted.includes(1), reach, reachFrom, capability, capabilityVia, sensitiveAt };
}

const SINK_KINDS: ReadonlySet<ComponentKind> = new Set(['tool', 'mcp-server', 'code-executor', 'agent', 'web-browser']);

/** What a tool, server or agent can do, in words (`can move money and send messages`), or undefined. */
export function sinkWords(g: ModelGraph, at: number, ctx: ScoreContext): string | undefined {
  const cap = ctx.capability[at];
  if (!cap || !SINK_KINDS.has(kindForRules(g.nodes[at]))) return undefined;
  const names = CAPABILITY_WORDS.filter(([b]) => cap & b).map(([, n]) => n);
  return `can ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
}
