import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { findingMessage } from '../../src/core/report/messages';

const engine = new Engine(loadBuiltinCatalog(), { today: '2026-12-01' });
const on = (text: string, ruleId: string): string[] =>
  engine.analyze('d.mmd', text)!.findings.filter((f) => f.ruleId === ruleId).map((f) => f.componentId).sort();
const chart = (...lines: string[]) => ['flowchart LR', ...lines.map((l) => `  ${l}`)].join('\n');

describe('threat classes beyond prompts', () => {
  it('TL057 SSRF: a fetcher the model drives from untrusted input, not a search API or an unreachable fetcher', () => {
    const agent = ['user[Customer] --> bot[Research agent]', 'bot --> llm[GPT-4o]'];
    assert.deepEqual(on(chart(...agent, 'bot -->|open link| fetch[URL fetch tool]'), 'TL057'), ['fetch']);
    assert.deepEqual(on(chart(...agent, 'bot -->|query| search[Web search tool]'), 'TL057'), []);
    assert.deepEqual(on(chart('cron[Nightly job] --> bot[Report agent]', 'bot --> fetch[URL fetch tool]'), 'TL057'), []);
    assert.deepEqual(on(chart(...agent, 'bot --> fetch[URL fetch tool]', '%% @component fetch egress-allowlist=docs-domains'), 'TL057'), []);
  });

  it('TL058 weight theft: a registry holding weights trained here, not a mirror of public models', () => {
    assert.deepEqual(on(chart('ds[(Training dataset)] --> train[Fine-tuning job]', 'train --> reg[MLflow model registry]', 'reg --> serve[Model server]'), 'TL058'), ['reg']);
    assert.deepEqual(on(chart('hub[Hugging Face Hub] --> reg[MLflow model registry]', 'reg --> serve[Model server]'), 'TL058'), []);
    assert.deepEqual(on(chart('train[Fine-tuning job] --> reg[MLflow model registry]', '%% @component reg access-control=release-role-only'), 'TL058'), []);
  });

  it('TL059 multimodal injection: images from outside reach a vision-language model', () => {
    assert.deepEqual(on(chart('user[Customer] -->|photo of receipt| vlm[GPT-4o vision-language model]'), 'TL059'), ['vlm']);
    assert.deepEqual(on(chart('user[Customer] -->|question| llm[Llama 3 chat model]'), 'TL059'), []);
  });

  it('TL060 evasion: a classifier fed by outsiders, filed under ATLAS with no OWASP LLM id', () => {
    const text = chart('user[Merchant] -->|transaction| api[Payments API]', 'api --> fraud[Fraud classifier]', 'fraud --> ledger[(Ledger)]');
    const f = engine.analyze('d.mmd', text)!.findings.find((x) => x.ruleId === 'TL060');
    assert.ok(f, 'fires on the fraud classifier');
    assert.equal(f.componentId, 'fraud');
    assert.deepEqual(f.owasp, []);
    assert.deepEqual(f.atlas, ['AML.T0015', 'AML.T0043']);
    assert.match(findingMessage(f, engine.lookup), /^AML\.T0015 Evade AI Model: Crafted inputs/);
    assert.deepEqual(on(chart('batch[(Warehouse)] --> churn[Churn prediction model]'), 'TL060'), []);
  });

  it('TL061 and TL062 fire on the aggregator of a federated system, not on its clients', () => {
    const text = readFileSync('examples/federated-learning.mmd', 'utf8');
    assert.deepEqual(on(text, 'TL061'), ['agg', 'coord']);
    assert.deepEqual(on(text, 'TL062'), ['agg', 'coord']);
    const dp = text.replace('%% @component typed data=pii', '%% @component typed data=pii\n    %% @component agg differential-privacy=epsilon-8 robust-aggregation=trimmed-mean');
    assert.deepEqual(on(dp, 'TL061'), ['coord']);
    assert.deepEqual(on(dp, 'TL062'), ['coord']);
    // A central training job is not federated.
    assert.deepEqual(on(chart('ds[(Dataset)] --> a[Training job]', 'a --> b[Training job stage 2]'), 'TL061'), []);
  });

  it('TL063 generated media: an image generator whose pictures reach people, not a voice read-out', () => {
    assert.deepEqual(on(chart('user[User] --> app[Web app]', 'app --> gen[Stable Diffusion image generator]', 'gen -->|image| app'), 'TL063'), ['gen']);
    assert.deepEqual(on(chart('user[User] --> app[Voice app]', 'app --> tts[Text to speech]', 'tts -->|audio| app'), 'TL063'), []);
  });

  it('TL064 plain STRIDE: a sensitive store outsiders reach directly, headed by its STRIDE category', () => {
    const text = chart('user[Customer] --> crm[(CRM database)]', '%% @component crm data=pii');
    const f = engine.analyze('d.mmd', text)!.findings.find((x) => x.ruleId === 'TL064');
    assert.ok(f);
    assert.match(findingMessage(f, engine.lookup), /^STRIDE Spoofing: Sensitive data store/);
    assert.deepEqual(on(chart('user[Customer] --> api[Orders API]', 'api --> crm[(CRM database)]', '%% @component crm data=pii'), 'TL064'), []);
    assert.deepEqual(on(chart('user[Customer] --> crm[(CRM database)]', '%% @component crm data=pii auth=oauth'), 'TL064'), []);
  });

  it('content an agent fetches comes back against the arrow: a wiki it searches feeds its model, one it writes to does not', () => {
    const read = chart('agent[Research agent] -->|search pages| wiki[Confluence wiki]', 'agent --> llm[GPT-4o]');
    assert.deepEqual(on(read, 'TL002'), ['llm']);
    const write = chart('agent[Research agent] -->|post summary| wiki[Confluence wiki]', 'agent --> llm[GPT-4o]');
    assert.deepEqual(on(write, 'TL002'), []);
    // A transactional API (payments) answers with a status, not content to follow: no read-back there.
    assert.deepEqual(on(chart('agent[Refund agent] -->|refund| stripe[Stripe API]', 'agent --> llm[GPT-4o]'), 'TL002'), []);
  });
});
