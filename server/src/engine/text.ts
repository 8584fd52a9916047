/** Line bookkeeping and document splitting. Everything here is O(length of text) and allocation-light. */

import type { OffsetRange, Position, Range } from './types';

/** Line starts of the text being indexed; [0] is always 0. */
let lineScratch = new Uint32Array(1024);

/** Maps offsets to LSP positions (UTF-16 code units, which JS string indexes already are). */
export class LineIndex {
  /**
   * Line start offsets, in a typed array: its contents live outside the JavaScript heap, so indexing a
   * 10,000-line file on every keystroke does not fill the young generation with an array of numbers
   * grown push by push (~350 KB of garbage per edit).
   */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    // Collected in a scratch array kept between calls, then copied at their exact length.
    let scratch = lineScratch;
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (n === scratch.length) {
        const grown = new Uint32Array(scratch.length * 2);
        grown.set(scratch);
        scratch = lineScratch = grown;
      }
      scratch[n++] = i + 1;
    }
    this.starts = scratch.slice(0, n);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The end of the line's content, before `\r\n` or `\n`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.lineStart(pos.line) + pos.character, this.lineEnd(pos.line));
  }

  rangeOf(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }
}

/** One YAML document's slice of a file. */
export interface Chunk {
  /** Offset of the chunk's first character in the file. */
  start: number;
  text: string;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/**
 * Splits a YAML stream into per-document chunks at `---` / `...` lines. A document marker at column 0
 * always ends the previous document in YAML (even inside a block scalar), so this split agrees with
 * the parser, and lets the engine re-parse only the documents an edit touched. Directive lines (`%YAML`)
 * travel with the document they introduce.
 */
export function splitDocuments(text: string): Chunk[] {
  const cuts: number[] = [0];
  let lineStart = 0;
  let directiveStart = -1;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    const c = text.charCodeAt(lineStart);
    if (c === 37 /* % */) {
      if (directiveStart === -1) directiveStart = lineStart;
    } else if ((c === 45 /* - */ || c === 46) /* . */ && MARKER.test(text.slice(lineStart, Math.min(nl + 1, lineStart + 4)))) {
      if (text.startsWith('---', lineStart)) {
        const cut = directiveStart !== -1 ? directiveStart : lineStart;
        if (cut > cuts[cuts.length - 1]) cuts.push(cut);
      } else {
        // `...` ends a document: the next one starts after it.
        const next = nl + 1;
        if (next < text.length && next > cuts[cuts.length - 1]) cuts.push(next);
      }
      directiveStart = -1;
    } else if (c !== 35 /* # */ && c !== 13 && c !== 10 && lineStart !== nl) {
      directiveStart = -1;
    }
    lineStart = nl + 1;
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
    chunks.push({ start, text: text.slice(start, end) });
  }
  return chunks;
}
