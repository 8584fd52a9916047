/**
 * An open document's text as the editor keeps it, updated from the editor's incremental changes.
 *
 * It behaves as vscode-languageserver-textdocument's TextDocument does (the same offsets and
 * positions, the same clamping of positions past a line's end), and it also keeps the engine's
 * LineIndex of its text up to date: an edit within a 10,000-line file shifts the line starts after
 * it, where the library rebuilt its own line table for every change and the engine then built a
 * second one for the same text. The engine takes this index with the text (Workspace.update).
 */

import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type TextEdit } from '../engine/text';

export class EditorDocument implements TextDocument {
  private index: LineIndex | undefined;
  /**
   * The change since the engine last took the text (`takeEdit`): one range replaced in a text without
   * `\r`, or `many` (several changes, a whole new text, or a `\r`), which the engine reads as a new text.
   */
  private edit: TextEdit | 'many' | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    private text: string,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): EditorDocument {
    return new EditorDocument(uri, languageId, version, content);
  }

  /** Applies the editor's changes in order (each one's positions are in the text left by the one before). */
  static update(doc: EditorDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): EditorDocument {
    for (const change of changes) doc.apply(change);
    doc._version = version;
    return doc;
  }

  get version(): number {
    return this._version;
  }

  /** The line index of the current text. */
  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  /** Whether the text changed since the engine last took it (false for a document just opened). */
  get changed(): boolean {
    return this.edit !== undefined;
  }

  /** The change that made the current text from the one the engine was last given, if it was one; forgets it. */
  takeEdit(): TextEdit | undefined {
    const e = this.edit;
    this.edit = undefined;
    return e === 'many' ? undefined : e;
  }

  /**
   * Makes the text one string. After an edit it is a rope of the old text and the change, which the
   * first read of it copies into one new string: done here, when the server is idle, rather than by
   * the next keystroke (~1 ms and 600 KB of fresh memory for a 10,000-line file).
   */
  settle(): void {
    // V8 flattens a rope, in place, on the first read of a character.
    this.text.charCodeAt(0);
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** An offset inside a `\r\n` is the position before it. */
  positionAt(offset: number): Position {
    const lines = this.lines;
    const p = lines.positionAt(offset);
    const end = lines.lineEnd(p.line);
    const start = lines.lineStart(p.line);
    return start + p.character > end ? { line: p.line, character: end - start } : p;
  }

  /** A position past the end of its line is the line's end (before its line break); past the last line, the text's end. */
  offsetAt(position: Position): number {
    const lines = this.lines;
    if (position.line >= lines.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = lines.lineStart(position.line);
    if (position.character <= 0) return start;
    return Math.min(start + position.character, lines.lineEnd(position.line));
  }

  getLineRange(line: number): Range {
    const lines = this.lines;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const l = Math.min(line, lines.lineCount - 1);
    // Past the last line: the last line, to the end of the text.
    const end = line >= lines.lineCount ? this.text.length : lines.lineEnd(l);
    return { start: { line: l, character: 0 }, end: { line: l, character: end - lines.lineStart(l) } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lines;
    if (line < 0 || line >= lines.lineCount) return '';
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : this.text.length;
    return this.text.slice(lines.lineEnd(line), next);
  }

  private apply(change: TextDocumentContentChangeEvent): void {
    if (!('range' in change) || !change.range) {
      this.text = change.text;
      this.index = undefined;
      this.edit = 'many';
      return;
    }
    let { start, end } = change.range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const from = this.offsetAt(start);
    const to = this.offsetAt(end);
    const text = this.text.slice(0, from) + change.text + this.text.slice(to);
    this.index = LineIndex.edited(this.lines, from, to, change.text, text);
    this.edit = this.edit === undefined && this.index.crFree ? { before: this.text, start: from, end: to, inserted: change.text } : 'many';
    this.text = text;
  }
}
