/**
 * "Copy Finding as Review Comment": Markdown for a pull-request comment with the threat, where it
 * is, why it matters and the line the quick fix would add. Works on a Threats view item, on
 * `{ uri, ruleId, anchor }`, or on the finding under the cursor. With several items selected in
 * the Threats view (findings or components), one comment covers them all; "Copy Selected Findings
 * as Review Comment" does the same from the view's selection.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/analysis/finding';
import { annotationLine, decisionEdits, mitigationRequest } from '../core/edits';
import { codeSpan, escapeMarkdown } from '../core/report/escape';
import type { CatalogLookup } from '../core/report/types';
import { CMD } from './commandIds';
import { toOffset, toPosition } from './convert';
import type { Analysis, EngineHost } from './engineHost';
import type { ThreatNode } from './threatsView';
import { minOf } from '../core/arrays';

interface FindingRef {
  uri: string;
  ruleId: string;
  anchor: number;
}

function fence(body: string, lang: string): string {
  let ticks = '```';
  while (body.includes(ticks)) ticks += '`';
  return `${ticks}${lang}\n${body}\n${ticks}`;
}

function dedent(text: string): string {
  const lines = text.replace(/^(\r\n|\n|\r)/, '').split(/\r\n|\n|\r/);
  const pad = minOf(lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(Number.isFinite(pad) ? pad : 0)).join('\n');
}

/** The review comment for one finding (Markdown; user text escaped). */
export function reviewComment(a: Analysis, f: Finding, lookup: CatalogLookup, engine: Parameters<typeof decisionEdits>[2]): string {
  const primary = f.owasp[0] ?? f.ruleId;
  const ref = lookup.owasp(primary);
  const line = toPosition(a.index, f.span.start).line + 1;
  const heading = ref?.url ? `[${ref.id} ${escapeMarkdown(ref.name)}](${ref.url})` : escapeMarkdown(primary);
  const out = [
    `**Threatlens: ${heading}** · ${f.score.toFixed(1)} ${f.severity} · ${f.status}`,
    '',
    `${escapeMarkdown(f.title)} on ${codeSpan(f.componentId)} (${codeSpan(f.ruleId)}), ${codeSpan(a.result.file.path)} line ${line}.`,
    '',
    `> ${escapeMarkdown(f.plain)}`,
  ];
  const atlas = f.atlas.map((id) => { const r = lookup.atlas(id); return r?.url ? `[${id}](${r.url})` : id; });
  if (atlas.length) out.push('', `MITRE ATLAS: ${atlas.join(', ')} · STRIDE: ${f.stride.join('')}`);
  const req = mitigationRequest(f);
  if (req) {
    const m = f.mitigations[0];
    const edits = decisionEdits(a.result.file, req, engine);
    const snippet = edits.length === 1 ? dedent(edits[0].newText) : a.result.file.format === 'yaml' ? '' : annotationLine(req);
    out.push('', `Suggested fix: **${escapeMarkdown(m.name)}**: ${escapeMarkdown(m.stub)}.`);
    if (snippet) out.push('', `Record it in the model (below ${codeSpan(f.componentId)}):`, '', fence(snippet, a.result.file.format === 'yaml' ? 'yaml' : 'mermaid'));
  }
  return out.join('\n');
}

export class ReviewComments {
  private constructor(private readonly host: EngineHost, private readonly selection: () => readonly ThreatNode[]) {}

  static register(context: vscode.ExtensionContext, host: EngineHost, selection: () => readonly ThreatNode[] = () => []): void {
    const r = new ReviewComments(host, selection);
    context.subscriptions.push(
      // A tree item's menu passes the clicked item, then every selected item when several are.
      vscode.commands.registerCommand(CMD.copyReviewComment, (arg?: unknown, selected?: unknown) => r.copy(arg, selected)),
      vscode.commands.registerCommand(CMD.copyReviewComments, (arg?: unknown, selected?: unknown) => r.copy(arg, Array.isArray(selected) && selected.length ? selected : r.selection())),
    );
  }

  /** Findings of the selected finding and component nodes, in order, each once. */
  private selected(nodes: readonly unknown[]): { a: Analysis; f: Finding }[] {
    const out: { a: Analysis; f: Finding }[] = [];
    const seen = new Set<Finding>();
    for (const raw of nodes) {
      const node = raw as ThreatNode | undefined;
      if (!node || typeof node !== 'object') continue;
      const hits = node.type === 'finding' ? [{ a: node.analysis, f: node.finding }]
        : node.type === 'component' ? node.findings.map((f) => ({ a: node.analysis, f })) : [];
      for (const h of hits) if (!seen.has(h.f)) { seen.add(h.f); out.push(h); }
    }
    return out;
  }

  private async resolve(arg: unknown): Promise<{ a: Analysis; f: Finding } | undefined> {
    const node = arg as ThreatNode | undefined;
    if (node && typeof node === 'object' && node.type === 'finding') return { a: node.analysis, f: node.finding };
    const ref = arg as Partial<FindingRef> | undefined;
    if (ref && typeof ref.uri === 'string' && typeof ref.ruleId === 'string') {
      const a = this.host.analyzeDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri)));
      const f = a?.result.findings.find((x) => x.ruleId === ref.ruleId && (ref.anchor === undefined || (x.span.start <= ref.anchor && ref.anchor <= x.span.end)));
      return a && f ? { a, f } : undefined;
    }
    const editor = vscode.window.activeTextEditor;
    const a = editor ? this.host.analyzeDocument(editor.document) : undefined;
    if (!editor || !a) return undefined;
    const at = toOffset(a.index, editor.selection.active);
    const line = editor.selection.active.line;
    const here = a.result.findings.filter((x) => (x.span.start <= at && at <= x.span.end) || toPosition(a.index, x.span.start).line === line);
    const f = here.sort((x, y) => Number(y.status === 'open') - Number(x.status === 'open') || y.score - x.score)[0];
    return f ? { a, f } : undefined;
  }

  /** Copies the comment to the clipboard and returns it (undefined when no finding is at hand). */
  async copy(arg: unknown, selected?: unknown): Promise<string | undefined> {
    const many = Array.isArray(selected) ? this.selected(selected) : [];
    if (many.length > 1) {
      const lookup = this.host.engine.lookup;
      const text = [`**Threatlens: ${many.length} findings to review**`, ...many.map((h) => reviewComment(h.a, h.f, lookup, this.host.engine))].join('\n\n---\n\n');
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`Threatlens: review comment for ${many.length} findings copied`, 3000);
      return text;
    }
    const hit = many.length === 1 ? many[0] : await this.resolve(arg);
    if (!hit) {
      void vscode.window.showInformationMessage('Threatlens: put the cursor on a component with a finding, or pick one in the Threats view.');
      return undefined;
    }
    const text = reviewComment(hit.a, hit.f, this.host.engine.lookup, this.host.engine);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('Threatlens: review comment copied', 3000);
    return text;
  }
}
