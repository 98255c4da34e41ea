import { strict as assert } from 'node:assert';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';

// Issue 15, point 3: a request never travels through a training pipeline, a dataset or a model
// registry; those carry data at build time. Runtime path rules stop there, build-time rules do not.
const engine = new Engine(loadBuiltinCatalog(), { today: '2026-12-01' });
const rulesOn = (text: string, id: string) =>
  new Set((engine.analyze('a.mmd', text)?.findings ?? []).filter((f) => f.componentId === id).map((f) => f.ruleId));

const CHAIN = [
  'flowchart LR',
  '  employee([Employee]) -->|uploads notes| docs[Shared documents]',
  '  docs --> train[Fine-tuning job]',
  '  train --> registry[(Model registry)]',
  '  registry --> serve[Llama 3 chat model]',
].join('\n');

describe('runtime and build-time paths', function () {
  it('a path through training and the registry is not a request path to the served model', function () {
    const onServe = rulesOn(CHAIN, 'serve');
    for (const id of ['TL001', 'TL033']) assert.ok(!onServe.has(id), `${id} fired on the served model through the build chain: ${[...onServe].join(', ')}`);
  });

  it('build-time rules still follow the same flows into training', function () {
    const onTrain = rulesOn(CHAIN, 'train');
    assert.ok(onTrain.has('TL020'), `untrusted content into training: ${[...onTrain].join(', ')}`);
  });

  it('a real request path to the model still fires', function () {
    const direct = `${CHAIN}\n  employee --> chat[Chat UI] --> serve`;
    const onServe = rulesOn(direct, 'serve');
    assert.ok(onServe.has('TL001') || onServe.has('TL033'), `request path: ${[...onServe].join(', ')}`);
  });
});
