import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/core/engine';
import { assertFileSpans, propertyRunner, withinTime } from './support/property';

// Fixed seed in CI so failures reproduce; random locally so the search keeps widening.
const prop = propertyRunner(4242, __filename);
const runs = { ci: 150, local: 100 };
const engine = new Engine(undefined, { today: '2026-11-23' });

function checkAll(path: string, text: string): void {
  const r = withinTime(2000, path, () => engine.analyze(path, text)).value;
  if (r) assertFileSpans(r);
}

const examples = readdirSync('examples').map((f) => ({ path: `examples/${f}`, text: readFileSync(join('examples', f), 'utf8') }));

/** Deletes, duplicates or swaps characters and lines: the edits people make mid-typing. */
const mutation = (text: string) => fc.array(fc.tuple(fc.constantFrom('del', 'dup', 'swap', 'delLine', 'dupLine', 'insert'), fc.nat(), fc.nat(), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 8 }).map((ops) => {
  let t = text;
  for (const [op, a, b, s] of ops) {
    const i = t.length ? a % t.length : 0;
    const j = t.length ? b % t.length : 0;
    const lines = t.split('\n');
    const li = a % Math.max(1, lines.length);
    if (op === 'del') t = t.slice(0, i) + t.slice(i + 1);
    else if (op === 'dup') t = t.slice(0, i) + t.slice(i, j + 1) + t.slice(i);
    else if (op === 'swap') t = t.slice(0, Math.min(i, j)) + t[Math.max(i, j)] + t.slice(Math.min(i, j) + 1, Math.max(i, j)) + t[Math.min(i, j)] + t.slice(Math.max(i, j) + 1);
    else if (op === 'delLine') { lines.splice(li, 1); t = lines.join('\n'); }
    else if (op === 'dupLine') { lines.splice(li, 0, lines[li] ?? ''); t = lines.join('\n'); }
    else t = t.slice(0, i) + s + t.slice(i);
  }
  return t;
});

describe('whole pipeline on hostile input', () => {
  before(prop.announce);

  for (const ex of examples) {
    it(`never throws and keeps ranges inside the text on mutations of ${ex.path}`, () => {
      prop.check(fc.property(mutation(ex.text), (t) => checkAll(ex.path, t)), runs);
    });
  }

  it('never throws on random text in every format', () => {
    prop.check(fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('a.mmd', 'a.md', 'a.threatlens.yaml'), (t, p) => checkAll(p, p.endsWith('.md') ? `\`\`\`mermaid\n${t}\n\`\`\`` : p.endsWith('.yaml') ? `threatlens: 1\n${t}` : t)), { ci: runs.ci * 2, local: runs.local * 2 });
  });

  it('handles BOMs, CRLF and mixed line ends with exact ranges', () => {
    const text = '\uFEFFflowchart LR\r\n  u[User] --> llm[GPT-4o]\r\n  llm --> db[(Postgres)]\n';
    const r = engine.analyze('crlf.mmd', text)!;
    const llm = r.file.models[0].components.find((c) => c.id === 'llm')!;
    assert.equal(text.slice(llm.span.start, llm.span.end), 'llm');
    const yaml = 'threatlens: 1\r\ncomponents:\r\n  bot: { kind: llm }\r\n';
    const y = engine.analyze('x.threatlens.yaml', yaml)!;
    const bot = y.file.models[0].components[0];
    assert.equal(yaml.slice(bot.span.start, bot.span.end), 'bot');
  });

  it('refuses files over the size limit with a clear problem', () => {
    const small = new Engine(undefined, { maxFileSize: 1000 });
    const r = small.analyze('big.md', 'x'.repeat(2000))!;
    assert.equal(r.findings.length, 0);
    assert.match(r.problems[0].message, /over the 1000-character limit/);
  });
});
