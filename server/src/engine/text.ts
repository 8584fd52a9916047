/** Line bookkeeping and document splitting. Everything here is O(length of text) and allocation-light. */

import type { OffsetRange, Position, Range } from './types';

/** Line starts of the text being indexed; [0] is always 0. */
let lineScratch = new Uint32Array(1024);

/**
 * Maps offsets to LSP positions (UTF-16 code units, which JS string indexes already are). Lines end
 * at `\n`, `\r\n` or a lone `\r`, as LSP and YAML both count them.
 */
export class LineIndex {
  /**
   * Line start offsets, in a typed array: its contents live outside the JavaScript heap, so indexing a
   * 10,000-line file on every keystroke does not fill the young generation with an array of numbers
   * grown push by push (~350 KB of garbage per edit).
   */
  private readonly starts: Uint32Array;
  /** Whether the text has a `\r`, which makes an edit's effect on line breaks depend on its neighbours. */
  private readonly hasCR: boolean;

  /** `starts` and `hasCR` when the caller knows them (an edit's index): the text is not scanned again. */
  constructor(readonly text: string, starts?: Uint32Array, hasCR?: boolean) {
    this.hasCR = hasCR ?? text.indexOf('\r') !== -1;
    this.starts = starts ?? (this.hasCR ? lineStartsWithCR(text) : lineStarts(text));
  }

  /**
   * The index of `text`, which is `prev.text` with [start, end) replaced by `inserted`: the line
   * starts before the edit are kept, the inserted text's added and those after it shifted. A text
   * with a `\r` (where an edit can join or split a `\r\n`) is indexed anew.
   */
  static edited(prev: LineIndex, start: number, end: number, inserted: string, text: string): LineIndex {
    if (prev.hasCR || inserted.indexOf('\r') !== -1) return new LineIndex(text);
    const old = prev.starts;
    // Line starts in (start, end] came from line breaks inside the replaced text.
    const keep = countAtMost(old, start);
    const after = countAtMost(old, end);
    let added = 0;
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added++;
    const starts = new Uint32Array(keep + added + old.length - after);
    starts.set(old.subarray(0, keep));
    let n = keep;
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) starts[n++] = start + i + 1;
    const delta = inserted.length - (end - start);
    for (let j = after; j < old.length; j++) starts[n++] = old[j] + delta;
    // Neither the old text nor the inserted one has a \r: nor has the new one.
    return new LineIndex(text, starts, false);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
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

/** Line starts of a text without `\r`, collected in the scratch array, then copied at their exact length. */
function lineStarts(text: string): Uint32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (n === lineScratch.length) growScratch();
    lineScratch[n++] = i + 1;
  }
  return lineScratch.slice(0, n);
}

/** Line starts of a text with `\r`: `\r\n` is one line break, a lone `\r` another. */
function lineStartsWithCR(text: string): Uint32Array {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (n === lineScratch.length) growScratch();
    lineScratch[n++] = i + 1;
  }
  return lineScratch.slice(0, n);
}

function growScratch(): void {
  const grown = new Uint32Array(lineScratch.length * 2);
  grown.set(lineScratch);
  lineScratch = grown;
}

/** How many of the ascending `starts` are at most `offset`. */
function countAtMost(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
