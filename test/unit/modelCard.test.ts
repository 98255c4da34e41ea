import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadBuiltinCatalog } from '../../src/core/catalog/catalog';
import { Engine } from '../../src/core/engine';
import { buildCardSubject, minimalCard, splitFrontMatter, toCardSection, withCardSection } from '../../src/core/modelCard';
import { OUT_OF_SCOPE, OUT_OF_SCOPE_BY_RULE, riskBase } from '../../src/core/modelCard/outOfScope';
import { RESIDUAL_WEIGHT } from '../../src/core/report/goNoGo';
import type { FileResult } from '../../src/core/report/types';
import { run } from '../../src/cli/main';

const catalog = loadBuiltinCatalog();
const engine = new Engine(catalog, { today: '2026-12-01' });
const analyze = (path: string, text = readFileSync(path, 'utf8')): FileResult => {
  const r = engine.analyze(path, text);
  assert.ok(r);
  return r;
};
function runCli(args: string[]) {
  let out = '';
  let err = '';
  const code = run(args, process.cwd(), { out: (x) => { out += x; }, err: (x) => { err += x; } });
  return { code, out, err };
}
/** Keys of the Hugging Face model card metadata this command may write. */
const HF_KEYS = new Set(['license', 'base_model', 'tags']);
const CARD = ['---', 'license: apache-2.0', 'language:', '- en', 'tags:', '- text-generation', '---', '', '# Support model', '', 'Intro text.', '',
  '## Risks, limitations and security', '', 'Hand-written text to replace.', '', '```md', '## not a heading inside a fence', '```', '', '## Evaluation', '', 'Scores.', ''].join('\n');

describe('model card security section (src/core/modelCard)', () => {
  it('RAG bot: one section per model, threats with their decisions, residual risk and out-of-scope uses from what is still open or accepted', () => {
    const r = analyze('examples/rag-support-bot.mmd');
    const subject = buildCardSubject([r], catalog);
    assert.deepEqual(subject.models.map((m) => [m.model.component.id, m.model.role]), [['llm', 'llm'], ['embed', 'embedding-model']]);
    const llm = subject.models[0];
    const own = r.findings.filter((f) => f.componentId === 'llm');
    assert.deepEqual(llm.findings.map((f) => f.ruleId).sort(), own.map((f) => f.ruleId).sort());
    const residual = own.reduce((n, f) => n + f.score * RESIDUAL_WEIGHT[f.status], 0);
    assert.equal(llm.residual, Math.round(residual * 10) / 10);
    assert.ok(llm.residual < llm.inherent, 'the mitigation lowers the residual risk');
    // TL029 is open: its risk (LLM07) rules a use out. TL001 is mitigated and no other open threat on the model cites LLM01.
    assert.ok(llm.outOfScope.includes(OUT_OF_SCOPE.LLM07));
    assert.ok(llm.outOfScope.includes(OUT_OF_SCOPE.LLM09), 'an accepted risk still limits the uses');
    assert.ok(!llm.outOfScope.includes(OUT_OF_SCOPE.LLM01));

    const section = toCardSection(subject);
    assert.match(section, /^## Risks, limitations and security\n/);
    assert.match(section, /^### `llm` GPT-4o via Azure OpenAI$/m);
    assert.match(section, /\| `TL001` .+ \| mitigated \| mitigation \(implemented\).+retrieved chunks wrapped in delimiters/);
    assert.match(section, /\| `TL036` .+ \| accepted \| accepted .+owner support-lead, until 2027-06-30/);
    assert.match(section, /1 component not recognised/);
    assert.ok(!/^## /m.test(section.slice(3)), 'no second level-2 heading: the section ends at the next one');
  });

  it('federated learning: the global checkpoint is a training output and carries the threats of the training steps upstream', () => {
    const r = analyze('examples/federated-learning.mmd');
    const subject = buildCardSubject([r], catalog);
    assert.deepEqual(subject.models.map((m) => [m.model.component.id, m.model.role]), [['global', 'training output']]);
    const card = subject.models[0];
    assert.deepEqual(card.model.upstream.map((u) => u.id).sort(), ['agg', 'coord', 'local']);
    assert.ok(card.findings.some((f) => f.ruleId === 'TL020' && f.componentId === 'local'));
    assert.ok(card.findings.some((f) => f.ruleId === 'TL025' && f.componentId === 'global'));
    assert.equal(card.findings.length, r.findings.filter((f) => ['global', 'agg', 'coord', 'local'].includes(f.componentId)).length);
    assert.ok(card.outOfScope.includes(OUT_OF_SCOPE.LLM04), 'poisoning risk of the training rounds');
    assert.match(toCardSection(subject), /upstream: `local` On-device training client/);
  });

  it('a diagram with no model says so, and the card it prints still has valid front matter', () => {
    const text = ['flowchart LR', '  user[Shopper] --> web[Web shop]', '  web --> db[(Orders database)]'].join('\n');
    const section = toCardSection(buildCardSubject([analyze('shop.mmd', text)], catalog));
    assert.match(section, /shows no model component/);
    const card = minimalCard('Web shop', section);
    const fm = parse(splitFrontMatter(card).frontMatter.replace(/^---\n|---\n$/g, '')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(fm).filter((k) => !HF_KEYS.has(k)), []);
  });

  it('a diagram of unrecognised components says no model was found, that coverage is incomplete, and how to declare one', () => {
    const section = toCardSection(buildCardSubject([analyze('odd.mmd', 'flowchart LR\n  a[Zorblax] --> b[Quuxifier]\n')], catalog));
    assert.match(section, /\*\*2 components not recognised: coverage incomplete\.\*\*/);
    assert.match(section, /shows no model component .+ If one of the unrecognised components is the model, declare its kind/);
  });

  it('with every threat decided, no use is ruled out and the section points at verify', () => {
    const base = ['flowchart LR', '  user[Customer] --> web[Chat widget]', '  web --> llm[GPT-4o chatbot]', '  %% @component web exposure=public'];
    const first = analyze('bot.mmd', base.join('\n'));
    const onModel = first.findings.filter((f) => f.componentId === 'llm');
    assert.ok(onModel.length > 0);
    const decided = [...base, ...onModel.map((f) => `  %% @mitigates llm against ${f.ruleId} with "reviewed control" (implemented)`)];
    const subject = buildCardSubject([analyze('bot.mmd', decided.join('\n'))], catalog, 'llm');
    assert.deepEqual(subject.models[0].outOfScope, []);
    assert.ok(subject.models[0].findings.every((f) => f.status === 'mitigated'));
    assert.match(toCardSection(subject), /every one decided[\s\S]+none of them restricts the uses/);
  });

  it('every built-in rule cites a risk with an out-of-scope line', () => {
    assert.deepEqual(catalog.rules.filter((r) => !r.owasp.some((id) => OUT_OF_SCOPE[riskBase(id)]) && !OUT_OF_SCOPE_BY_RULE[r.id]).map((r) => r.id), []);
  });

  it('inserting into a card keeps the front matter byte for byte, replaces only the section and is idempotent', () => {
    const section = toCardSection(buildCardSubject([analyze('examples/rag-support-bot.mmd')], catalog, 'embed'));
    const once = withCardSection(CARD, section);
    assert.equal(splitFrontMatter(once).frontMatter, splitFrontMatter(CARD).frontMatter);
    assert.deepEqual(parse(splitFrontMatter(once).frontMatter.replace(/^---\n|---\n$/g, '')), { license: 'apache-2.0', language: ['en'], tags: ['text-generation'] });
    assert.ok(!once.includes('Hand-written text to replace.'));
    assert.ok(!once.includes('not a heading inside a fence'), 'the fence belonged to the old section');
    assert.match(once, /Intro text\.\n\n## Risks, limitations and security\n/);
    assert.match(once, /\n## Evaluation\n\nScores\.\n$/);
    assert.equal(withCardSection(once, section), once, 'running it again changes nothing');
    // A card without the section gets it appended; again idempotent.
    const bare = '---\nlicense: mit\n---\n\n# M\n\nText.\n';
    const appended = withCardSection(bare, section);
    assert.ok(appended.startsWith('---\nlicense: mit\n---\n\n# M\n\nText.\n\n## Risks, limitations and security\n'));
    assert.equal(withCardSection(appended, section), appended);
    // Only front matter, no newline at the end: the section goes after it, not onto its last line.
    const onlyMeta = withCardSection('---\nlicense: mit\n---', section);
    assert.ok(onlyMeta.startsWith(`---\nlicense: mit\n---\n${section.slice(0, 20)}`), onlyMeta.slice(0, 60));
    assert.deepEqual(parse(splitFrontMatter(onlyMeta).frontMatter.replace(/^---\n|---\n$/g, '')), { license: 'mit' });
    assert.equal(withCardSection(onlyMeta, section), onlyMeta);
  });

  it('CLI: prints a card, replaces the section of --card idempotently, and refuses a component that is no model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatlens-card-'));
    const cardPath = join(dir, 'README.md');
    writeFileSync(cardPath, CARD);
    const once = runCli(['model-card', 'examples/rag-support-bot.mmd', '--component', 'llm', '--card', cardPath, '--today', '2026-12-01', '-o', cardPath]);
    assert.equal(once.code, 0, once.err);
    const first = readFileSync(cardPath, 'utf8');
    assert.match(first, /^### `llm` GPT-4o via Azure OpenAI$/m);
    assert.ok(!/^### `embed`/m.test(first), '--component keeps to one model');
    assert.equal(runCli(['model-card', 'examples/rag-support-bot.mmd', '--component', 'llm', '--card', cardPath, '--today', '2026-12-01', '-o', cardPath]).code, 0);
    assert.equal(readFileSync(cardPath, 'utf8'), first, 'same file after a second run');
    assert.equal(splitFrontMatter(first).frontMatter, splitFrontMatter(CARD).frontMatter);

    const fresh = runCli(['model-card', 'examples/federated-learning.mmd', '--today', '2026-12-01']);
    assert.equal(fresh.code, 0, fresh.err);
    const { frontMatter, body } = splitFrontMatter(fresh.out);
    const meta = parse(frontMatter.replace(/^---\n|---\n$/g, '')) as Record<string, unknown>;
    assert.deepEqual(meta, { tags: ['threatlens'] }, 'no licence or base model the diagram does not state');
    assert.match(body, /^# Global model checkpoint$/m);

    const bad = runCli(['model-card', 'examples/rag-support-bot.mmd', '--component', 'kb']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /kb is not a model component .+model components: llm, embed/);
    assert.equal(runCli(['model-card']).code, 2, 'a diagram is required');
  });

  it('a license stated on the component goes into the new card', () => {
    const text = ['flowchart LR', '  user[Customer] --> llm[Llama 3 chatbot]', '  %% @component llm license=llama3 base-model=meta-llama/Meta-Llama-3-8B'].join('\n');
    const r = analyze('bot.mmd', text);
    const subject = buildCardSubject([r], catalog);
    const card = minimalCard('Bot', toCardSection(subject), subject.models[0].model.component);
    assert.deepEqual(parse(splitFrontMatter(card).frontMatter.replace(/^---\n|---\n$/g, '')), { license: 'llama3', base_model: 'meta-llama/Meta-Llama-3-8B', tags: ['threatlens'] });
  });
});
