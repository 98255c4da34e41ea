import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mermaidString, sourceDirection, toMermaid } from '../../src/core/convert/toMermaid';
import { parseFile } from '../../src/core/document';
import type { SystemModel } from '../../src/core/model';
import { parseMermaid } from '../../src/core/parsers/mermaid';
import { diffAgainstOracle, mermaidOracle } from '../helpers/mermaidOracle';

function models(path: string, text = readFileSync(path, 'utf8')): SystemModel[] {
  const f = parseFile(path, text);
  assert.ok(f, path);
  return f.models;
}

/** Parses the generated text back and checks it describes the same system, through the generator's id map. */
function roundTrip(model: SystemModel, what: string): void {
  const out = toMermaid(model);
  // parseFile = parseMermaid plus kind resolution, so declared kinds can be compared.
  const back = parseFile('generated.mmd', out.text);
  assert.ok(back && back.models.length === 1, `${what}: one model`);
  assert.deepEqual(back.problems.filter((p) => p.severity === 'error'), [], `${what}: errors in\n${out.text}`);
  const m = back.models[0];
  const original = (mid: string) => out.nodes[mid] ?? mid;
  const boundary = (mid: string | undefined) => (mid === undefined ? undefined : out.boundaries[mid] ?? mid);

  assert.deepEqual(m.components.map((c) => original(c.id)).sort(), model.components.map((c) => c.id).sort(), `${what}: components`);
  for (const c of m.components) {
    const o = model.components.find((x) => x.id === original(c.id));
    assert.ok(o);
    assert.equal(c.label, o.label || o.id, `${what}: label of ${o.id}`);
    assert.equal(boundary(c.boundary), o.boundary, `${what}: boundary of ${o.id}`);
    if (o.kindSource === 'declared') assert.equal(c.kind, o.kind, `${what}: declared kind of ${o.id}`);
    assert.deepEqual(c.properties, o.properties, `${what}: properties of ${o.id}`);
  }
  const flows = (fs: SystemModel['flows'], map: (id: string) => string) => fs.filter((f) => !f.invisible).map((f) => `${map(f.from)} -> ${map(f.to)} ${f.label ?? ''} ${f.bidirectional ? '<>' : ''}`).sort();
  assert.deepEqual(flows(m.flows, original), flows(model.flows, (id) => id), `${what}: flows`);
  assert.deepEqual(m.boundaries.map((b) => `${boundary(b.id)} ${b.label} ${boundary(b.parent) ?? ''}`).sort(), model.boundaries.map((b) => `${b.id} ${b.label || b.id} ${b.parent ?? ''}`).sort(), `${what}: boundaries`);
  const decisions = (as: SystemModel['annotations'], map: (id: string) => string) => as.filter((a) => a.type !== 'component').map((a) => `${a.type} ${map(a.target)} ${'threat' in a ? a.threat : ''}`).sort();
  assert.deepEqual(decisions(m.annotations, original), decisions(model.annotations, (id) => id), `${what}: decisions`);
}

const ODD = `threatlens: 1
system: "Odd \\"names\\" & <tags>"
boundaries:
  end: { label: "Trust #1 <b>zone</b>" }
  x: { label: "nested", parent: end }
components:
  end: { kind: llm, label: 'The "end" node', boundary: end }
  1st: { kind: agent, label: "Agent #1 & co <script>alert(1)</script>", boundary: x }
  a-b: { kind: tool, label: "\`code\` [link](javascript:alert(1))" }
  o: { kind: datastore, label: "o" }
  x: { kind: user, label: "x", exposure: public, data: [pii, pci] }
flows:
  - x -> 1st: "ask #now"
  - 1st -> end: 'prompt "quoted"'
  - 1st <-> a-b
  - a-b -> o
`;

describe('toMermaid', function () {
  for (const file of ['examples/rag-support-bot.mmd', 'examples/sql-code-agent.mmd', 'examples/fine-tuning-pipeline.mmd', 'examples/multi-agent-mcp.md', 'examples/travel-agent.threatlens.yaml', 'test/vscode/fixtures/hostile-labels.mmd']) {
    it(`${file}: parsed back by our parser, the same components, flows, boundaries and decisions`, function () {
      models(file).forEach((m, i) => roundTrip(m, `${file}#${i}`));
    });
  }

  it('YAML with ids Mermaid reserves or cannot read, and labels full of markup', function () {
    const [m] = models('odd.threatlens.yaml', ODD);
    roundTrip(m, 'odd');
    const out = toMermaid(m);
    for (const id of Object.keys(out.nodes)) assert.match(id, /^[A-Za-z_][A-Za-z0-9_]*$/);
    assert.ok(!Object.keys(out.nodes).some((id) => ['end', 'o', 'x'].includes(id)), 'reserved and arrow-like ids are renamed');
    const body = out.text.slice(out.text.indexOf('flowchart'));
    assert.ok(!/<|>/.test(body.replace(/<-->|-->|==>|-\.->|<==>|<-\.->/g, '')), `no raw angle bracket outside arrows:\n${out.text}`);
    assert.match(out.text, /^title: "Odd \\"names\\" & <tags>"$/m, 'the title is a YAML string in front matter');
  });

  it('Mermaid itself reads the generated diagrams as our parser does', async function () {
    this.timeout(120_000);
    const all = [
      ...['examples/rag-support-bot.mmd', 'examples/travel-agent.threatlens.yaml', 'examples/multi-agent-mcp.md', 'test/vscode/fixtures/hostile-labels.mmd'].flatMap((f) => models(f)),
      ...models('odd.threatlens.yaml', ODD),
    ];
    for (const m of all) {
      const text = toMermaid(m).text;
      const oracle = await mermaidOracle(text);
      assert.equal(oracle.kind, 'flowchart', `Mermaid rejects:\n${text}\n${oracle.kind === 'error' ? oracle.message : ''}`);
      if (oracle.kind !== 'flowchart') continue;
      assert.deepEqual(diffAgainstOracle(parseMermaid(text), oracle), [], text);
    }
  });

  it('writes labels as quoted strings with entity codes', function () {
    assert.equal(mermaidString('a "b" <c> & #d `e`'), '"a #quot;b#quot; #lt;c#gt; #amp; #35;d #96;e#96;"');
    assert.equal(mermaidString(' two\nlines '), '"two lines"');
  });

  it('keeps the direction, leaves annotations out on request, and reads a header direction', function () {
    const [m] = models('examples/sql-code-agent.mmd');
    const plain = toMermaid(m, { direction: 'TD', annotations: false, title: false });
    assert.match(plain.text, /^flowchart TD\n/);
    assert.ok(!plain.text.includes('%%'));
    assert.equal(sourceDirection('%% c\ngraph TD\n a-->b'), 'TD');
    assert.equal(sourceDirection('flowchart-elk RL\n'), 'RL');
    assert.equal(sourceDirection('flowchart\n a'), undefined);
  });
});
