/**
 * The prose of a document as one string, with a map back into the source. Pieces of the source are
 * copied verbatim; what is not prose becomes a single `\n` (so no term matches across it), and a line
 * break between two CJK characters inside one paragraph is dropped (so a term broken there is found).
 */
export class Prose {
  private readonly parts: string[] = [];
  // Piece k starts at prose offset proseStarts[k] and source offset sourceStarts[k].
  private readonly proseStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private length = 0;
  private lastWasBreak = true;

  constructor(readonly source: string) {}

  /** Copies `source[start, end)` as it is. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.proseStarts.push(this.length);
    this.sourceStarts.push(start);
    this.parts.push(this.source.slice(start, end));
    this.length += end - start;
    this.lastWasBreak = false;
  }

  /** Ends the current run of prose; `at` is where in the source the break stands. */
  break(at: number): void {
    if (this.lastWasBreak) return;
    this.proseStarts.push(this.length);
    this.sourceStarts.push(at);
    this.parts.push('\n');
    this.length += 1;
    this.lastWasBreak = true;
  }

  /**
   * Adds inline prose `source[start, end)`: URLs are left out, line breaks (with the indentation and, when
   * `quotePrefix`, the `>` markers after them) are dropped between wide characters and kept as breaks otherwise.
   */
  inline(start: number, end: number, quotePrefix = false): void {
    // Matching on the slice keeps each search inside [start, end): minified HTML has no line break to stop at.
    const slice = this.source.slice(start, end);
    const pattern = quotePrefix ? INLINE_CUTS_QUOTED : INLINE_CUTS;
    pattern.lastIndex = 0;
    let cursor = start;
    for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
      const cutStart = start + match.index;
      const cutEnd = cutStart + match[0].length;
      this.copy(cursor, cutStart);
      const joins =
        match[1] === undefined &&
        cutStart > start &&
        cutEnd < end &&
        isWide(this.source.charCodeAt(cutStart - 1)) &&
        isWide(this.source.charCodeAt(cutEnd));
      if (!joins) this.break(cutStart);
      cursor = cutEnd;
    }
    this.copy(cursor, end);
  }

  text(): string {
    return this.parts.join('');
  }

  /** Source offset of prose offset `offset` (a start). */
  toSource(offset: number): number {
    const k = this.pieceAt(offset);
    return k < 0 ? offset : (this.sourceStarts[k] as number) + offset - (this.proseStarts[k] as number);
  }

  /** Source offset just after prose unit `offset - 1` (an end). */
  toSourceEnd(offset: number): number {
    return offset === 0 ? this.toSource(0) : this.toSource(offset - 1) + 1;
  }

  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.proseStarts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.proseStarts[mid] as number) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

// Group 1: a URL (never prose). Otherwise: a line break with the blanks around it.
const URL = String.raw`((?:https?|ftp):\/\/[\x21-\x7e]+|www\.[A-Za-z0-9-]+\.[\x21-\x7e]+)`;
const INLINE_CUTS = new RegExp(String.raw`${URL}|[ \t]*\r?\n[ \t]*`, 'g');
const INLINE_CUTS_QUOTED = new RegExp(String.raw`${URL}|[ \t]*\r?\n[ \t]*(?:>[ \t]?)*[ \t]*`, 'g');

/** CJK characters and full-width punctuation: no space is meant between them across a line break. */
export function isWide(code: number): boolean {
  return code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc);
}
