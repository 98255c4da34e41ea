/**
 * Accumulates components, flows and trust boundaries for the Mermaid notations other than the
 * flowchart (C4, architecture-beta, sequence). Their semantics are simpler than the flowchart's
 * (an element belongs to the block it is declared in), so one small builder serves all three.
 * Offsets passed in are indices into the diagram text; `Source.span` adds the file offset.
 */
import type { Boundary, Component, Flow, KindHint, Span } from '../../model';
import type { Problems } from '../mermaid/problems';
import type { Source } from '../mermaid/source';

export interface TextRange {
  text: string;
  start: number;
  end: number;
}

/** What a declaration says about an element besides its id. */
export interface ElementDecl {
  label?: TextRange;
  shape?: string;
  properties?: Record<string, string>;
  hints?: KindHint[];
  /** Innermost enclosing boundary id. */
  boundary?: string;
}

interface Record_ {
  component: Component;
  /** Declared explicitly (`participant X`, `Person(x, …)`), not only mentioned by a message. */
  declared: boolean;
}

/** Far beyond any real diagram; a bound keeps a hostile file from exhausting memory. */
const MAX_FLOWS = 200_000;

export class DiagramBuilder {
  readonly flows: Flow[] = [];
  private readonly records = new Map<string, Record_>();
  private readonly boundaries = new Map<string, Boundary>();
  private tooManyFlows = false;

  constructor(
    private readonly src: Source,
    private readonly problems: Problems,
    /** Problem code for an element declared twice with a different label. */
    private readonly relabelCode: string,
  ) {}

  has(id: string): boolean {
    return this.records.has(id);
  }

  isBoundary(id: string): boolean {
    return this.boundaries.has(id);
  }

  /**
   * An explicit declaration. The first one wins (a later one with another label is reported, as in
   * the flowchart parser); one that follows mere mentions takes over the span and the label, since
   * the declaration line is where a reader looks for the element.
   */
  declare(id: string, start: number, end: number, decl: ElementDecl = {}): void {
    const rec = this.records.get(id);
    if (rec && rec.declared) {
      rec.component.references?.push(this.src.span(start, end));
      const label = decl.label?.text;
      if (label !== undefined && label !== rec.component.label) {
        this.problems.warning(this.relabelCode,
          `\`${id}\` is declared again with label "${label}" instead of "${rec.component.label}". Mermaid draws the last declaration; Threatlens uses the first. Declare each element once.`,
          start, end);
      }
      return;
    }
    const component = rec?.component ?? this.newComponent(id, start, end);
    if (rec) {
      component.references?.push(component.span);
      component.span = this.src.span(start, end);
    }
    if (decl.label) {
      component.label = decl.label.text;
      component.labelSpan = this.src.span(decl.label.start, decl.label.end);
    }
    if (decl.shape !== undefined) component.shape = decl.shape;
    if (decl.properties) Object.assign(component.properties, decl.properties);
    if (decl.hints?.length) component.hints = [...(component.hints ?? []), ...decl.hints];
    if (decl.boundary !== undefined) component.boundary = decl.boundary;
    if (rec) rec.declared = true;
    else this.records.set(id, { component, declared: true });
  }

  /** A mention (a message end, a note): creates the element when it is new. */
  mention(id: string, start: number, end: number): void {
    const rec = this.records.get(id);
    if (rec) rec.component.references?.push(this.src.span(start, end));
    else this.records.set(id, { component: this.newComponent(id, start, end), declared: false });
  }

  /** Adds properties to an element (Mermaid's later `participant X@{…}` or `_Ext` forms). */
  properties(id: string, props: Record<string, string>): void {
    const rec = this.records.get(id);
    if (rec) Object.assign(rec.component.properties, props);
  }

  boundary(id: string, label: TextRange | undefined, start: number, end: number, parent?: string, properties?: Record<string, string>): Boundary {
    const known = this.boundaries.get(id);
    if (known) return known;
    const b: Boundary = { id, label: label?.text ?? id, span: this.src.span(start, end), members: [] };
    if (label) b.labelSpan = this.src.span(label.start, label.end);
    if (parent !== undefined) b.parent = parent;
    if (properties && Object.keys(properties).length) b.properties = properties;
    this.boundaries.set(id, b);
    return b;
  }

  flow(from: string, to: string, arrowStart: number, arrowEnd: number, extra: { label?: TextRange; arrow?: string; bidirectional?: boolean; tags?: string[] } = {}): void {
    if (this.flows.length >= MAX_FLOWS) {
      if (!this.tooManyFlows) {
        this.tooManyFlows = true;
        this.problems.error('mermaid/too-many-edges', `This diagram defines more than ${MAX_FLOWS} relationships; Threatlens ignores the rest.`, arrowStart, arrowEnd);
      }
      return;
    }
    const f: Flow = { from, to, span: this.src.span(arrowStart, arrowEnd) };
    if (extra.arrow !== undefined) f.arrow = extra.arrow;
    if (extra.label && extra.label.text !== '') {
      f.label = extra.label.text;
      f.labelSpan = this.src.span(extra.label.start, extra.label.end);
    }
    if (extra.bidirectional) f.bidirectional = true;
    if (extra.tags?.length) f.tags = extra.tags;
    this.flows.push(f);
  }

  finish(): { components: Component[]; boundaries: Boundary[] } {
    const components: Component[] = [];
    for (const { component } of this.records.values()) {
      if (component.boundary !== undefined && !this.boundaries.has(component.boundary)) delete component.boundary;
      component.references?.sort((a: Span, b: Span) => a.start - b.start);
      if (component.boundary !== undefined) this.boundaries.get(component.boundary)?.members.push(component.id);
      components.push(component);
    }
    return { components, boundaries: [...this.boundaries.values()] };
  }

  private newComponent(id: string, start: number, end: number): Component {
    return {
      id, label: id, span: this.src.span(start, end), kind: 'unknown', kindSource: 'default', kindReason: '',
      classes: [], properties: {}, references: [],
    };
  }
}
