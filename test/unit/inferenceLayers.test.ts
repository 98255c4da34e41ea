/**
 * One case per layer of kind and property inference (src/core/inference): declarations, words
 * (registry and curated), step-name verbs, shapes, subgraph context, diagram context, the graph,
 * the no-evidence fallback, and the data / exposure properties with their effect on rules and
 * scores. The diagrams are small synthetic ones written for these tests.
 */
import { strict as assert } from 'node:assert';
import { parseFile } from '../../src/core/document';
import { contextualize } from '../../src/core/analysis/score';
import { Engine } from '../../src/core/engine';
import { kindForRules, type Component } from '../../src/core/model';

function components(text: string, path = 'layers.mmd'): Map<string, Component> {
  const file = parseFile(path, text);
  assert.ok(file, 'not a Threatlens file');
  return new Map(file.models.flatMap((m) => m.components).map((c) => [c.id, c] as const));
}

function one(text: string, id: string): Component {
  const c = components(text).get(id);
  assert.ok(c, `no component ${id}`);
  return c;
}

describe('inference layers', () => {
  describe('declarations', () => {
    it('a declared kind wins over words, graph and context, with confidence 1', () => {
      const c = one('flowchart LR\n  a[GPT-4o router] --> t1[Search tool]\n  a --> t2[Calculator tool]\n  %% @component a kind=guardrail\n', 'a');
      assert.equal(c.kind, 'guardrail');
      assert.equal(c.kindSource, 'declared');
      assert.equal(c.kindConfidence, 1);
    });

    it('a declared property is never replaced by an inferred one', () => {
      const c = one('flowchart LR\n  db[(Patient records)]\n  %% @component db data=confidential\n', 'db');
      assert.equal(c.properties.data, 'confidential');
      assert.equal(c.propertyReasons?.data, undefined);
    });
  });

  describe('words', () => {
    it('knows model families and ML tasks from the registries, with modality', () => {
      const g = components('flowchart LR\n  q[org/qwen3-8b-4bit] --> asr[Automatic Speech Recognition]\n  asr --> img[FLUX image model]\n');
      assert.equal(g.get('q')?.kind, 'llm');
      assert.equal(g.get('asr')?.kind, 'ml-model');
      assert.equal(g.get('asr')?.properties.modality, 'audio');
      assert.equal(g.get('img')?.kind, 'ml-model');
      assert.equal(g.get('img')?.properties.generative, 'true');
    });

    it('an agent that uses an LLM is an agent, and says why with its evidence', () => {
      const c = one('flowchart LR\n  ops[Ops agent - Claude Sonnet via Bedrock]\n', 'ops');
      assert.equal(c.kind, 'agent');
      assert.ok((c.kindEvidence ?? []).some((e) => /agent/i.test(e)), JSON.stringify(c.kindEvidence));
      assert.ok((c.kindConfidence ?? 0) > 0 && (c.kindConfidence ?? 0) < 1);
    });
  });

  describe('step-name verbs', () => {
    it('the verb of a function-style name says the role', () => {
      const g = components('flowchart TD\n  __start__ --> generate_sql --> execute_sql --> grade_documents --> __end__\n');
      assert.equal(g.get('generate_sql')?.kind, 'llm');
      assert.equal(g.get('execute_sql')?.kind, 'tool');
      assert.equal(g.get('grade_documents')?.kind, 'llm');
    });
  });

  describe('shapes', () => {
    it('a cylinder with no known words is a datastore', () => {
      assert.equal(one('flowchart LR\n  o[(Orders)]\n', 'o').kind, 'datastore');
    });
  });

  describe('subgraph context', () => {
    it('a subgraph used as an edge endpoint is one component, its kind from its members', () => {
      const g = components('flowchart LR\n  u[User] --> grp\n  subgraph grp [Crew]\n    a1[Planner agent]\n    a2[Critic agent]\n  end\n');
      const grp = g.get('grp');
      assert.ok(grp, 'the subgraph was not made a component');
      assert.equal(grp.kind, 'agent');
      assert.match(grp.kindReason, /members/);
    });

    it('a generic box inside an "External services" group is an external API run by a provider', () => {
      const c = one('flowchart LR\n  app[Backend] --> x\n  subgraph ext [External services]\n    x[Acme]\n  end\n', 'x');
      assert.equal(c.kind, 'external-api');
      assert.equal(c.properties.exposure, 'third-party');
    });
  });

  describe('diagram context', () => {
    it('a router step of a LangGraph export is an agent', () => {
      const c = one('flowchart TD\n  __start__ --> router\n  router -.-> answer_question\n  answer_question --> __end__\n', 'router');
      assert.equal(c.kind, 'agent');
    });

    it('the clients and server of federated learning are federated training steps', () => {
      const g = components('flowchart LR\n  c1[Client 1 local update] --> s[Server: aggregation]\n  c2[Client 2 local update] --> s\n  note[Federated averaging rounds]\n');
      for (const id of ['c1', 'c2', 's']) {
        assert.equal(g.get(id)?.kind, 'training-pipeline', id);
        assert.equal(g.get(id)?.properties.federated, 'true', id);
      }
    });
  });

  describe('graph', () => {
    it('a node that calls a model and tools is an agent', () => {
      const c = one('flowchart LR\n  hub[Hub] --> m[GPT-4o]\n  hub --> t1[Search tool]\n  hub --> t2[Calculator tool]\n', 'hub');
      assert.equal(c.kind, 'agent');
      assert.match(c.kindReason, /graph/);
    });

    it('a store fed by an embedding step is a vector store', () => {
      const c = one('flowchart LR\n  e[Embedding model] --> s[(Postgres)]\n  r[Retriever] --> s\n', 's');
      assert.equal(c.kind, 'vector-store');
    });

    it('roles an orchestrator agent fans out to are agents, not people', () => {
      const g = components('flowchart LR\n  u[User] --> o[Orchestrator agent]\n  o --> a[Financial Analyst]\n  o --> r[Researcher]\n  o --> c[Critic]\n');
      assert.equal(g.get('u')?.kind, 'user');
      for (const id of ['a', 'r', 'c']) assert.equal(g.get(id)?.kind, 'agent', id);
    });
  });

  describe('fallback', () => {
    it('a box with no evidence gets a generic kind but stays unrecognised', () => {
      const c = one('flowchart LR\n  z[Zorblax]\n', 'z');
      assert.equal(c.kindSource, 'default');
      assert.equal(kindForRules(c), 'unknown');
      assert.ok((c.kindConfidence ?? 1) <= 0.1);
    });
  });

  describe('data and exposure', () => {
    it('data classes come from labels and from flow labels into stores, with reasons', () => {
      const g = components('flowchart LR\n  ehr[(EHR)]\n  app[Order service] -->|card payments| pay[(Orders DB)]\n  crm[(Customer records)]\n');
      assert.equal(g.get('ehr')?.properties.data, 'phi');
      assert.match(g.get('ehr')?.propertyReasons?.data ?? '', /EHR/);
      assert.equal(g.get('pay')?.properties.data, 'payment');
      assert.match(g.get('pay')?.propertyReasons?.data ?? '', /flow/);
      assert.equal(g.get('crm')?.properties.data, 'pii');
      assert.equal(g.get('app')?.properties.data, undefined, 'code that passes data on does not keep it');
    });

    it('an Internet boundary means public exposure; a third-party boundary means a provider', () => {
      const g = components('flowchart LR\n  subgraph net [Internet]\n    w[Web UI]\n  end\n  subgraph tp [Third-party APIs]\n    m[GPT-4o]\n  end\n  w --> m\n');
      assert.equal(g.get('w')?.properties.exposure, 'public');
      assert.equal(g.get('m')?.properties.exposure, 'third-party');
      assert.equal(g.get('m')?.properties.provider, 'third-party');
      assert.match(g.get('w')?.propertyReasons?.exposure ?? '', /Internet/);
    });

    it("a LangGraph export's __start__ is where untrusted input enters, so its model steps get injection findings", () => {
      const text = 'flowchart TD\n  __start__ --> classify_intent\n  classify_intent --> __end__\n';
      const start = one(text, '__start__');
      assert.equal(start.properties.trust, 'untrusted');
      assert.ok(start.propertyReasons?.trust);
      const owasp = new Engine().analyze('graph.mmd', text)?.findings.filter((f) => f.componentId === 'classify_intent').flatMap((f) => f.owasp) ?? [];
      assert.ok(owasp.includes('LLM01:2025'), JSON.stringify(owasp));
    });

    it('inferred sensitive data feeds the rules and the score, as declared data does', () => {
      const engine = new Engine();
      const rules = (label: string) => engine.analyze('rules.mmd', `flowchart LR\n  u[User] --> llm[GPT-4o]\n  llm --> s[(${label})]\n`)?.findings.filter((f) => f.componentId === 'llm').map((f) => f.ruleId) ?? [];
      assert.ok(rules('Patient records').includes('TL030'), 'the sensitive-data disclosure rule did not fire');
      assert.ok(!rules('Orders').includes('TL030'));
      const store = (label: string) => one(`flowchart LR\n  s[(${label})]\n`, 's');
      // No neighbours, no untrusted source: only the component's own data counts.
      const alone = { anyUntrusted: false, reach: Int32Array.of(-1), reachFrom: Int32Array.of(-1), capability: Uint8Array.of(0), capabilityVia: new Map<number, number>(), sensitiveAt: Int32Array.of(-1) };
      const impact = (c: ReturnType<typeof store>) => contextualize({ likelihood: 3, impact: 3, stride: ['T'], hygiene: false }, c, 0, alone, [c]).impact;
      assert.equal(impact(store('Patient records')), 4);
      assert.equal(impact(store('Orders')), 3);
    });
  });
});
