/**
 * `threatlens mcp` driven by the SDK's own client over stdio, as an agent would: the server runs
 * from source (tsx) in a child process, rooted in a temporary folder holding copies of examples.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { AgentFile } from '../../src/core/agent';
import { Engine } from '../../src/core/engine';

const repo = resolve(__dirname, '..', '..');

interface ToolAnswer { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: Record<string, unknown> }

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('threatlens mcp (SDK client over stdio)', function () {
  this.timeout(60000);
  const engine = new Engine();
  let root: string;
  let outside: string;
  let client: Client;

  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolAnswer;
  const text = (r: ToolAnswer) => r.content.map((c) => c.text ?? '').join('\n');
  const read = (name: string) => readFileSync(join(root, name), 'utf8');

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tl-mcp-root-'));
    outside = mkdtempSync(join(tmpdir(), 'tl-mcp-outside-'));
    copyFileSync(join(repo, 'examples', 'rag-support-bot.mmd'), join(root, 'rag.mmd'));
    copyFileSync(join(repo, 'examples', 'travel-agent.threatlens.yaml'), join(root, 'travel.threatlens.yaml'));
    copyFileSync(join(repo, 'examples', 'rag-support-bot.mmd'), join(outside, 'secret.mmd'));
    symlinkSync(join(outside, 'secret.mmd'), join(root, 'linked.mmd'));
    const transport = new StdioClientTransport({
      command: process.execPath, args: ['--import', 'tsx', join(repo, 'src', 'cli', 'main.ts'), 'mcp', '--root', root, '--today', '2026-11-23'],
      cwd: repo, stderr: 'inherit',
    });
    client = new Client({ name: 'threatlens-test', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists the four tools with input schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check', 'explain', 'list_fixes', 'record_decision']);
    const record = tools.find((t) => t.name === 'record_decision')!;
    assert.deepEqual(Object.keys(record.inputSchema.properties ?? {}).sort(), ['componentId', 'control', 'decision', 'expires', 'owner', 'path', 'reason', 'ruleId', 'status']);
    assert.equal(tools.find((t) => t.name === 'check')!.annotations?.readOnlyHint, true);
  });

  it('checks a file: the findings the engine reports, with ids, ranges, severity and status', async () => {
    const r = await call('check', { paths: ['rag.mmd'] });
    assert.ok(!r.isError, text(r));
    const [file] = (r.structuredContent as { files: AgentFile[] }).files;
    const direct = engine.analyze('rag.mmd', read('rag.mmd'))!;
    assert.equal(file.path, 'rag.mmd');
    assert.deepEqual(file.findings.map((f) => `${f.ruleId}@${f.componentId}:${f.status}`), direct.findings.map((f) => `${f.ruleId}@${f.componentId}:${f.status}`));
    const f = file.findings.find((x) => x.status === 'open')!;
    assert.ok(f.owasp.length > 0 && f.stride.length > 0 && f.plain.length > 10);
    assert.equal(typeof f.range.start.line, 'number');
    assert.match(text(r), new RegExp(`rag\\.mmd:${f.range.start.line + 1} ${f.severity} open ${f.ruleId} `));
  });

  it('checks text in a given notation', async () => {
    const r = await call('check', { text: 'flowchart LR\n  user[User] --> llm[GPT-4o chat model]\n', notation: 'mermaid' });
    const [file] = (r.structuredContent as { files: AgentFile[] }).files;
    assert.ok(file.findings.some((f) => f.componentId === 'llm' && f.status === 'open'), text(r));
  });

  it('explains a finding in both voices with its mitigations', async () => {
    const direct = engine.analyze('rag.mmd', read('rag.mmd'))!;
    const f = direct.findings.find((x) => x.status === 'open')!;
    const r = await call('explain', { id: f.ruleId });
    assert.ok(!r.isError, text(r));
    assert.ok(text(r).includes(f.plain) && text(r).includes(f.security), text(r));
    assert.deepEqual((r.structuredContent as { mitigations: { id: string }[] }).mitigations.map((m) => m.id), f.mitigations.map((m) => m.id));
    const owasp = await call('explain', { id: 'LLM01:2025' });
    assert.ok(text(owasp).includes(engine.catalog.owasp.get('LLM01:2025')!.security));
    const unknown = await call('explain', { id: 'TL0O1' });
    assert.equal(unknown.isError, true);
    assert.match(text(unknown), /Did you mean TL001/);
  });

  it('lists the quick fixes of a finding with the lines they write, naming its rule', async () => {
    const f = engine.analyze('rag.mmd', read('rag.mmd'))!.findings.find((x) => x.status === 'open')!;
    const r = await call('list_fixes', { path: 'rag.mmd', componentId: f.componentId, ruleId: f.ruleId });
    const fixes = (r.structuredContent as { fixes: { kind: string; lines: string[]; edits: unknown[] }[] }).fixes;
    // As the quick-fix menu orders them: the preferred control, the two other decisions, the other controls.
    assert.deepEqual(fixes.map((x) => x.kind), ['mitigate', 'accept', 'not-applicable', ...f.mitigations.slice(1).map(() => 'mitigate')]);
    assert.match(fixes[0].lines.join('\n'), new RegExp(`%% @mitigates ${f.componentId} against ${f.ruleId} with "${escapeRe(f.mitigations[0].stub)}" \\(planned\\)`));
    assert.ok(fixes.every((x) => x.edits.length > 0));
  });

  it('refuses a placeholder reason or control and leaves the file alone', async () => {
    const before = read('rag.mmd');
    const f = engine.analyze('rag.mmd', before)!.findings.find((x) => x.status === 'open')!;
    for (const args of [{ decision: 'accept', reason: 'TODO: explain why this risk is acceptable' }, { decision: 'accept', reason: '   ' }, { decision: 'accept' }, { decision: 'mitigate', control: 'todo' }]) {
      const r = await call('record_decision', { path: 'rag.mmd', componentId: f.componentId, ruleId: f.ruleId, ...args });
      assert.equal(r.isError, true, JSON.stringify(args));
      assert.match(text(r), /placeholder/);
    }
    assert.equal(read('rag.mmd'), before);
  });

  it('records an acceptance that lands in the file, and the re-check shows the finding accepted', async () => {
    const f = engine.analyze('rag.mmd', read('rag.mmd'))!.findings.find((x) => x.status === 'open')!;
    const reason = 'Only staff reach this bot; reviewed with the security team';
    const r = await call('record_decision', { path: 'rag.mmd', componentId: f.componentId, ruleId: f.ruleId, decision: 'accept', reason, owner: 'alice', expires: '2027-06-30' });
    assert.ok(!r.isError, text(r));
    const line = `%% @accepts ${f.componentId} ${f.ruleId} because "${reason}" owner=alice expires=2027-06-30`;
    assert.ok(read('rag.mmd').includes(line), read('rag.mmd'));
    assert.deepEqual((r.structuredContent as { written: string[] }).written.map((l) => l.trim()), [line]);
    assert.equal((r.structuredContent as { status: string }).status, 'accepted');
    const again = await call('check', { paths: ['rag.mmd'] });
    const now = (again.structuredContent as { files: AgentFile[] }).files[0].findings.find((x) => x.ruleId === f.ruleId && x.componentId === f.componentId)!;
    assert.equal(now.status, 'accepted');
    const twice = await call('record_decision', { path: 'rag.mmd', componentId: f.componentId, ruleId: f.ruleId, decision: 'accept', reason, owner: 'alice', expires: '2027-06-30' });
    assert.match(text(twice), /already records/);
    assert.equal(read('rag.mmd').split(line).length, 2, 'written once');
  });

  it('records a mitigation in a YAML model', async () => {
    const f = engine.analyze('travel.threatlens.yaml', read('travel.threatlens.yaml'))!.findings.find((x) => x.status === 'open')!;
    const r = await call('record_decision', { path: 'travel.threatlens.yaml', componentId: f.componentId, ruleId: f.ruleId, decision: 'mitigate', control: 'Human approval for bookings over 500 EUR', status: 'implemented' });
    assert.ok(!r.isError, text(r));
    assert.equal((r.structuredContent as { status: string }).status, 'mitigated');
    assert.match(read('travel.threatlens.yaml'), new RegExp(`${f.ruleId}: \\{ control: "Human approval for bookings over 500 EUR", status: implemented \\}|control: "Human approval for bookings over 500 EUR"`));
  });

  it('refuses a finding the file does not have', async () => {
    const r = await call('record_decision', { path: 'rag.mmd', componentId: 'llm', ruleId: 'TL999', decision: 'accept', reason: 'Reviewed' });
    assert.equal(r.isError, true);
    assert.match(text(r), /no finding TL999 on "llm"; its findings there are TL/);
  });

  it('refuses paths outside the root, also through a symbolic link, and writes nothing there', async () => {
    const secret = readFileSync(join(outside, 'secret.mmd'), 'utf8');
    const f = engine.analyze('secret.mmd', secret)!.findings.find((x) => x.status === 'open')!;
    const decide = { componentId: f.componentId, ruleId: f.ruleId, decision: 'accept', reason: 'Reviewed and accepted by the owner' };
    for (const path of [join(outside, 'secret.mmd'), `../${outside.split('/').pop()}/secret.mmd`, 'linked.mmd']) {
      for (const [tool, args] of [['record_decision', { path, ...decide }], ['list_fixes', { path, componentId: f.componentId, ruleId: f.ruleId }], ['check', { paths: [path] }]] as const) {
        const r = await call(tool, args);
        assert.equal(r.isError, true, `${tool} ${path}: ${text(r)}`);
        assert.match(text(r), /outside/, `${tool} ${path}`);
      }
    }
    assert.equal(readFileSync(join(outside, 'secret.mmd'), 'utf8'), secret);
  });

  it('serves catalog entries as resources', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    for (const id of ['LLM01:2025', 'ASI01:2026', 'AML.T0051', 'TL001']) assert.ok(uris.includes(`threatlens://catalog/${id}`), id);
    assert.equal(resources.length, engine.catalog.owasp.size + engine.catalog.atlas.techniques.size + engine.rules.length);
    const r = await client.readResource({ uri: 'threatlens://catalog/LLM01:2025' });
    const data = JSON.parse((r.contents[0] as { text: string }).text) as { name: string; plain: string };
    assert.equal(data.name, engine.catalog.owasp.get('LLM01:2025')!.name);
    const rule = JSON.parse(((await client.readResource({ uri: 'threatlens://catalog/TL001' })).contents[0] as { text: string }).text) as { security: string };
    assert.equal(rule.security, engine.rules.find((x) => x.id === 'TL001')!.security);
    await assert.rejects(client.readResource({ uri: 'threatlens://catalog/NOPE' }));
  });
});
