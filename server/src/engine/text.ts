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

  /** Whether the text has no `\r`: every line ends at a `\n`, known from the line starts alone. */
  get crFree(): boolean {
    return !this.hasCR;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    // Without a \r the text is not read: an edited text is a rope of the old one and the change until
    // something reads it, and the first read copies all of it into one new string.
    if (!this.hasCR) return end;
    if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = this.clamp(offset);
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }

  /** Whether `positionAt(offset)` is `pos`, without making a position. */
  isAt(offset: number, pos: Position): boolean {
    const o = this.clamp(offset);
    const line = this.lineOf(o);
    return line === pos.line && o - this.starts[line] === pos.character;
  }

  private clamp(offset: number): number {
    return Math.max(0, Math.min(offset, this.text.length));
  }

  /** The line holding offset `o` (within the text). */
  private lineOf(o: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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
 * Where a scan for document boundaries stands: the cuts so far (file offsets) and the start of the
 * directive lines (`%YAML`) seen since the last non-comment line, which travel with the next document.
 */
interface SplitState {
  cuts: number[];
  directiveStart: number;
  /** The whole text's length. */
  length: number;
}

/**
 * Scans `text`, which starts at file offset `base` at the start of a line and ends at the end of one
 * (or of the file), for the cuts between documents. A file scanned piece by piece in order gives the
 * cuts the whole file gives: the split is decided line by line.
 */
function scanCuts(text: string, base: number, s: SplitState): void {
  let lineStart = 0;
  while (lineStart < text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl === -1) nl = text.length;
    const c = text.charCodeAt(lineStart);
    if (c === 37 /* % */) {
      if (s.directiveStart === -1) s.directiveStart = base + lineStart;
    } else if ((c === 45 /* - */ || c === 46) /* . */ && MARKER.test(text.slice(lineStart, Math.min(nl + 1, lineStart + 4)))) {
      if (text.startsWith('---', lineStart)) {
        const cut = s.directiveStart !== -1 ? s.directiveStart : base + lineStart;
        if (cut > s.cuts[s.cuts.length - 1]) s.cuts.push(cut);
      } else {
        // `...` ends a document: the next one starts after it.
        const next = base + nl + 1;
        if (next < s.length && next > s.cuts[s.cuts.length - 1]) s.cuts.push(next);
      }
      s.directiveStart = -1;
    } else if (c !== 35 /* # */ && c !== 13 && c !== 10 && lineStart !== nl) {
      s.directiveStart = -1;
    }
    lineStart = nl + 1;
  }
}

/**
 * Splits a YAML stream into per-document chunks at `---` / `...` lines. A document marker at column 0
 * always ends the previous document in YAML (even inside a block scalar), so this split agrees with
 * the parser, and lets the engine re-parse only the documents an edit touched. Directive lines (`%YAML`)
 * travel with the document they introduce.
 */
export function splitDocuments(text: string): Chunk[] {
  const state: SplitState = { cuts: [0], directiveStart: -1, length: text.length };
  scanCuts(text, 0, state);
  const { cuts } = state;
  const chunks: Chunk[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const start = cuts[i];
    const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
    chunks.push({ start, text: text.slice(start, end) });
  }
  return chunks;
}

/** An editor's change: `before` with [start, end) replaced by `inserted`. */
export interface TextEdit {
  before: string;
  start: number;
  end: number;
  inserted: string;
}

/**
 * The chunks of an edited text, from the chunks of the text before it (`prev`, as `splitDocuments`
 * made them) and the edit, without reading the new text as a whole: the chunks before the edit are
 * the same objects, the edited one is its old text with the change applied, and the later ones keep
 * their strings at shifted offsets. An editor's new text is a rope of the old one and the change
 * until something reads it, and the first read copies all of it into one new string (~1 ms and
 * 600 KB of fresh memory for a 10,000-line file, on every keystroke). Equals `splitDocuments` of the
 * new text.
 */
export function splitEdited(prev: readonly Chunk[], edit: TextEdit): Chunk[] {
  const { start, end, inserted } = edit;
  // The chunk the edit starts in, and the last one it reaches into.
  let lo = 0;
  let hi = prev.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prev[mid].start <= start) lo = mid;
    else hi = mid - 1;
  }
  const k = lo;
  let m = k;
  while (m + 1 < prev.length && prev[m + 1].start < end) m++;
  const base = prev[k].start;
  let old = prev[k].text;
  for (let j = k + 1; j <= m; j++) old += prev[j].text;
  let edited = old.slice(0, start - base) + inserted + old.slice(end - base);
  // Every piece but the last must end a line: an edit that removed the line break before the next
  // chunk joined that chunk's first line to this one.
  while (m + 1 < prev.length && edited.charCodeAt(edited.length - 1) !== 10) edited += prev[++m].text;
  const delta = inserted.length - (end - start);
  // The scan starts one chunk before the edit: an edit to the first line of a chunk (its `---`) can
  // join it to the one before.
  const from = Math.max(0, k - 1);
  const pieces: Chunk[] = from < k ? [prev[from]] : [];
  pieces.push({ start: base, text: edited });
  for (let j = m + 1; j < prev.length; j++) pieces.push({ start: prev[j].start + delta, text: prev[j].text });

  // Nothing changed before the chunk the scan starts at, and a scan stands at a chunk's start with no
  // directive pending. The cut at that start is already made if the chunk before it ends with `...`;
  // otherwise the scan finds it.
  const state: SplitState = { cuts: from === 0 ? [0] : prev.slice(0, from).map((c) => c.start), directiveStart: -1, length: edit.before.length + delta };
  if (from > 0 && endsWithDocumentEnd(prev[from - 1].text)) state.cuts.push(prev[from].start);
  // The pieces are scanned up to the first old chunk after the edit. Every old chunk began at a cut
  // with no directive pending, so once a scan leaves that chunk with none pending, the chunks after
  // it split as they did before: their starts are the cuts. A keystroke reads its own chunk and the
  // next, not the rest of the file.
  const firstAfter = pieces.length - (prev.length - m - 1);
  let q = 0;
  for (; q < pieces.length; q++) {
    scanCuts(pieces[q].text, pieces[q].start, state);
    if (q >= firstAfter && state.directiveStart === -1) break;
  }
  for (q++; q < pieces.length; q++) if (pieces[q].start > state.cuts[state.cuts.length - 1]) state.cuts.push(pieces[q].start);
  const { cuts } = state;
  const chunks: Chunk[] = prev.slice(0, from);
  let p = 0;
  for (let i = from; i < cuts.length; i++) {
    const at = cuts[i];
    const to = i + 1 < cuts.length ? cuts[i + 1] : state.length;
    while (p + 1 < pieces.length && pieces[p + 1].start <= at) p++;
    const first = pieces[p];
    if (first.start === at && first.text.length === to - at) {
      chunks.push(first);
      continue;
    }
    // The cuts moved (a marker line typed or removed): this chunk is made of parts of pieces.
    let text = '';
    for (let q = p; q < pieces.length && pieces[q].start < to; q++) {
      const piece = pieces[q];
      text += piece.text.slice(Math.max(0, at - piece.start), Math.min(piece.text.length, to - piece.start));
    }
    chunks.push({ start: at, text });
  }
  return chunks;
}

/** Whether the last line of a chunk that ends with a line break is a `...` document end marker. */
function endsWithDocumentEnd(text: string): boolean {
  const lineStart = text.lastIndexOf('\n', text.length - 2) + 1;
  return text.charCodeAt(lineStart) === 46 /* . */ && MARKER.test(text.slice(lineStart, lineStart + 4));
}
