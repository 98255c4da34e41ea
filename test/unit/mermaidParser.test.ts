import assert from 'node:assert/strict';
import type { Component, ParseResult, Span } from '../../src/core/model';
import { parseMermaid } from '../../src/core/parsers/mermaid';

function at(text: string, span: Span | undefined, offset = 0): string | undefined {
  return span && text.slice(span.start - offset, span.end - offset);
}

function comp(r: ParseResult, id: string): Component {
  const c = r.model.components.find((x) => x.id === id);
  assert.ok(c, `no component ${id}; have ${r.model.components.map((x) => x.id).join(', ')}`);
  return c;
}

function codes(r: ParseResult): string[] {
  return r.problems.map((p) => p.code);
}

function ids(r: ParseResult): string[] {
  return r.model.components.map((c) => c.id);
}

function edges(r: ParseResult): string[] {
  return r.model.flows.map((f) => `${f.from}->${f.to}${f.label === undefined ? '' : `[${f.label}]`}`);
}

function problemAt(r: ParseResult, text: string, code: string): string | undefined {
  const p = r.problems.find((x) => x.code === code);
  assert.ok(p, `expected a ${code} problem; got ${codes(r).join(', ') || 'none'}`);
  return at(text, p.span);
}

function clean(text: string): ParseResult {
  const r = parseMermaid(text);
  assert.deepEqual(r.problems, [], 'expected no problems');
  return r;
}

describe('parseMermaid', function () {
  describe('model basics', function () {
    it('fills format, span, name and classDefs', function () {
      const text = '---\ntitle: Support copilot\n---\nflowchart LR\n  classDef llm fill:#f9f\n  A --> B\n';
      const r = clean(text);
      assert.equal(r.model.format, 'mermaid');
      assert.deepEqual(r.model.span, { start: 0, end: text.length });
      assert.equal(r.model.name, 'Support copilot');
      assert.deepEqual(r.model.classDefs, ['llm']);
    });

    it('creates components with the default kind and empty properties', function () {
      const r = clean('flowchart LR\n  A --> B\n');
      assert.deepEqual(comp(r, 'A'), {
        id: 'A', label: 'A', span: { start: 15, end: 16 }, kind: 'unknown', kindSource: 'default', kindReason: '',
        classes: [], properties: {}, references: [],
      });
    });

    it('adds the offset to every span', function () {
      const text = 'flowchart LR\n  A[Bot] -->|q| B\n  subgraph S [T]\n    B\n  end\n  %% @component A kind=llm\n';
      const offset = 1000;
      const r = parseMermaid(text, offset);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.model.span, { start: offset, end: offset + text.length });
      assert.equal(at(text, comp(r, 'A').span, offset), 'A');
      assert.equal(at(text, comp(r, 'A').labelSpan, offset), 'Bot');
      assert.equal(at(text, r.model.flows[0].span, offset), '-->');
      assert.equal(at(text, r.model.flows[0].labelSpan, offset), 'q');
      assert.equal(at(text, r.model.boundaries[0].span, offset), 'S');
      assert.equal(at(text, r.model.boundaries[0].labelSpan, offset), 'T');
      assert.equal(at(text, r.model.annotations[0].targetSpan, offset), 'A');
    });

    it('never throws on inputs that are not strings', function () {
      const r = parseMermaid(undefined as unknown as string, Number.NaN);
      assert.equal(r.model.components.length, 0);
    });

    it('returns an empty model for empty or comment-only text', function () {
      assert.deepEqual(clean('').model.components, []);
      assert.deepEqual(clean('%% nothing here\n').model.components, []);
    });
  });

  describe('headers', function () {
    for (const header of ['graph TD', 'graph TB', 'graph BT', 'graph RL', 'graph LR', 'flowchart TD', 'flowchart', 'graph', 'flowchart LR;', 'flowchart-elk TD', 'graph >']) {
      it(`accepts \`${header}\``, function () {
        assert.deepEqual(ids(clean(`${header}\n  A --> B\n`)), ['A', 'B']);
      });
    }

    it('accepts statements on the header line after `;`', function () {
      assert.deepEqual(edges(clean('flowchart TB;A-->B;B-->C')), ['A->B', 'B->C']);
    });

    it('rejects an unknown or lower-case direction', function () {
      const text = 'flowchart lr\n  A --> B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unknown-direction'), 'lr');
      assert.deepEqual(edges(r), ['A->B']);
    });

    it('reports a missing header and still reads the flowchart', function () {
      const text = 'A --> B\n';
      const r = parseMermaid(text);
      assert.equal(r.problems[0].severity, 'error');
      assert.equal(problemAt(r, text, 'mermaid/missing-header'), 'A');
      assert.deepEqual(edges(r), ['A->B']);
    });

    it('reports a second header', function () {
      const text = 'flowchart LR\n  A --> B\ngraph TD\n  C\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/malformed-statement'), 'graph');
      assert.deepEqual(ids(r), ['A', 'B', 'C']);
    });

    // Sequence, C4 and architecture-beta diagrams have their own parsers (test/unit/diagramParsers.test.ts).
    for (const diagram of ['journey\n  title x', 'classDiagram\n  class A', 'gitGraph\n  commit', 'stateDiagram-v2\n  [*] --> A', 'erDiagram\n  A ||--o{ B : has', 'gantt\n  title x', 'pie\n  "a": 1', 'mindmap\n  root']) {
      it(`returns an empty model for \`${diagram.split('\n')[0]}\``, function () {
        const text = `%% comment\n${diagram}\n`;
        const r = parseMermaid(text, 7);
        assert.deepEqual(r.model, { format: 'mermaid', span: { start: 7, end: 7 + text.length }, components: [], flows: [], boundaries: [], annotations: [] });
        assert.equal(r.problems.length, 1);
        assert.equal(r.problems[0].code, 'mermaid/unsupported-diagram');
        assert.equal(r.problems[0].severity, 'info');
        assert.equal(at(text, r.problems[0].span, 7), diagram.split('\n')[0]);
      });
    }
  });

  describe('front matter and directives', function () {
    it('reads a quoted title and keeps spans in file coordinates', function () {
      const text = '---\ntitle: "RAG: assistant"\nconfig:\n  theme: dark\n---\nflowchart LR\n  A --> B\n';
      const r = clean(text);
      assert.equal(r.model.name, 'RAG: assistant');
      assert.equal(at(text, comp(r, 'A').span), 'A');
    });

    it("reads a single-quoted title with an escaped quote", function () {
      assert.equal(clean("---\ntitle: 'Bob''s bot'\n---\nflowchart LR\n  A\n").model.name, "Bob's bot");
    });

    it('reports unclosed front matter', function () {
      const text = '---\ntitle: x\nflowchart LR\n  A --> B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unclosed-front-matter'), '---');
    });

    it('reports front matter that does not start the text', function () {
      const text = '\n---\ntitle: x\n---\nflowchart LR\n  A\n';
      assert.equal(problemAt(parseMermaid(text), text, 'mermaid/misplaced-front-matter'), '---');
    });

    it('skips single-line and multi-line %%{init}%% directives', function () {
      const r = clean('%%{init: {"theme": "forest",\n  "flowchart": {"curve": "basis"}}}%%\nflowchart LR\n  %%{ init: {} }%%\n  A --> B\n');
      assert.deepEqual(edges(r), ['A->B']);
    });

    it('warns about an unterminated directive', function () {
      const text = 'flowchart LR\n  %%{init: {\n  A --> B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unterminated-directive'), '%%{');
      assert.deepEqual(edges(r), ['A->B']);
    });
  });

  describe('comments and separators', function () {
    it('ignores whole-line comments, indented or not, and bare %%', function () {
      const r = clean('flowchart LR\n%% A --> X\n    %% [not a node]\n%%\n  A --> B\n');
      assert.deepEqual(ids(r), ['A', 'B']);
    });

    it('reports a comment after a statement, which Mermaid rejects, and keeps the statement', function () {
      const text = 'flowchart LR\n  A --> B %% note\n  C\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/trailing-comment'), '%% note');
      assert.deepEqual(ids(r), ['A', 'B', 'C']);
    });

    it('splits statements on `;`', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  A --> B; C --> D ;E --> F;\n')), ['A->B', 'C->D', 'E->F']);
    });

    it('does not split on `;` inside labels', function () {
      const r = clean('flowchart LR\n  A["x; y"] --> B[a;b]\n');
      assert.equal(comp(r, 'A').label, 'x; y');
      assert.equal(comp(r, 'B').label, 'a;b');
    });

    it('skips accTitle and accDescr, including the block form', function () {
      const r = clean('flowchart LR\n  accTitle: Title --> here\n  accDescr: text\n  accDescr {\n    A --> Z\n  }\n  A --> B\n');
      assert.deepEqual(edges(r), ['A->B']);
    });
  });

  describe('node shapes', function () {
    const cases: Array<[string, string, string]> = [
      ['A[Label]', 'rect', 'Label'],
      ['A(Label)', 'round', 'Label'],
      ['A([Label])', 'stadium', 'Label'],
      ['A[[Label]]', 'subroutine', 'Label'],
      ['A[(Label)]', 'cyl', 'Label'],
      ['A((Label))', 'circle', 'Label'],
      ['A(((Label)))', 'doublecircle', 'Label'],
      ['A>Label]', 'odd', 'Label'],
      ['A{Label}', 'diamond', 'Label'],
      ['A{{Label}}', 'hexagon', 'Label'],
      ['A[/Label/]', 'lean_r', 'Label'],
      ['A[\\Label\\]', 'lean_l', 'Label'],
      ['A[/Label\\]', 'trapezoid', 'Label'],
      ['A[\\Label/]', 'inv_trapezoid', 'Label'],
      ['A(-Label-)', 'ellipse', 'Label'],
      ['A[("Label")]', 'cyl', 'Label'],
      ['A{{"Label"}}', 'hexagon', 'Label'],
      ['A>"Label"]', 'odd', 'Label'],
      ['A[/"Label"\\]', 'trapezoid', 'Label'],
    ];
    for (const [decl, shape, label] of cases) {
      it(`reads \`${decl}\` as ${shape}`, function () {
        const text = `flowchart LR\n  ${decl} --> B\n`;
        const r = clean(text);
        const a = comp(r, 'A');
        assert.equal(a.shape, shape);
        assert.equal(a.label, label);
        assert.equal(at(text, a.span), 'A');
        assert.equal(at(text, a.labelSpan), label);
        assert.deepEqual(edges(r), ['A->B']);
      });
    }

    it('leaves the shape unset for a bare id', function () {
      assert.equal(comp(clean('flowchart LR\n  A\n'), 'A').shape, undefined);
    });

    it('keeps slashes inside lean and trapezoid labels', function () {
      assert.equal(comp(clean('flowchart LR\n  A[/a/b/]\n'), 'A').label, 'a/b');
    });
  });

  describe('the @{ } node form', function () {
    it('reads shape and label on one line', function () {
      const text = 'flowchart LR\n  store@{ shape: cyl, label: "Vector store, v2" } --> llm\n';
      const r = clean(text);
      const s = comp(r, 'store');
      assert.equal(s.shape, 'cyl');
      assert.equal(s.label, 'Vector store, v2');
      assert.equal(at(text, s.labelSpan), 'Vector store, v2');
      assert.deepEqual(edges(r), ['store->llm']);
    });

    it('reads a multi-line block', function () {
      const text = 'flowchart LR\n  g@{\n    shape: hex\n    label: "Prompt shield"\n  }\n  g --> x\n';
      const r = clean(text);
      assert.equal(comp(r, 'g').shape, 'hex');
      assert.equal(comp(r, 'g').label, 'Prompt shield');
      assert.deepEqual(edges(r), ['g->x']);
    });

    it('overrides a bracket label on the same node, as Mermaid does', function () {
      const r = clean('flowchart LR\n  A["old"]@{ label: "new" }\n');
      assert.equal(comp(r, 'A').label, 'new');
    });

    it('warns about an unknown shape and rejects a non-lowercase one', function () {
      const text = 'flowchart LR\n  A@{ shape: blob }\n  B@{ shape: Lean_R }\n';
      const r = parseMermaid(text);
      const warning = r.problems.find((p) => p.severity === 'warning');
      const error = r.problems.find((p) => p.severity === 'error');
      assert.equal(at(text, warning?.span), 'blob');
      assert.equal(at(text, error?.span), 'Lean_R');
    });

    it('reports an unclosed block and keeps reading', function () {
      const text = 'flowchart LR\n  A@{ shape: rect, label: "x\n  B --> C\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unclosed-shape-data'), '@{');
      assert.deepEqual(edges(r), ['B->C']);
    });

    it('treats `e1@{ … }` on an edge id as edge styling, not a node', function () {
      const r = clean('flowchart LR\n  A e1@--> B\n  e1@{ animate: true }\n');
      assert.deepEqual(ids(r), ['A', 'B']);
    });
  });

  describe('labels', function () {
    it('strips quotes and keeps brackets inside them', function () {
      const text = 'flowchart LR\n  A["Label [with] (brackets) {x} |y|"]\n';
      const a = comp(clean(text), 'A');
      assert.equal(a.label, 'Label [with] (brackets) {x} |y|');
      assert.equal(at(text, a.labelSpan), a.label);
    });

    it('strips markdown-string backticks and joins lines', function () {
      const text = 'flowchart LR\n  A["`**Bold** step\n  second line`"]\n';
      const a = comp(clean(text), 'A');
      assert.equal(a.label, '**Bold** step second line');
      assert.equal(at(text, a.labelSpan), '**Bold** step\n  second line');
    });

    it('decodes entity codes and turns <br> into a space', function () {
      const r = clean('flowchart LR\n  A["Say #quot;hi#quot; #9829; &amp; &#35;1 &#x2665; &lt;tag&gt;"]\n  B["one<br>two<br/>three<BR />four"]\n');
      assert.equal(comp(r, 'A').label, 'Say "hi" ♥ & #1 ♥ <tag>');
      assert.equal(comp(r, 'B').label, 'one two three four');
    });

    it('decodes the HTML 4 named references in either spelling', function () {
      assert.equal(comp(clean('flowchart LR\n  A["caf&eacute; #euro;5 &rsaquo; &Omega; &unknownname;"]\n'), 'A').label, 'café €5 › Ω &unknownname;');
    });

    it('drops other HTML tags, keeping the text', function () {
      const r = clean("flowchart LR\n  A[\"<div style='font-size:40px'>🚀</div><div>Railway <b>Fast</b>API</div>\"]\n  B[a < b]\n");
      assert.equal(comp(r, 'A').label, '🚀 Railway FastAPI');
      assert.equal(comp(r, 'B').label, 'a < b');
    });

    it('trims and collapses whitespace', function () {
      const text = 'flowchart LR\n  A["  spaced   out  "] --> B[  unquoted  ]\n';
      const r = clean(text);
      assert.equal(comp(r, 'A').label, 'spaced out');
      assert.equal(at(text, comp(r, 'A').labelSpan), 'spaced   out');
      assert.equal(at(text, comp(r, 'B').labelSpan), 'unquoted');
    });

    it('uses the id when the label is empty or missing', function () {
      const r = clean('flowchart LR\n  A[""] --> B\n');
      assert.equal(comp(r, 'A').label, 'A');
      assert.equal(comp(r, 'A').labelSpan, undefined);
      assert.equal(comp(r, 'B').label, 'B');
    });

    it('reads unicode labels and ids', function () {
      const text = 'flowchart LR\n  用户[用户界面] --> Café("Café ☃ crème")\n';
      const r = clean(text);
      assert.deepEqual(ids(r), ['用户', 'Café']);
      assert.equal(comp(r, 'Café').label, 'Café ☃ crème');
      assert.equal(at(text, comp(r, '用户').span), '用户');
    });
  });

  describe('first appearance, references and re-declarations', function () {
    it('spans the first mention, even in an edge, and records later mentions', function () {
      const text = 'flowchart LR\n  A --> B\n  B[Store] --> C\n  class B x\n  style B fill:#fff\n  click B callback\n';
      const b = comp(clean(text), 'B');
      assert.equal(b.span.start, text.indexOf('B'));
      assert.equal(b.label, 'Store');
      assert.equal(at(text, b.labelSpan), 'Store');
      assert.deepEqual(b.references?.map((s) => at(text, s)), ['B', 'B', 'B', 'B']);
      assert.ok(b.references?.every((s, k, all) => s.start > b.span.start && (k === 0 || s.start > all[k - 1].start)));
    });

    it('keeps the first label and shape and warns about a conflicting re-declaration', function () {
      const text = 'flowchart LR\n  A[First] --> B\n  A(Second)\n';
      const r = parseMermaid(text);
      const a = comp(r, 'A');
      assert.equal(a.label, 'First');
      assert.equal(a.shape, 'rect');
      assert.equal(at(text, a.labelSpan), 'First');
      const p = r.problems.find((x) => x.code === 'mermaid/relabelled-node');
      assert.equal(p?.severity, 'warning');
      assert.equal(p?.span.start, text.lastIndexOf('A('));
    });

    it('does not warn when a node is repeated with the same label', function () {
      clean('flowchart LR\n  A[Same] --> B\n  A[Same] --> C\n');
    });

    it('takes the label from the first declaration that has one', function () {
      const text = 'flowchart LR\n  A --> B\n  A[Later]\n';
      const a = comp(clean(text), 'A');
      assert.equal(a.label, 'Later');
      assert.equal(at(text, a.labelSpan), 'Later');
      assert.equal(a.span.start, text.indexOf('A'));
    });
  });

  describe('node ids', function () {
    it('splits compact arrows from ids', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  A-->B\n  A---C\n  A-.->D\n  A==>E\n  A~~~F\n  A--oG\n')), ['A->B', 'A->C', 'A->D', 'A->E', 'A->F', 'A->G']);
    });

    it('allows -, ., _ and digits inside ids', function () {
      const r = clean('flowchart LR\n  api-gateway --> auth.service --> user_db --> v2.1 --> x-y-z\n');
      assert.deepEqual(ids(r), ['api-gateway', 'auth.service', 'user_db', 'v2.1', 'x-y-z']);
    });

    it('allows keywords inside longer ids', function () {
      const r = clean('flowchart LR\n  endpoint --> backend --> end_user --> frontend --> classy --> subgraphs --> styles --> END\n');
      assert.deepEqual(ids(r), ['endpoint', 'backend', 'end_user', 'frontend', 'classy', 'subgraphs', 'styles', 'END']);
    });

    it('reports ids that Mermaid reads as a keyword', function () {
      const text = 'flowchart LR\n  end-point --> A\n  A --> end\n  style-x --> A\n';
      const r = parseMermaid(text);
      const reserved = r.problems.filter((p) => p.code === 'mermaid/reserved-word').map((p) => at(text, p.span));
      assert.deepEqual(reserved, ['end-point', 'end', 'style-x']);
      assert.deepEqual(edges(r), ['end-point->A', 'A->end', 'style-x->A']);
    });

    it('keeps `&` without spaces inside an id, as Mermaid does', function () {
      assert.deepEqual(ids(clean('flowchart LR\n  R&D --> B\n')), ['R&D', 'B']);
    });

    it('splits an arrow head off after a non-ASCII letter or a number, as Mermaid\'s lexer does', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  Caféo--oB\n  1o--oC\n  x1o--oD\n')), ['Café->B', '1->C', 'x1o->D']);
    });

    it('reads `direction` and `accTitle` as ids when they are not statements', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  direction --> B\n  accTitle --> C\n')), ['direction->B', 'accTitle->C']);
    });

    it('reads `o`/`x` right before `--` as part of the id', function () {
      const r = clean('flowchart LR\n  Ao--oB\n');
      assert.deepEqual(edges(r), ['Ao->B']);
      assert.equal(r.model.flows[0].bidirectional, undefined);
    });
  });

  describe('edges', function () {
    const arrows: Array<[string, { bidirectional?: true; invisible?: true }]> = [
      ['-->', {}], ['---', {}], ['-.->', {}], ['-.-', {}], ['==>', {}], ['===', {}], ['--o', {}], ['--x', {}],
      ['o--o', { bidirectional: true }], ['x--x', { bidirectional: true }], ['<-->', { bidirectional: true }],
      ['<==>', { bidirectional: true }], ['<-.->', { bidirectional: true }], ['~~~', { invisible: true }],
      ['---->', {}], ['-..->', {}], ['====>', {}], ['~~~~~', { invisible: true }], ['.->', {}], ['==x', {}],
      ['-.-o', {}], ['x-.-x', { bidirectional: true }], ['<---', {}],
    ];
    for (const [arrow, flags] of arrows) {
      it(`reads \`A ${arrow} B\``, function () {
        const text = `flowchart LR\n  A ${arrow} B\n`;
        const r = clean(text);
        assert.equal(r.model.flows.length, 1);
        const f = r.model.flows[0];
        assert.deepEqual({ from: f.from, to: f.to }, { from: 'A', to: 'B' });
        assert.equal(f.arrow, arrow);
        assert.equal(at(text, f.span), arrow);
        assert.equal(f.bidirectional, flags.bidirectional);
        assert.equal(f.invisible, flags.invisible);
        assert.equal(f.label, undefined);
      });
    }

    const labelled: Array<[string, string, string, boolean]> = [
      ['-->|prompt|', '-->', 'prompt', false],
      ['-->| spaced label |', '-->', 'spaced label', false],
      ['-->|"quoted | pipe"|', '-->', 'quoted | pipe', false],
      ['---|open|', '---', 'open', false],
      ['-.->|dotted|', '-.->', 'dotted', false],
      ['<-->|both|', '<-->', 'both', true],
      ['-- tool call -->', '-- tool call -->', 'tool call', false],
      ['-- "quoted inline" -->', '-- "quoted inline" -->', 'quoted inline', false],
      ['-. async .->', '-. async .->', 'async', false],
      ['== final ==>', '== final ==>', 'final', false],
      ['-- a-b (c) --->', '-- a-b (c) --->', 'a-b (c)', false],
      ['<-- both -->', '<-- both -->', 'both', true],
      ['x-- both --x', 'x-- both --x', 'both', true],
      ['<-- mismatched --x', '<-- mismatched --x', 'mismatched', false],
      ['-->|"`md *edge*`"|', '-->', 'md *edge*', false],
      ['-->|a #quot;b#quot;|', '-->', 'a "b"', false],
    ];
    for (const [link, arrow, label, bidirectional] of labelled) {
      it(`reads the label of \`A ${link} B\``, function () {
        const text = `flowchart LR\n  A ${link} B\n`;
        const r = clean(text);
        const f = r.model.flows[0];
        assert.equal(r.model.flows.length, 1);
        assert.equal(f.to, 'B');
        assert.equal(f.label, label);
        assert.equal(f.arrow, arrow);
        assert.equal(at(text, f.span), arrow);
        assert.equal(f.bidirectional, bidirectional ? true : undefined);
        const raw = at(text, f.labelSpan) ?? '';
        assert.ok(raw.includes(label.split(' ')[0].replace('"', '#quot;')), `label span ${JSON.stringify(raw)}`);
      });
    }

    it('reads edge ids, giving each to one flow only', function () {
      const text = 'flowchart LR\n  A e1@--> B\n  B e2@-- text --> C\n  D & E e3@--> F & G\n';
      const r = clean(text);
      assert.deepEqual(r.model.flows.map((f) => f.id), ['e1', 'e2', undefined, undefined, 'e3', undefined]);
      assert.equal(at(text, r.model.flows[0].span), '-->');
      assert.deepEqual(edges(r).slice(2), ['D->F', 'D->G', 'E->F', 'E->G']);
    });

    it('warns about a reused edge id', function () {
      const r = parseMermaid('flowchart LR\n  A e1@--> B\n  B e1@--> C\n');
      assert.deepEqual(codes(r), ['mermaid/duplicate-edge-id']);
      assert.deepEqual(r.model.flows.map((f) => f.id), ['e1', undefined]);
    });

    it('reports arrows Mermaid does not accept', function () {
      for (const [line, code] of [
        ['A -- text ==> B', 'mermaid/unterminated-edge-label'],
        ['A -- oops', 'mermaid/unterminated-edge-label'],
        ['A <-- B', 'mermaid/unterminated-edge-label'],
        ['A -->|unclosed B', 'mermaid/unterminated-edge-label'],
        ['A -->|| B', 'mermaid/malformed-statement'],
        ['A -->|a (b)| B', 'mermaid/special-char-in-label'],
        ['A -->;', 'mermaid/missing-node'],
        ['A -- a -->|b| C', 'mermaid/malformed-statement'],
      ]) {
        const r = parseMermaid(`flowchart LR\n  ${line}\n  Z --> Y\n`);
        assert.ok(codes(r).includes(code), `${line}: ${codes(r).join(', ')}`);
        assert.ok(edges(r).includes('Z->Y'), `${line}: the next line is still read`);
      }
    });
  });

  describe('chains, groups and continuation lines', function () {
    it('reads chains as consecutive flows', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  A --> B --> C --> D\n')), ['A->B', 'B->C', 'C->D']);
    });

    it('expands `&` groups to every pair', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  A & B --> C & D\n')), ['A->C', 'A->D', 'B->C', 'B->D']);
      assert.deepEqual(edges(clean('flowchart LR\n  I --> J & K --> L\n')), ['I->J', 'I->K', 'J->L', 'K->L']);
    });

    it('keeps labels on each link of a chain', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  M -->|one| N -- two --> O\n')), ['M->N[one]', 'N->O[two]']);
    });

    it('declares nodes inline in chains and groups', function () {
      const r = clean('flowchart LR\n  A[Start]:::entry --> B{Check} & C@{ shape: cyl, label: "Store" }\n');
      assert.deepEqual(comp(r, 'A').classes, ['entry']);
      assert.equal(comp(r, 'B').shape, 'diamond');
      assert.equal(comp(r, 'C').label, 'Store');
      assert.deepEqual(edges(r), ['A->B', 'A->C']);
    });

    it('continues a statement whose arrow starts the next line', function () {
      const text = 'flowchart TD\n  Login([Login])\n    %% @component Login kind=client\n    --> Role{Role?}\n  A -->\n    B\n';
      const r = clean(text);
      assert.deepEqual(edges(r), ['Login->Role', 'A->B']);
      assert.equal(r.model.annotations.length, 1);
    });

    it('does not continue a statement across a line that starts with a node', function () {
      assert.deepEqual(edges(clean('flowchart LR\n  A\n  B --> C\n')), ['B->C']);
    });
  });

  describe('subgraphs', function () {
    it('reads `subgraph id [title]` and `subgraph id["title"]`', function () {
      const text = 'flowchart LR\n  subgraph vpc [Private VPC]\n    A\n  end\n  subgraph db["Data tier"]\n    B\n  end\n';
      const r = clean(text);
      const [vpc, db] = r.model.boundaries;
      assert.deepEqual([vpc.id, vpc.label, at(text, vpc.span), at(text, vpc.labelSpan)], ['vpc', 'Private VPC', 'vpc', 'Private VPC']);
      assert.deepEqual([db.id, db.label, at(text, db.span), at(text, db.labelSpan)], ['db', 'Data tier', 'db', 'Data tier']);
      assert.deepEqual(vpc.members, ['A']);
      assert.equal(comp(r, 'A').boundary, 'vpc');
    });

    it('names subgraphs whose title has spaces `subGraph<n>` in the order they close', function () {
      const text = 'flowchart LR\n  subgraph outer words\n    subgraph "inner words"\n      f\n    end\n  end\n  subgraph "single"\n    g\n  end\n  subgraph plain\n    h\n  end\n';
      const r = clean(text);
      const byId = new Map(r.model.boundaries.map((b) => [b.id, b]));
      assert.deepEqual([...byId.keys()].sort(), ['plain', 'single', 'subGraph0', 'subGraph1']);
      assert.equal(byId.get('subGraph0')?.label, 'inner words');
      assert.equal(byId.get('subGraph1')?.label, 'outer words');
      assert.equal(byId.get('subGraph0')?.parent, 'subGraph1');
      assert.equal(at(text, byId.get('subGraph1')?.span), 'outer words');
      assert.equal(at(text, byId.get('subGraph0')?.labelSpan), 'inner words');
      assert.equal(at(text, byId.get('single')?.span), 'single');
      assert.equal(byId.get('plain')?.labelSpan, undefined);
      assert.equal(comp(r, 'f').boundary, 'subGraph0');
    });

    it('uses the id before brackets even when it has spaces', function () {
      assert.equal(clean('flowchart LR\n  subgraph a b ["T"]\n    x\n  end\n').model.boundaries[0].id, 'a b');
    });

    it('ignores `direction` inside a subgraph', function () {
      assert.deepEqual(clean('flowchart LR\n  subgraph s\n    direction TB\n    a --> b\n  end\n').model.boundaries[0].members, ['a', 'b']);
    });

    it('links nested subgraphs by parent, not membership', function () {
      const r = clean('flowchart TB\n  subgraph vpc\n    subgraph app\n      api\n    end\n    lb\n  end\n');
      const [vpc, app] = r.model.boundaries;
      assert.deepEqual([vpc.id, vpc.members, vpc.parent], ['vpc', ['lb'], undefined]);
      assert.deepEqual([app.id, app.members, app.parent], ['app', ['api'], 'vpc']);
      assert.equal(comp(r, 'api').boundary, 'app');
    });

    it('puts a node declared outside into the block that references it', function () {
      const r = clean('flowchart LR\n  shared[Cache] --> x\n  subgraph one\n    shared\n  end\n');
      assert.equal(comp(r, 'shared').boundary, 'one');
      assert.equal(comp(r, 'x').boundary, undefined);
    });

    it('gives a node referenced by two sibling blocks to the first one to close, like Mermaid', function () {
      const r = clean('flowchart LR\n  subgraph one\n    A\n  end\n  subgraph two\n    A --> B\n  end\n');
      assert.equal(comp(r, 'A').boundary, 'one');
      assert.deepEqual(r.model.boundaries.map((b) => b.members), [['A'], ['B']]);
    });

    it('gives a node referenced by nested blocks to the innermost', function () {
      const r = clean('flowchart LR\n  subgraph outer\n    subgraph inner\n      x\n    end\n    x --> y\n  end\n');
      assert.equal(comp(r, 'x').boundary, 'inner');
      assert.equal(comp(r, 'y').boundary, 'outer');
    });

    it('does not make `class`, `style` or `click` targets members', function () {
      const r = clean('flowchart LR\n  A --> B\n  subgraph s\n    C\n    class A foo\n    style B fill:#fff\n    click A callback\n  end\n');
      assert.deepEqual(r.model.boundaries[0].members, ['C']);
    });

    it('treats a subgraph id used in an edge as the boundary, not a component', function () {
      const r = clean('flowchart LR\n  subgraph internet\n    user\n  end\n  internet --> vpc\n  subgraph vpc\n    api\n  end\n');
      assert.deepEqual(ids(r), ['user', 'api']);
      assert.deepEqual(edges(r), ['internet->vpc']);
    });

    it('merges repeated subgraph ids and warns', function () {
      const text = 'flowchart LR\n  subgraph one [Title]\n    A\n  end\n  subgraph one\n    B\n  end\n';
      const r = parseMermaid(text);
      assert.deepEqual(codes(r), ['mermaid/duplicate-subgraph']);
      assert.equal(r.model.boundaries.length, 1);
      assert.deepEqual(r.model.boundaries[0].members, ['A', 'B']);
      assert.equal(r.model.boundaries[0].label, 'Title');
    });

    it('reports `end` without `subgraph`', function () {
      const text = 'flowchart LR\n  A\n  end\n  B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unexpected-end'), 'end');
      assert.equal(r.problems[0].severity, 'error');
      assert.deepEqual(ids(r), ['A', 'B']);
    });

    it('reports a missing `end` at the subgraph keyword', function () {
      const text = 'flowchart LR\n  subgraph outer\n    subgraph inner\n      A\n';
      const r = parseMermaid(text);
      const missing = r.problems.filter((p) => p.code === 'mermaid/missing-end');
      assert.equal(missing.length, 2);
      assert.deepEqual(missing.map((p) => [p.severity, at(text, p.span)]), [['error', 'subgraph'], ['error', 'subgraph']]);
      assert.equal(comp(r, 'A').boundary, 'inner');
    });

    it('reports a subgraph without id or title', function () {
      const text = 'flowchart LR\n  subgraph\n    A\n  end\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/malformed-statement'), 'subgraph');
      assert.equal(comp(r, 'A').boundary, 'subGraph0');
    });

    it('breaks parent cycles created by mutual references', function () {
      const r = parseMermaid('flowchart LR\n  subgraph x\n    y\n  end\n  subgraph y\n    x\n  end\n');
      assert.ok(codes(r).includes('mermaid/subgraph-cycle'));
      const parents = new Map(r.model.boundaries.map((b) => [b.id, b.parent]));
      assert.ok(parents.get('x') === undefined || parents.get('y') === undefined);
    });
  });

  describe('classes and styles', function () {
    it('collects classDef names, including comma lists and default', function () {
      const r = clean('flowchart LR\n  classDef llm fill:#f9f\n  classDef store,cache fill:#ccf\n  classDef default stroke:#999\n');
      assert.deepEqual(r.model.classDefs, ['llm', 'store', 'cache', 'default']);
    });

    it('applies `:::` and `class` statements', function () {
      const text = 'flowchart LR\n  bot:::llm --> kb\n  class kb,bot store\n';
      const r = clean(text);
      assert.deepEqual(comp(r, 'bot').classes, ['llm', 'store']);
      assert.deepEqual(comp(r, 'kb').classes, ['store']);
      assert.deepEqual(comp(r, 'kb').references?.map((s) => at(text, s)), ['kb']);
    });

    it('warns about `class` before the node and about unknown targets', function () {
      const text = 'flowchart LR\n  class A llm\n  A --> B\n  class Z llm\n';
      const r = parseMermaid(text);
      assert.deepEqual(codes(r), ['mermaid/class-before-node', 'mermaid/unknown-class-target']);
      assert.deepEqual(comp(r, 'A').classes, ['llm']);
      assert.deepEqual(r.problems.map((p) => at(text, p.span)), ['A', 'Z']);
    });

    it('accepts `class` on subgraphs and edge ids', function () {
      clean('flowchart LR\n  subgraph s\n    A\n  end\n  A e1@--> B\n  class s,e1 hot\n');
    });

    it('reports `class` with more than one class name', function () {
      assert.ok(codes(parseMermaid('flowchart LR\n  A\n  class A a b\n')).includes('mermaid/unexpected-text'));
    });

    it('creates the node named by `style`, as Mermaid does', function () {
      const r = clean('flowchart LR\n  style A fill:#f9f,stroke:#333\n');
      assert.deepEqual(ids(r), ['A']);
    });

    it('checks linkStyle indexes against the edges above', function () {
      const text = 'flowchart LR\n  A --> B\n  linkStyle 0 stroke:#f00\n  linkStyle default stroke:#999\n  linkStyle 0,1 color:red\n';
      const r = parseMermaid(text);
      assert.deepEqual(codes(r), ['mermaid/link-style-out-of-range']);
      assert.equal(at(text, r.problems[0].span), '1');
    });
  });

  describe('click', function () {
    it('parses click statements without storing links or creating nodes', function () {
      const text = 'flowchart LR\n  A --> B\n  click A callback "Open"\n  click B href "https://example.com/a;b" "Tip" _blank\n  click C "https://x.test"\n  click A call cb("x")\n';
      const r = clean(text);
      assert.deepEqual(ids(r), ['A', 'B']);
      assert.ok(!JSON.stringify(r.model).includes('example.com'));
      assert.equal(comp(r, 'A').references?.length, 2);
    });
  });

  describe('error recovery', function () {
    it('reports an unclosed bracket and reads the following lines', function () {
      const text = 'flowchart LR\n  A[unclosed --> B\n  C --> D\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unclosed-bracket'), '[');
      assert.deepEqual(edges(r), ['C->D']);
    });

    it('reports an unterminated string at its opening quote', function () {
      const text = 'flowchart LR\n  A["unterminated --> B\n  C --> D\n  E["x"]\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unterminated-string'), '"unterminated --> B');
      assert.deepEqual(edges(r), ['C->D']);
      assert.equal(comp(r, 'E').label, 'x');
    });

    it('reports brackets inside an unquoted label but keeps the node and its edge', function () {
      const text = 'flowchart LR\n  A(foo (bar)) --> B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/special-char-in-label'), '(');
      assert.equal(comp(r, 'A').label, 'foo (bar)');
      assert.deepEqual(edges(r), ['A->B']);
    });

    it('reports text after a quoted label', function () {
      const text = 'flowchart LR\n  A["x" y] --> B\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unexpected-text'), 'y');
      assert.deepEqual(edges(r), ['A->B']);
    });

    it('reports stray text after a node', function () {
      const text = 'flowchart LR\n  A B\n  C\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unexpected-text'), 'B');
      assert.deepEqual(ids(r), ['A', 'C']);
    });

    it('reports a statement that does not start with a node', function () {
      const text = 'flowchart LR\n  --> B\n  C\n';
      const r = parseMermaid(text);
      assert.equal(problemAt(r, text, 'mermaid/unexpected-text'), '-->');
      assert.deepEqual(ids(r), ['C']);
    });
  });
});
