/** `threatlens convert`: YAML → Mermaid flowchart → YAML keeps declarations, properties and decisions. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/main';
import { toYaml } from '../../src/core/convert/toYaml';
import { parseFile } from '../../src/core/document';
import { Engine } from '../../src/core/engine';

const cli = (args: string[]) => {
  let out = '';
  let err = '';
  const code = run(args, process.cwd(), { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
};
const engine = new Engine(undefined, { today: '2026-11-23' });
const statuses = (path: string, text: string) => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return r.findings.map((f) => `${f.ruleId} ${f.componentId.replace(/-/g, '_')} ${f.status}`).sort();
};

describe('threatlens convert', function () {
  it('turns a YAML model into a Mermaid flowchart and back, keeping what it declares and decides', function () {
    const path = 'examples/travel-agent.threatlens.yaml';
    const yaml = readFileSync(path, 'utf8');
    const toMmd = cli(['convert', path]);
    assert.equal(toMmd.code, 0, toMmd.err);
    assert.match(toMmd.out, /^---\ntitle: "Travel booking assistant"\n---\nflowchart LR\n/);
    assert.match(toMmd.out, /%% @mitigates assistant against LLM06:2025 with "bookings above 500 EUR need the traveller's confirmation in the app" \(implemented\)/);
    // The same findings with the same statuses (Mermaid ids use `_` for `-`).
    assert.deepEqual(statuses('t.mmd', toMmd.out), statuses(path, yaml));
    const back = parseFile('t.mmd', toMmd.out);
    assert.ok(back);
    const again = toYaml(back.models[0]);
    const reread = parseFile('back.threatlens.yaml', again);
    assert.ok(reread);
    assert.deepEqual(reread.problems, []);
    const assistant = reread.models[0].components.find((c) => c.id === 'assistant');
    assert.equal(assistant?.kindSource, 'declared');
    assert.equal(assistant?.boundary, 'cloud');
    assert.deepEqual(statuses('back.threatlens.yaml', again), statuses(path, yaml));
  });

  it('turns a Mermaid diagram into a valid Threatlens YAML model with its decisions', function () {
    const r = cli(['convert', 'examples/rag-support-bot.mmd']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^threatlens: 1\n/);
    const file = parseFile('rag.threatlens.yaml', r.out);
    assert.ok(file);
    assert.deepEqual(file.problems, []);
    const mmd = readFileSync('examples/rag-support-bot.mmd', 'utf8');
    const decided = (s: string[]) => s.filter((x) => !x.endsWith(' open'));
    assert.deepEqual(decided(statuses('rag.threatlens.yaml', r.out)), decided(statuses('examples/rag-support-bot.mmd', mmd)));
  });

  it('reports usage errors and files without a model', function () {
    assert.equal(cli(['convert']).code, 2);
    assert.equal(cli(['convert', 'LICENSE']).code, 2);
    assert.equal(cli(['convert', 'examples/multi-agent-mcp.md']).code, 2, 'two diagrams: which one?');
  });
});
