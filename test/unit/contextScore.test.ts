import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/analysis/finding';
import { findingMessage } from '../../src/core/report/messages';

// Issue 15, point 3: scores from what the diagram shows (reach, what the sink can do, data),
// hygiene kept low, and restraint where a rule does not fit the component.
const engine = new Engine(loadBuiltinCatalog(), { today: '2026-12-01' });
const findings = (text: string): Finding[] => engine.analyze('a.mmd', text)?.findings ?? [];
const on = (text: string, component: string, rule: string): Finding | undefined =>
  findings(text).find((f) => f.componentId === component && f.ruleId === rule);

const OPS = [
  'flowchart LR',
  '  inbox[External support inbox] -->|emails| agent[Ops agent]',
  '  agent --> llm[Claude Sonnet via Bedrock]',
  '  agent --> shell[Shell tool: kubectl on production]',
].join('\n');

describe('context scoring', function () {
  it('an agent one flow from an outside inbox, with shell access and no approval, is critical, and says why', function () {
    const f = on(OPS, 'agent', 'TL042');
    assert.ok(f, 'goal hijack on the agent');
    assert.equal(f.severity, 'critical', `${f.score} ${f.scoreFactors?.join('; ')}`);
    assert.ok(f.scoreFactors?.some((x) => x.startsWith('likelihood +1') && x.includes('External support inbox')), f.scoreFactors?.join('; '));
    assert.ok(f.scoreFactors?.some((x) => x.startsWith('impact +1') && x.includes('run commands')), f.scoreFactors?.join('; '));
  });

  it('the same agent scores lower when its tool can do nothing named, and lower again when no outsider reaches it', function () {
    const tame = OPS.replace('shell[Shell tool: kubectl on production]', 'cal[Calendar lookup]');
    const inside = tame.replace('inbox[External support inbox] -->|emails| agent', 'cron[Nightly scheduler] --> agent');
    const hijack = (text: string) => on(text, 'agent', 'TL042');
    const killSwitch = (text: string) => on(text, 'agent', 'TL053');
    const [full, noSink] = [hijack(OPS), hijack(tame)];
    assert.ok(full && noSink, 'TL042 fires with the inbox');
    assert.ok(full.score > noSink.score, `${full.score} > ${noSink.score}`);
    const [reached, noReach] = [killSwitch(tame), killSwitch(inside)];
    assert.ok(reached && noReach, 'TL053 fires with or without the inbox');
    assert.ok(reached.score > noReach.score, `${reached.score} > ${noReach.score}`);
  });

  it('a component far from every untrusted source loses likelihood', function () {
    const chain = 'flowchart LR\n  u[Customer] --> a[API] --> b[Orchestrator service] --> c[Queue] --> llm[GPT-4o]\n';
    const f = on(chain, 'llm', 'TL001');
    assert.ok(f, 'TL001 still fires');
    assert.ok(f.scoreFactors?.some((x) => x.startsWith('likelihood -1') && x.includes('4 flows')), f.scoreFactors?.join('; '));
  });

  it('hygiene findings stay low, whatever the context', function () {
    const f = on(OPS, 'llm', 'TL039');
    assert.ok(f, 'the named model gets the pinning question');
    assert.equal(f.severity, 'low');
    for (const x of findings(OPS).filter((y) => ['TL026', 'TL039', 'TL040', 'TL041'].includes(y.ruleId))) assert.equal(x.severity, 'low', x.ruleId);
  });

  it('the sink says what a tool server can do, so two servers read differently', function () {
    const text = [
      'flowchart LR',
      '  user[Customer] --> agent[Support agent]',
      '  agent --> pay[Payments MCP server]',
      '  agent --> mail[Email MCP server]',
    ].join('\n');
    const pay = on(text, 'pay', 'TL043');
    const mail = on(text, 'mail', 'TL043');
    assert.ok(pay && mail);
    assert.match(findingMessage(pay), /"pay", which can move money/);
    assert.match(findingMessage(mail), /"mail", which can send messages/);
  });
});

describe('restraint on rules that did not fit', function () {
  it('a model in a "Third-party APIs" group is a provider, not a public target', function () {
    const text = 'flowchart LR\n  subgraph tp[Third-party APIs]\n    gpt[GPT-4o]\n  end\n  app[Backend service] --> gpt\n';
    assert.ok(!on(text, 'gpt', 'TL004'), 'TL004 on a provider-hosted model');
    assert.ok(on(text, 'gpt', 'TL026'), 'the provider finding is the right one');
  });

  it('the version question is asked of a named model, not of a generic model step', function () {
    assert.ok(on('flowchart LR\n  u[User] --> a[GPT-4o]\n', 'a', 'TL039'));
    assert.ok(!on('flowchart LR\n  u[User] --> a[LLM answer step]\n', 'a', 'TL039'));
  });

  it('automated decisions are one finding on the model, not one per component downstream', function () {
    const text = 'flowchart LR\n  u[Customer] --> m[GPT-4o]\n  m -->|refund decision| r[Refund service] --> q[Queue] --> db[(Ledger)]\n';
    const hits = findings(text).filter((f) => f.ruleId === 'TL037');
    assert.deepEqual(hits.map((f) => f.componentId), ['m']);
  });

  it('answers reaching people: the answering model, not the query rewriter', function () {
    const text = 'flowchart LR\n  u[Customer] --> rw[Query rewriter LLM] --> vs[(Vector store)] --> ans[GPT-4o answer] --> u\n';
    assert.ok(on(text, 'ans', 'TL036'));
    assert.ok(!on(text, 'rw', 'TL036'));
  });

  it('user input reaches every model step of a chain, not only the first', function () {
    const text = 'flowchart TD\n  __start__ --> classify\n  classify --> draft_reply\n  draft_reply --> __end__\n';
    const steps = new Set(findings(text).filter((f) => f.ruleId === 'TL001').map((f) => f.componentId));
    assert.ok(steps.has('classify') && steps.has('draft_reply'), [...steps].join(', '));
  });
});
