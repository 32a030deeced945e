import type { LineIndex, Range } from '../../text';

/** A piece of a logical line copied verbatim from the document. */
interface Segment {
  /** Offset of the piece in the logical text. */
  at: number;
  /** Offset of the piece in the document. */
  doc: number;
  length: number;
}

/**
 * One instruction line as the builder reads it: physical lines joined at their line
 * continuations, with comment and blank lines inside the continuation dropped. Offsets
 * into `text` map back to the document, so findings point at what was written.
 */
export class LogicalLine {
  readonly text: string;
  private readonly segments: Segment[] = [];

  constructor(
    pieces: readonly { doc: number; text: string }[],
    private readonly lines: LineIndex,
  ) {
    let at = 0;
    for (const piece of pieces) {
      this.segments.push({ at, doc: piece.doc, length: piece.text.length });
      at += piece.text.length;
    }
    this.text = pieces.map((piece) => piece.text).join('');
  }

  /** The document offset of a logical offset; the end of the text maps to the end of the last piece. */
  docOffset(at: number): number {
    const segments = this.segments;
    if (segments.length === 0) return 0;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.at <= at) low = mid;
      else high = mid - 1;
    }
    const segment = segments[low]!;
    return segment.doc + Math.min(Math.max(at - segment.at, 0), segment.length);
  }

  /** The document range of logical offsets [start, end). */
  range(start: number, end: number): Range {
    const from = this.docOffset(start);
    const to = end > start ? this.docOffset(end - 1) + 1 : from;
    return this.lines.rangeOf(from, to);
  }

  /** True when [start, end) lies on one physical line, so an edit of it touches nothing else. */
  isSingleLine(start: number, end: number): boolean {
    if (end <= start) return true;
    const range = this.range(start, end);
    return range.start.line === range.end.line && this.docOffset(end - 1) + 1 - this.docOffset(start) === end - start;
  }
}
