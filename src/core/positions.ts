/**
 * The one place where character offsets become zero-based line/character positions (LSP style).
 * Everything inside the core works on offsets; hosts convert at the edge with a LineIndex.
 */
import type { Span } from './model';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset at which each line starts. `\r\n`, `\n` and lone `\r` all end a line, as in VS Code. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The position of an offset, as VS Code gives it (`TextDocument.positionAt`): an offset between
   * the `\r` and `\n` of a line break, or past the end, is clamped to the end of that line's text.
   */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.contentEnd(lo)) - this.starts[lo] };
  }

  /**
   * The offset of a position, validated as VS Code does: a line before the first is the start of
   * the text, one after the last its end, and a character past the line's text (or negative) is
   * clamped to that text, never into or past its line break.
   */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.max(start, Math.min(start + Math.max(0, pos.character), this.contentEnd(pos.line)));
  }

  /** Offset just past the last character of a line's text (before its line break). */
  private contentEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    if (this.text.charCodeAt(next - 1) === 10 /* \n */) return this.text.charCodeAt(next - 2) === 13 && next - 2 >= this.starts[line] ? next - 2 : next - 1;
    return next - 1;
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the last visible character of the line containing `offset` (before its line break). */
  lineEndAt(offset: number): number {
    return this.contentEnd(this.positionAt(offset).line);
  }
}
