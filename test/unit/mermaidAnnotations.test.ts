import assert from 'node:assert/strict';
import type { Annotation, ParseResult, Problem, Span } from '../../src/core/model';
import { parseMermaid } from '../../src/core/parsers/mermaid';

function at(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

/** Parses a flowchart holding `lines` and returns it with the text. */
function diagram(...lines: string[]): { text: string; r: ParseResult } {
  const text = `flowchart LR\n  L[Support bot] --> DB[(Tickets)]\n${lines.map((l) => `  ${l}\n`).join('')}`;
  return { text, r: parseMermaid(text) };
}

function only(r: ParseResult): Annotation {
  assert.deepEqual(r.problems, [], 'expected no problems');
  assert.equal(r.model.annotations.length, 1);
  return r.model.annotations[0];
}

function syntaxError(r: ParseResult): Problem {
  const errors = r.problems.filter((p) => p.code === 'annotation/syntax');
  assert.equal(errors.length, 1, `expected one annotation/syntax problem, got ${JSON.stringify(r.problems)}`);
  assert.equal(errors[0].severity, 'error');
  assert.equal(r.model.annotations.length, 0);
  return errors[0];
}

describe('Mermaid annotations', function () {
  describe('@mitigates', function () {
    it('reads node, threat, control and status with exact spans', function () {
      const line = '%% @mitigates L against LLM01 with "isolate retrieved text; prompt shield" (implemented)';
      const { text, r } = diagram(line);
      const a = only(r);
      assert.equal(a.type, 'mitigates');
      if (a.type !== 'mitigates') return;
      assert.equal(at(text, a.span), line);
      assert.equal(a.target, 'L');
      assert.equal(at(text, a.targetSpan), 'L');
      assert.equal(a.threat, 'LLM01');
      assert.equal(at(text, a.threatSpan), 'LLM01');
      assert.equal(a.control, 'isolate retrieved text; prompt shield');
      assert.equal(a.status, 'implemented');
    });

    it('defaults the status to planned', function () {
      const a = only(diagram('%% @mitigates L against LLM01 with "x"').r);
      assert.equal(a.type === 'mitigates' && a.status, 'planned');
    });

    for (const status of ['planned', 'implemented', 'verified'] as const) {
      it(`accepts (${status})`, function () {
        const a = only(diagram(`%% @mitigates L against LLM01 with "x" (${status})`).r);
        assert.equal(a.type === 'mitigates' && a.status, status);
      });
    }

    for (const threat of ['LLM01', 'LLM01:2025', 'ASI02', 'AML.T0051', 'AML.T0051.001', 'TL001', 'S', 'stride-T']) {
      it(`accepts the threat reference ${threat}`, function () {
        const { text, r } = diagram(`%% @mitigates L against ${threat} with "x"`);
        const a = only(r);
        assert.equal(a.type === 'mitigates' && a.threat, threat);
        assert.equal(a.type === 'mitigates' && at(text, a.threatSpan), threat);
      });
    }

    it('unescapes \\" and \\\\ in quoted text', function () {
      const a = only(diagram('%% @mitigates L against LLM01 with "say \\"no\\" to C:\\\\temp"').r);
      assert.equal(a.type === 'mitigates' && a.control, 'say "no" to C:\\temp');
    });

    it('accepts no space after %% and keywords in any case', function () {
      const a = only(diagram('%%@mitigates L AGAINST LLM01 With "x" (Verified)').r);
      assert.equal(a.type === 'mitigates' && a.status, 'verified');
    });
  });

  describe('@accepts', function () {
    it('reads reason, owner and expiry', function () {
      const line = '%% @accepts L LLM09 because "answers are drafts" owner="Support lead" expires=2027-01-31';
      const { text, r } = diagram(line);
      const a = only(r);
      assert.equal(a.type, 'accepts');
      if (a.type !== 'accepts') return;
      assert.equal(at(text, a.span), line);
      assert.deepEqual([a.target, a.threat, a.reason, a.owner, a.expires], ['L', 'LLM09', 'answers are drafts', 'Support lead', '2027-01-31']);
      assert.equal(at(text, a.threatSpan), 'LLM09');
    });

    it('accepts options in either order and unquoted owners', function () {
      const a = only(diagram('%% @accepts L LLM09 because "r" expires=2026-12-31 owner=jane').r);
      assert.ok(a.type === 'accepts');
      assert.deepEqual([a.owner, a.expires], ['jane', '2026-12-31']);
    });

    it('leaves owner and expiry unset when absent', function () {
      const a = only(diagram('%% @accepts L LLM09 because "r"').r);
      assert.ok(a.type === 'accepts');
      assert.equal(a.owner, undefined);
      assert.equal(a.expires, undefined);
    });
  });

  describe('@not-applicable', function () {
    it('reads node, threat and reason', function () {
      const { text, r } = diagram('%% @not-applicable DB LLM10 because "no model weights are hosted"');
      const a = only(r);
      assert.ok(a.type === 'not-applicable');
      assert.deepEqual([a.target, a.threat, a.reason], ['DB', 'LLM10', 'no model weights are hosted']);
      assert.equal(at(text, a.targetSpan), 'DB');
    });
  });

  describe('@component', function () {
    it('reads properties and the span of each value', function () {
      const { text, r } = diagram('%% @component L kind=llm exposure=public data=pii provider="Azure OpenAI"');
      const a = only(r);
      assert.ok(a.type === 'component');
      assert.deepEqual(a.properties, { kind: 'llm', exposure: 'public', data: 'pii', provider: 'Azure OpenAI' });
      assert.deepEqual(Object.fromEntries(Object.entries(a.propertySpans).map(([k, s]) => [k, at(text, s)])),
        { kind: 'llm', exposure: 'public', data: 'pii', provider: 'Azure OpenAI' });
      assert.equal(at(text, a.targetSpan), 'L');
    });

    it('does not check that the node exists', function () {
      assert.equal(only(diagram('%% @component Nope kind=tool').r).target, 'Nope');
    });
  });

  describe('placement', function () {
    it('reads annotations before the header, inside subgraphs and in CRLF files', function () {
      const text = '%% @component A kind=client\r\nflowchart LR\r\n  subgraph s\r\n    %% @component B kind=llm\r\n    A --> B\r\n  end\r\n';
      const r = parseMermaid(text);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.model.annotations.map((a) => a.target), ['A', 'B']);
      assert.equal(at(text, r.model.annotations[1].span), '%% @component B kind=llm');
    });

    it('ignores ordinary comments and comments that mention @ later', function () {
      const { r } = diagram('%% reviewed by @alice', '%% TODO: add @mitigates');
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.model.annotations, []);
    });
  });

  describe('malformed annotations', function () {
    const cases: Array<[string, string, string]> = [
      // [annotation, text the problem points at, a word the message must contain]
      ['%% @mitigate L against LLM01 with "x"', '@mitigate', '@mitigates'],
      ['%% @', '@', '@mitigates'],
      ['%% @mitigates', '%% @mitigates', 'Missing node id'],
      ['%% @mitigates L LLM01 with "x"', 'LLM01', '`against`'],
      ['%% @mitigates L against with "x"', 'with', 'threat reference'],
      ['%% @mitigates L against LLM01 "x"', '"x"', '`with`'],
      ['%% @mitigates L against LLM01 with x', 'x', 'double quotes'],
      ['%% @mitigates L against LLM01 with "x', '"x', 'Unterminated'],
      ['%% @mitigates L against LLM01 with "x" (done)', '(done)', '(planned)'],
      ['%% @mitigates L against LLM01 with "x" planned', 'planned', '(planned)'],
      ['%% @mitigates L against LLM01 with "x" (planned) extra', 'extra', 'Unexpected'],
      ['%% @mitigates L against LLM01 with ""', '""', 'empty'],
      ['%% @mitigates L against 01LLM with "x"', '01LLM', 'threat reference'],
      ['%% @accepts L LLM09 "r"', '"r"', '`because`'],
      ['%% @accepts L LLM09 because "r" expires=2026-02-30', 'expires=2026-02-30', 'YYYY-MM-DD'],
      ['%% @accepts L LLM09 because "r" expires=2026-2-3', 'expires=2026-2-3', 'YYYY-MM-DD'],
      ['%% @accepts L LLM09 because "r" owner="Jane', 'owner="Jane', 'Unterminated'],
      ['%% @accepts L LLM09 because "r" owner=a owner=b', 'owner=b', 'twice'],
      ['%% @accepts L LLM09 because "r" team=x', 'team=x', 'owner='],
      ['%% @not-applicable L LLM10 because "r" owner=x', 'owner=x', 'Unexpected'],
      ['%% @not-applicable L because "r"', 'because', 'threat reference'],
      ['%% @component L', '%% @component L', 'at least one property'],
      ['%% @component L llm', 'llm', 'key=value'],
      ['%% @component L kind=llm kind=tool', 'kind=tool', 'twice'],
      ['%% @component kind=llm', 'kind=llm', 'node id'],
    ];
    for (const [line, pointsAt, mentions] of cases) {
      it(`reports \`${line}\``, function () {
        const { text, r } = diagram(line, 'X --> Y');
        const p = syntaxError(r);
        assert.equal(at(text, p.span), pointsAt);
        assert.ok(p.message.includes(mentions), p.message);
        assert.ok(p.message.includes('@'), 'the message names the expected form');
        assert.ok(r.model.flows.some((f) => f.from === 'X' && f.to === 'Y'), 'the rest of the file is still read');
      });
    }

    it('suggests the nearest verb', function () {
      const p = syntaxError(diagram('%% @acepts L LLM09 because "r"').r);
      assert.deepEqual(p.suggestions, ['@accepts']);
    });
  });
});
