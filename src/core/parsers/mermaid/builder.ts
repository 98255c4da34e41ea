import type { Boundary, Component, Flow, Span } from '../../model';
import { BoundaryTracker } from './boundaries';
import type { LabelText } from './labels';
import type { Link } from './links';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

export interface NodeRef {
  id: string;
  start: number;
  end: number;
}

/** What a node mention declares besides its id. */
export interface NodeDecl {
  shape?: string;
  label?: LabelText;
  classes?: string[];
}

interface ComponentRecord {
  component: Component;
  references: Span[];
  /** Index of the first mention, to tell whether a `class` statement came before it. */
  firstAt: number;
  /** The label came from a declaration (not the id fallback). */
  labelled: boolean;
}

const NO_DECL: NodeDecl = {};

/** Far beyond any real diagram (Mermaid's own default limit is 500 edges). */
const MAX_FLOWS = 200_000;

interface PendingClass {
  ref: NodeRef;
  className: string;
}

/** Accumulates the model while statements are parsed, then resolves Mermaid's membership rules. */
export class ModelBuilder {
  readonly flows: Flow[] = [];
  readonly boundaries: BoundaryTracker;
  private readonly records = new Map<string, ComponentRecord>();
  private readonly classDefs = new Set<string>();
  private readonly edgeIds = new Set<string>();
  private readonly pendingClasses: PendingClass[] = [];
  private tooManyFlows = false;

  constructor(
    private readonly src: Source,
    private readonly problems: Problems,
  ) {
    this.boundaries = new BoundaryTracker(src, problems);
  }

  /** Mermaid treats an id that names an edge (`e1@-->`) as that edge, never as a node. */
  isEdgeId(id: string): boolean {
    return this.edgeIds.has(id);
  }

  /**
   * A node mention in a node or link statement: creates the component on first sight, records later
   * mentions as references and makes the node a member of the enclosing subgraph.
   */
  node(ref: NodeRef, decl: NodeDecl = NO_DECL, member = true): void {
    if (this.edgeIds.has(ref.id)) return;
    const rec = this.records.get(ref.id);
    if (!rec) {
      const component: Component = {
        id: ref.id,
        label: ref.id,
        span: this.src.span(ref.start, ref.end),
        kind: 'unknown',
        kindSource: 'default',
        kindReason: '',
        classes: [],
        properties: {},
      };
      const created: ComponentRecord = { component, references: [], firstAt: ref.start, labelled: false };
      this.records.set(ref.id, created);
      this.declare(created, decl);
    } else {
      rec.references.push(this.src.span(ref.start, ref.end));
      this.declare(rec, decl, ref);
    }
    if (member) this.boundaries.mention(ref.id);
  }

  private declare(rec: ComponentRecord, decl: NodeDecl, at?: NodeRef): void {
    const c = rec.component;
    if (decl.classes) for (const cls of decl.classes) if (!c.classes.includes(cls)) c.classes.push(cls);
    let conflict: string | undefined;
    if (decl.label) {
      if (!rec.labelled) {
        rec.labelled = true;
        c.label = decl.label.label;
        c.labelSpan = this.src.span(decl.label.start, decl.label.end);
      } else if (decl.label.label !== c.label) {
        conflict = `label "${decl.label.label}" instead of "${c.label}"`;
      }
    }
    if (decl.shape !== undefined) {
      if (c.shape === undefined) c.shape = decl.shape;
      else if (decl.shape !== c.shape) conflict ??= `shape \`${decl.shape}\` instead of \`${c.shape}\``;
    }
    if (conflict && at) {
      this.problems.warning(CODES.relabelledNode,
        `Node \`${c.id}\` is declared again with ${conflict}. Mermaid draws the last declaration; Threatlens uses the first. Declare each node once.`,
        at.start, at.end);
    }
  }

  /** `style X …`: Mermaid creates the node if needed, but the statement does not place it in a subgraph. */
  styled(ref: NodeRef): void {
    this.node(ref, {}, false);
  }

  /** `click X …`: only a reference; Mermaid never creates a node for it. */
  clicked(ref: NodeRef): void {
    this.records.get(ref.id)?.references.push(this.src.span(ref.start, ref.end));
  }

  classStatement(refs: NodeRef[], className: string): void {
    for (const ref of refs) this.pendingClasses.push({ ref, className });
  }

  classDef(names: string[]): void {
    for (const n of names) if (n !== '') this.classDefs.add(n);
  }

  get edgeCount(): number {
    return this.flows.length;
  }

  /** Adds the flows for `froms <link> tos`, every source to every target, in Mermaid's order. */
  link(froms: NodeRef[], tos: NodeRef[], link: Link): void {
    // `a & a & … --> b & b & …` multiplies; a bound keeps a hostile file from exhausting memory.
    if (this.flows.length + froms.length * tos.length > MAX_FLOWS) {
      if (!this.tooManyFlows) {
        this.tooManyFlows = true;
        this.problems.error(CODES.tooManyEdges,
          `This diagram defines more than ${MAX_FLOWS} edges; Threatlens ignores the edges from here on.`, link.start, link.end);
      }
      return;
    }
    const arrow = this.src.text.slice(link.start, link.end);
    let edgeId = link.edgeId;
    if (edgeId !== undefined && this.edgeIds.has(edgeId)) {
      this.problems.warning(CODES.duplicateEdgeId, `Edge id \`${edgeId}\` is already used; Mermaid ignores it on this edge.`, link.start, link.end);
      edgeId = undefined;
    }
    for (const from of froms) {
      for (const to of tos) {
        const flow: Flow = { from: from.id, to: to.id, span: this.src.span(link.start, link.end), arrow };
        if (link.label) {
          flow.label = link.label.label;
          flow.labelSpan = this.src.span(link.label.start, link.label.end);
        }
        if (link.bidirectional) flow.bidirectional = true;
        if (link.invisible) flow.invisible = true;
        // Mermaid gives a user edge id only to the pair joining the last source and the first target.
        if (edgeId !== undefined && from === froms[froms.length - 1] && to === tos[0]) flow.id = edgeId;
        this.flows.push(flow);
      }
    }
    if (edgeId !== undefined) this.edgeIds.add(edgeId);
  }

  finish(): { components: Component[]; boundaries: Boundary[]; classDefs: string[] } {
    const resolved = this.boundaries.resolve();
    this.applyClasses(resolved.ids);
    const components: Component[] = [];
    for (const rec of this.records.values()) {
      const c = rec.component;
      if (resolved.ids.has(c.id)) continue;
      const owner = resolved.ownerOf(c.id);
      if (owner !== undefined) c.boundary = owner;
      c.references = rec.references.sort((a, b) => a.start - b.start);
      components.push(c);
    }
    for (const b of resolved.boundaries) {
      b.members = b.members.filter((m) => this.records.has(m) && !resolved.ids.has(m));
    }
    return { components, boundaries: resolved.boundaries, classDefs: [...this.classDefs] };
  }

  private applyClasses(boundaryIds: ReadonlySet<string>): void {
    for (const { ref, className } of this.pendingClasses) {
      const rec = this.records.get(ref.id);
      if (rec && !boundaryIds.has(ref.id)) {
        if (!rec.component.classes.includes(className)) rec.component.classes.push(className);
        if (ref.start > rec.firstAt) rec.references.push(this.src.span(ref.start, ref.end));
        if (ref.start < rec.firstAt) {
          this.problems.warning(CODES.classBeforeNode,
            `\`class\` comes before node \`${ref.id}\` is declared, so Mermaid does not apply \`${className}\`; move the statement below the node.`,
            ref.start, ref.end);
        }
      } else if (!boundaryIds.has(ref.id) && !this.edgeIds.has(ref.id)) {
        this.problems.warning(CODES.unknownClassTarget,
          `\`class\` names \`${ref.id}\`, which is not a node, subgraph or edge id in this diagram.`,
          ref.start, ref.end);
      }
    }
  }
}
