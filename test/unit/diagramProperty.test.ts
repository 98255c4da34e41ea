/**
 * Property tests for the C4, architecture-beta and sequence parsers: whatever they are given,
 * they never throw, never hang, keep every range inside the text, and a component's range holds
 * exactly its id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkedMermaidParse, propertyRunner } from './support/property';

// Reproducible in CI; elsewhere every run explores new inputs, and the seed is printed to replay one.
const prop = propertyRunner(20_260_124, __filename);
const runs = { ci: 400, local: 200 };


const COMMON = [' ', '  ', '\n', '\r\n', '\t', ';', ',', ':', '"', "'", '(', ')', '[', ']', '{', '}', '<', '>', '-', '#', '%', '%%', '%% c\n',
  '%% @mitigates a against LLM01 with "x" (planned)\n', '%% @component "a b" kind=llm\n', '%%{init: {}}%%', '#quot;', '<br>', 'é', '🚀', '\u0000', '\uD800', 'a', 'B', 'x y'];
const C4 = ['C4Context\n', 'C4Container\n', 'Person', 'Person_Ext', 'System', 'SystemDb', 'Container', 'ContainerDb_Ext', 'Component', 'Boundary', 'System_Boundary',
  'Deployment_Node', 'Rel', 'BiRel', 'Rel_U', 'RelIndex', 'UpdateRelStyle', '(a, "A")', '(a, b, "x")', '(b, "B", "Qdrant", "d")', '$techn="x"', '$', '=', 'title t\n'];
const ARCH = ['architecture-beta\n', 'group', 'service', 'junction', ' in ', 'g', 'j', '(cloud)', '(database)', '(logos:x)', '[T]', '["q"]',
  ':R', ':L', 'R:', 'L:', '--', '-->', '<--', '-[x]-', '{group}', 'a:R -- L:b\n'];
const SEQ = ['sequenceDiagram\n', 'participant ', 'actor ', ' as ', 'box ', 'box rgb(1,2,3) T\n', 'end', 'loop', 'alt', 'else', 'par', 'and', 'critical',
  'option', 'break', 'rect', 'opt', 'note over ', 'left of', 'create ', 'destroy ', 'activate ', '->>', '-->>', '-x', '--)', '<<->>', '+', '@{ "type": "database" }',
  'A->>B: hi\n', 'autonumber\n'];

const soup = (header: string, tokens: string[]) =>
  fc.array(fc.constantFrom(...COMMON, ...tokens), { maxLength: 150 }).map((t) => `${header}\n${t.join('')}`);

function corpusFiles(): string[] {
  const root = path.resolve(__dirname, '..', 'corpus');
  const out: string[] = [];
  for (const dir of ['real-c4', 'real-architecture', 'real-sequence']) {
    for (const f of readdirSync(path.join(root, dir))) if (f.endsWith('.mmd')) out.push(readFileSync(path.join(root, dir, f), 'utf8'));
  }
  for (const f of ['35-c4-arguments.mmd', '36-architecture-junctions.mmd', '37-sequence-blocks.mmd']) out.push(readFileSync(path.join(root, 'syntax', f), 'utf8'));
  return out;
}

const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.constantFrom('', ...COMMON, ...C4, ...ARCH, ...SEQ) });
const mutate = (text: string, m: { at: number; cut: number; insert: string }) => {
  const i = text.length ? m.at % text.length : 0;
  return text.slice(0, i) + m.insert + text.slice(i + m.cut);
};

describe('C4, architecture and sequence parsers: properties', function () {
  this.timeout(120_000);

  before(prop.announce);

  for (const [name, header, tokens] of [['C4', 'C4Container', C4], ['architecture-beta', 'architecture-beta', ARCH], ['sequence', 'sequenceDiagram', SEQ]] as const) {
    it(`${name}: never throws and keeps ranges inside the text`, function () {
      prop.check(fc.property(soup(header, [...tokens]), fc.integer({ min: 0, max: 100_000 }), (text, offset) => {
        checkedMermaidParse(text, offset);
      }), runs);
    });
  }

  it('never throws on mutated real diagrams', function () {
    const corpus = corpusFiles();
    prop.check(fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, ms) => {
      checkedMermaidParse(ms.reduce(mutate, corpus[index]), 7);
    }), runs);
  });

  describe('pathological inputs (each under half a second)', function () {
    const cases: [string, () => string][] = [
      ['C4: 20,000 unclosed argument lists', () => `C4Context\n${'Person(a, "x"\n'.repeat(20_000)}`],
      ['C4: an unterminated string over 50,000 lines', () => `C4Context\nPerson(a, "${'x\n'.repeat(50_000)}`],
      ['C4: 10,000 nested boundaries', () => `C4Context\n${'Boundary(b, "B") {\n'.repeat(10_000)}`],
      ['architecture: a 50,000-character title', () => `architecture-beta\nservice a(server)[${'w '.repeat(25_000)}]\n`],
      ['architecture: a hub junction with 1,000 edges each way', () => `architecture-beta\njunction j\n${Array.from({ length: 1000 }, (_, k) => `service s${k}(server)[S]\ns${k}:R --> L:j\nj:R --> L:s${k}\n`).join('')}`],
      ['sequence: a 50,000-character participant name', () => `sequenceDiagram\nparticipant ${'n '.repeat(25_000)}:x\n`],
      ['sequence: 20,000 dashes in an actor name', () => `sequenceDiagram\nA${'-a'.repeat(20_000)}->>B: x\n`],
      ['sequence: 10,000 open loops', () => `sequenceDiagram\n${'loop x\n'.repeat(10_000)}`],
    ];
    for (const [name, make] of cases) {
      it(name, function () {
        checkedMermaidParse(make(), 0);
      });
    }
  });
});
