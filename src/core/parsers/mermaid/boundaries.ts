import type { Boundary } from '../../model';
import { CODES, type Problems } from './problems';
import type { Source } from './source';

/** What a `subgraph` line declares. */
export interface SubgraphHeader {
  keywordStart: number;
  keywordEnd: number;
  /** Explicit id; undefined when Mermaid generates one (a title with spaces, or nothing at all). */
  id?: string;
  /** Range used as the boundary's span: the id, or the title when the id is generated. */
  spanStart: number;
  spanEnd: number;
  title: string;
  /** Range of a title that differs from the id (`subgraph id [title]`, `subgraph "two words"`). */
  titleStart?: number;
  titleEnd?: number;
}

interface OpenSubgraph {
  header: SubgraphHeader;
  /** Ids mentioned directly in the block, nested subgraph ids included, in order. */
  refs: string[];
}

export interface ResolvedBoundaries {
  boundaries: Boundary[];
  ids: ReadonlySet<string>;
  ownerOf(id: string): string | undefined;
}

/**
 * Mermaid's subgraph semantics: a block is registered when its `end` is reached (so inner blocks
 * first), ids without one are numbered `subGraph<n>` in that order, and each block takes the ids it
 * mentions that no earlier-closed block has taken. Nesting is the same rule applied to subgraph ids.
 * Uses an explicit stack, so nesting depth never touches the call stack.
 */
export class BoundaryTracker {
  private readonly stack: OpenSubgraph[] = [];
  private readonly byId = new Map<string, Boundary>();
  /** Member id (node or subgraph) → id of the subgraph that took it. */
  private readonly claims = new Map<string, string>();
  private closed = 0;

  constructor(
    private readonly src: Source,
    private readonly problems: Problems,
  ) {}

  get depth(): number {
    return this.stack.length;
  }

  open(header: SubgraphHeader): void {
    this.stack.push({ header, refs: [] });
  }

  mention(id: string): void {
    // Checked explicitly: reading index -1 of an empty array is a slow property lookup in V8.
    if (this.stack.length > 0) this.stack[this.stack.length - 1].refs.push(id);
  }

  /** Handles `end`; false when no subgraph is open. */
  close(): boolean {
    const sg = this.stack.pop();
    if (!sg) return false;
    const h = sg.header;
    const id = h.id ?? `subGraph${this.closed}`;
    this.closed++;
    for (const ref of sg.refs) {
      if (ref !== id && !this.claims.has(ref)) this.claims.set(ref, id);
    }
    const existing = this.byId.get(id);
    if (existing) {
      this.problems.warning(CODES.duplicateSubgraph,
        `Subgraph \`${id}\` is declared more than once; Mermaid merges the blocks and keeps the first title.`,
        h.spanStart, h.spanEnd);
    } else {
      const boundary: Boundary = { id, label: h.title || id, span: this.src.span(h.spanStart, h.spanEnd), members: [] };
      if (h.titleStart !== undefined && h.titleEnd !== undefined) boundary.labelSpan = this.src.span(h.titleStart, h.titleEnd);
      this.byId.set(id, boundary);
    }
    this.mention(id);
    return true;
  }

  /** Closes blocks still open at the end of the text, reporting each `subgraph` keyword. */
  closeAllAtEof(): void {
    while (this.stack.length > 0) {
      const h = this.stack[this.stack.length - 1].header;
      this.problems.error(CODES.missingEnd,
        `This \`subgraph\` is never closed: add \`end\` on its own line after its last statement.`,
        h.keywordStart, h.keywordEnd);
      this.close();
    }
  }

  resolve(): ResolvedBoundaries {
    const ids = new Set(this.byId.keys());
    const parentOf = new Map<string, string>();
    for (const [member, owner] of this.claims) {
      if (ids.has(member)) parentOf.set(member, owner);
      else this.byId.get(owner)?.members.push(member);
    }
    this.breakCycles(parentOf);
    for (const [child, parent] of parentOf) {
      const b = this.byId.get(child);
      if (b) b.parent = parent;
    }
    const boundaries = [...this.byId.values()].sort((a, b) => a.span.start - b.span.start);
    return { boundaries, ids, ownerOf: (id) => this.claims.get(id) };
  }

  /**
   * A block that mentions an enclosing (or later) block's id can make two subgraphs each other's
   * parent. Cut such loops so consumers can walk `parent` safely. Linear: each id is walked once.
   */
  private breakCycles(parentOf: Map<string, string>): void {
    const state = new Map<string, 1 | 2>();
    for (const start of this.byId.keys()) {
      const path: string[] = [];
      let cur: string | undefined = start;
      while (cur !== undefined && !state.has(cur)) {
        state.set(cur, 1);
        path.push(cur);
        cur = parentOf.get(cur);
      }
      if (cur !== undefined && state.get(cur) === 1) {
        const last = path[path.length - 1];
        parentOf.delete(last);
        const b = this.byId.get(last);
        if (b) {
          this.problems.warning(CODES.subgraphCycle,
            `Subgraphs \`${last}\` and \`${cur}\` each end up inside the other; Threatlens ignores \`${last}\`'s parent.`,
            b.span.start - this.src.offset, b.span.end - this.src.offset);
        }
      }
      for (const id of path) state.set(id, 2);
    }
  }
}
