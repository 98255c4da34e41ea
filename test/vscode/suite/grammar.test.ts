// The TextMate grammars, tokenised by the vscode-textmate and vscode-oniguruma that this VS Code
// ships, with every grammar the installed extensions contribute (so the Markdown injection is
// tested against VS Code's own Markdown grammar).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Token { text: string; scopes: string[] }
interface Grammar { tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown } }
/** The parts of vscode-textmate and vscode-oniguruma used here (VS Code ships both; no types in this repo). */
interface TextMate {
  INITIAL: unknown;
  parseRawGrammar(text: string, path: string): unknown;
  Registry: new (options: {
    onigLib: Promise<{ createOnigScanner(s: string[]): unknown; createOnigString(s: string): unknown }>;
    loadGrammar(scope: string): Promise<unknown>;
    getInjections(scope: string): string[] | undefined;
  }) => { loadGrammar(scope: string): Promise<unknown> };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

async function tokenizer(): Promise<((scope: string, text: string) => Promise<Token[][]>) | undefined> {
  const req = createRequire(path.join(vscode.env.appRoot, 'package.json'));
  let tm: TextMate;
  let onig: Oniguruma;
  try {
    tm = req('vscode-textmate') as TextMate;
    onig = req('vscode-oniguruma') as Oniguruma;
  } catch {
    return undefined;
  }
  const wasm = fs.readFileSync(path.join(path.dirname(req.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const paths = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const ext of vscode.extensions.all) {
    const grammars = (ext.packageJSON as { contributes?: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] } }).contributes?.grammars ?? [];
    for (const g of grammars) {
      paths.set(g.scopeName, path.join(ext.extensionPath, g.path));
      for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
    }
  }
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: (scope: string) => {
      const p = paths.get(scope);
      return Promise.resolve(p ? tm.parseRawGrammar(fs.readFileSync(p, 'utf8'), p) : null);
    },
    getInjections: (scope: string) => injections.get(scope),
  });
  return async (scope, text) => {
    const g = (await registry.loadGrammar(scope)) as Grammar;
    let state: unknown = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = g.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

function scopeOf(lines: Token[][], text: string): string[] {
  const t = lines.flat().find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(lines.flat().map((x) => x.text))}`);
  return t.scopes;
}

suite('TextMate grammars', () => {
  let tokenize: Awaited<ReturnType<typeof tokenizer>>;
  suiteSetup(async function () {
    tokenize = await tokenizer();
    if (!tokenize) this.skip();
  });

  test('Mermaid: flowchart syntax', async () => {
    assert.ok(tokenize);
    const lines = await tokenize('source.mermaid', [
      'flowchart LR',
      '  subgraph vpc [Company VPC]',
      '    llm[GPT-4o] -->|prompt| kb[(Vector store)]:::store',
      '    a -- calls --> b',
      '  end',
      '  classDef store fill:#f9f',
      '  %% a plain comment',
    ].join('\n'));
    assert.ok(scopeOf(lines, 'flowchart').includes('keyword.control.diagram.mermaid'));
    assert.ok(scopeOf(lines, 'LR').includes('constant.language.direction.mermaid'));
    assert.ok(scopeOf(lines, 'subgraph').includes('keyword.control.subgraph.mermaid'));
    assert.ok(scopeOf(lines, 'llm').includes('variable.other.node.mermaid'));
    assert.ok(scopeOf(lines, 'GPT-4o').includes('string.unquoted.label.mermaid'));
    assert.ok(scopeOf(lines, '-->').includes('keyword.operator.arrow.mermaid'));
    assert.ok(scopeOf(lines, 'prompt').includes('string.unquoted.edge-label.mermaid'));
    assert.ok(scopeOf(lines, 'Vector store').some((s) => s.startsWith('meta.shape.cylinder')));
    assert.ok(scopeOf(lines, 'calls').includes('string.unquoted.edge-label.mermaid'));
    assert.ok(scopeOf(lines, 'classDef').includes('keyword.other.classdef.mermaid'));
    assert.ok(scopeOf(lines, '%% a plain comment').includes('comment.line.percentage.mermaid'));
  });

  test('Mermaid: Threatlens annotations (verb, node, threat id, text, status)', async () => {
    assert.ok(tokenize);
    const lines = await tokenize('source.mermaid', [
      'flowchart LR',
      '  %% @mitigates llm against LLM01:2025 with "wrap \\"retrieved\\" text" (planned)',
      '  %% @accepts llm AML.T0051 because "drafts only" owner=lead',
      '  %% @component kb kind=vector-store',
    ].join('\n'));
    assert.ok(scopeOf(lines, 'mitigates').includes('keyword.control.annotation.threatlens'));
    const node = lines[1].find((t) => t.text === 'llm');
    assert.ok(node?.scopes.includes('variable.other.node.threatlens'));
    assert.ok(scopeOf(lines, 'LLM01:2025').includes('entity.name.type.threat-id.threatlens'));
    assert.ok(scopeOf(lines, 'AML.T0051').includes('entity.name.type.threat-id.threatlens'));
    assert.ok(scopeOf(lines, 'against').includes('keyword.other.annotation.threatlens'));
    assert.ok(scopeOf(lines, '\\"').includes('constant.character.escape.threatlens'));
    assert.ok(scopeOf(lines, 'planned').includes('constant.language.status.threatlens'));
    assert.ok(scopeOf(lines, 'kind').includes('entity.other.attribute-name.property.threatlens'));
    assert.ok(scopeOf(lines, 'vector-store').includes('string.unquoted.property-value.threatlens'));
  });

  test('Markdown: ```mermaid fences get the Mermaid grammar, annotations included', async () => {
    assert.ok(tokenize);
    const lines = await tokenize('text.html.markdown', [
      '# Notes',
      '',
      '```mermaid',
      'flowchart LR',
      '  u[Customer] --> llm[GPT-4o]',
      '  %% @mitigates llm against LLM01:2025 with "x" (planned)',
      '```',
      '',
      'After the fence: LLM01:2025 is plain text.',
    ].join('\n'));
    assert.ok(scopeOf(lines, 'flowchart').includes('meta.embedded.block.mermaid'));
    assert.ok(scopeOf(lines, 'mitigates').includes('keyword.control.annotation.threatlens'));
    assert.ok(scopeOf(lines, 'LLM01:2025').includes('entity.name.type.threat-id.threatlens'));
    assert.ok(lines[8].every((t) => !t.scopes.some((s) => s.includes('mermaid') || s.includes('threatlens'))), 'nothing leaks past the fence');
  });
});
