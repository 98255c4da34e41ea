/**
 * Hover cards on a component (its id at any mention, or its label) and on the threat id of an
 * annotation. Command links are limited to Threatlens's own commands.
 */
import * as vscode from 'vscode';
import type { Annotation, Component, Span, SystemModel } from '../core/model';
import { toOffset, toRange } from './convert';
import type { EngineHost } from './engineHost';
import { CMD, HOVER_COMMANDS } from './commandIds';
import { isArgs } from './decisionCommands';
import type { Analysis } from './engineHost';
import { componentDetails, componentHover, threatHover } from './hoverContent';

export const SELECTOR: vscode.DocumentSelector = [{ language: 'mermaid' }, { language: 'markdown' }, { language: 'yaml' }];

type Target =
  | { type: 'component'; model: SystemModel; component: Component; span: Span }
  | { type: 'threat'; model: SystemModel; annotation: Exclude<Annotation, { type: 'component' }>; span: Span };

const inside = (s: Span | undefined, o: number) => s !== undefined && s.start <= o && o <= s.end && s.end > s.start;

function targetAt(models: readonly SystemModel[], offset: number): Target | undefined {
  for (const model of models) {
    for (const a of model.annotations) {
      if (a.type !== 'component' && inside(a.threatSpan, offset)) return { type: 'threat', model, annotation: a, span: a.threatSpan };
      if (inside(a.targetSpan, offset)) {
        const component = model.components.find((c) => c.id === a.target);
        if (component) return { type: 'component', model, component, span: a.targetSpan };
      }
    }
    for (const c of model.components) {
      const hit = [c.span, c.labelSpan, ...(c.references ?? [])].find((s) => inside(s, offset));
      if (hit) return { type: 'component', model, component: c, span: hit };
    }
  }
  return undefined;
}

/** The findings of one declaration of a component (a Markdown file may declare an id twice). */
function findingsOf(a: Analysis, c: Component) {
  return a.result.findings.filter((f) => f.componentId === c.id && f.span.start === c.span.start);
}

export class ThreatHoverProvider implements vscode.HoverProvider {
  private constructor(private readonly host: EngineHost) {}

  static register(context: vscode.ExtensionContext, host: EngineHost): void {
    const p = new ThreatHoverProvider(host);
    context.subscriptions.push(
      vscode.languages.registerHoverProvider(SELECTOR, p),
      vscode.commands.registerCommand(CMD.showFindingDetails, (args: unknown) => p.showDetails(args)),
    );
  }

  /** The hover's "Full text" link: every finding of the component in full, in a Markdown preview. */
  private async showDetails(args: unknown): Promise<void> {
    if (!isArgs(args)) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const a = this.host.analyzeDocument(doc);
    const c = a?.result.file.models.flatMap((m) => m.components).find((x) => x.id === args.componentId && x.span.start === args.anchor);
    if (!a || !c) return;
    const md = componentDetails(c, findingsOf(a, c), args.uri, this.host.engine.lookup);
    const details = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    // The built-in Markdown extension may be disabled: then the source, which reads well too.
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', details.uri);
    } catch {
      await vscode.window.showTextDocument(details, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const a = this.host.analyzeDocument(doc);
    if (!a) return undefined;
    const offset = toOffset(a.index, position);
    const target = targetAt(a.result.file.models, offset);
    if (!target) return undefined;
    const lookup = this.host.engine.lookup;
    const uri = doc.uri.toString();
    let md: string;
    if (target.type === 'component') {
      const c = target.component;
      md = componentHover(c, findingsOf(a, c), uri, lookup);
    } else {
      const ann = target.annotation;
      const resolved = this.host.engine.resolveThreat(ann.threat);
      const comp = target.model.components.find((c) => c.id === ann.target);
      const affected = a.result.findings.filter((f) => comp && f.componentId === comp.id && f.span.start === comp.span.start && f.decisions.some((d) => d.span.start === ann.span.start));
      const problem = a.result.problems.find((p) => p.span.start === ann.threatSpan.start && p.code === 'annotation/unknown-threat');
      md = threatHover(ann, resolved, affected, problem, lookup, (id) => this.host.engine.rules.find((r) => r.id === id)?.title);
    }
    const content = new vscode.MarkdownString(md);
    content.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    content.supportHtml = false;
    content.supportThemeIcons = false;
    return new vscode.Hover(content, toRange(a.index, target.span));
  }
}
