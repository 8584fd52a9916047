/**
 * EditorDocument against vscode-languageserver-textdocument's TextDocument, which it replaces in the
 * server: after random incremental and full changes, on texts with `\n`, `\r\n` and lone `\r` line
 * breaks, both hold the same text and answer offsets and positions alike, and the line index kept
 * up to date edit by edit equals one built from scratch.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { EditorDocument } from '../../server/src/lsp/editorDocument';
import { LineIndex } from '../../server/src/engine/text';
import { rng } from '../random';

const PIECES = ['a', 'key: value', '  - item', ' ', '\n', '\n', '\n', 'é', '📒', '---'];
const BREAKS = { lf: ['\n'], crlf: ['\r\n'], mixed: ['\n', '\r\n', '\r'] } as const;

function randomText(r: () => number, breaks: readonly string[], n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const p = PIECES[Math.floor(r() * PIECES.length)];
    s += p === '\n' ? breaks[Math.floor(r() * breaks.length)] : p;
  }
  return s;
}

/** A position in or a little past the text's lines (editors send such, and servers clamp them). */
function randomPosition(r: () => number, doc: TextDocument): { line: number; character: number } {
  return { line: Math.floor(r() * (doc.lineCount + 1)), character: Math.floor(r() * 14) };
}

function randomChange(r: () => number, doc: TextDocument, breaks: readonly string[]): TextDocumentContentChangeEvent {
  if (r() < 0.03) return { text: randomText(r, breaks, Math.floor(r() * 30)) };
  const a = randomPosition(r, doc);
  // Mostly a nearby end; sometimes before the start (a reversed range).
  const b = r() < 0.8 ? { line: a.line + Math.floor(r() * 3) - (r() < 0.1 ? 1 : 0), character: Math.floor(r() * 14) } : randomPosition(r, doc);
  const text = r() < 0.3 ? '' : randomText(r, breaks, 1 + Math.floor(r() * 4));
  return { range: { start: a, end: { line: Math.max(0, b.line), character: b.character } }, text };
}

function assertSame(ours: EditorDocument, theirs: TextDocument, r: () => number, where: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, where);
  assert.equal(ours.version, theirs.version, where);
  assert.equal(ours.lineCount, theirs.lineCount, where);
  for (let k = 0; k < 20; k++) {
    const offset = Math.floor(r() * (text.length + 4)) - 2;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${where}: positionAt(${offset})`);
    const pos = randomPosition(r, theirs);
    assert.equal(ours.offsetAt(pos), theirs.offsetAt(pos), `${where}: offsetAt(${JSON.stringify(pos)})`);
    const range = { start: randomPosition(r, theirs), end: randomPosition(r, theirs) };
    if (theirs.offsetAt(range.start) <= theirs.offsetAt(range.end)) assert.equal(ours.getText(range), theirs.getText(range), where);
    const line = Math.floor(r() * (theirs.lineCount + 3)) - 1;
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
  // The index kept up to date equals one built from scratch.
  const fresh = new LineIndex(text);
  assert.equal(ours.lines.lineCount, fresh.lineCount, where);
  for (let line = 0; line < fresh.lineCount; line++) {
    assert.equal(ours.lines.lineStart(line), fresh.lineStart(line), `${where}: line ${line} start`);
    assert.equal(ours.lines.lineEnd(line), fresh.lineEnd(line), `${where}: line ${line} end`);
  }
}

/**
 * The reference: each change applied by a TextDocument made fresh from the text before it. (The
 * library's own line table goes wrong after a change whose range lies past the last line: it is
 * spliced at the range's line numbers, unclamped, so its line count then differs from a fresh
 * document's for the same text, and later changes land at the wrong offsets.)
 */
function reference(text: string, change: TextDocumentContentChangeEvent): string {
  const doc = TextDocument.create('file:///w/a.yaml', 'yaml', 0, text);
  TextDocument.update(doc, [change], 1);
  return doc.getText();
}

for (const [kind, breaks] of Object.entries(BREAKS)) {
  test(`EditorDocument matches TextDocument through random edits (${kind} line breaks)`, () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed * 7919 + kind.length);
      let text = randomText(r, breaks, 5 + Math.floor(r() * 60));
      const ours = EditorDocument.create('file:///w/a.yaml', 'yaml', 1, text);
      assertSame(ours, TextDocument.create('file:///w/a.yaml', 'yaml', 1, text), r, `seed ${seed}, open`);
      for (let step = 0; step < 25; step++) {
        // One to three changes per notification, each against the text the previous one left.
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let c = 1 + Math.floor(r() * 3); c > 0; c--) {
          const change = randomChange(r, TextDocument.create('file:///w/a.yaml', 'yaml', 0, text), breaks);
          changes.push(change);
          text = reference(text, change);
        }
        EditorDocument.update(ours, changes, step + 2);
        assertSame(ours, TextDocument.create('file:///w/a.yaml', 'yaml', step + 2, text), r, `seed ${seed}, step ${step}: ${JSON.stringify(changes)}`);
      }
    }
  });
}

test('LineIndex.edited: an edit inside a line shifts the later line starts; one across lines removes and adds them', () => {
  const before = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';
  const lines = new LineIndex(before);
  // `name: a` -> `name: abc`: same lines, later starts unchanged (the edit is on the last line).
  const text1 = before.replace('name: a', 'name: abc');
  const one = LineIndex.edited(lines, before.indexOf('a\n', 40), before.indexOf('a\n', 40) + 1, 'abc', text1);
  assert.deepEqual([0, 1, 2, 3, 4].map((l) => one.lineStart(l)), [0, 15, 25, 35, 47]);
  // `kind: Pod\nmetadata:` replaced by one line: a line start goes away and the rest move up.
  const from = before.indexOf('kind');
  const to = before.indexOf('\n  name');
  const text2 = before.slice(0, from) + 'kind: Service' + before.slice(to);
  const two = LineIndex.edited(lines, from, to, 'kind: Service', text2);
  assert.equal(two.lineCount, 4);
  assert.deepEqual(two.positionAt(text2.indexOf('name')), { line: 2, character: 2 });
  assert.equal(two.lineText(1), 'kind: Service');
});

test('takeEdit gives the one change since it was last called, as the engine can apply it, and nothing otherwise', () => {
  for (let seed = 1; seed <= 80; seed++) {
    const r = rng(seed * 104729);
    const breaks = seed % 4 === 0 ? BREAKS.mixed : BREAKS.lf;
    let text = randomText(r, breaks, 5 + Math.floor(r() * 60));
    const ours = EditorDocument.create('file:///w/a.yaml', 'yaml', 1, text);
    assert.equal(ours.takeEdit(), undefined, `seed ${seed}: no change since the open`);
    for (let step = 0; step < 20; step++) {
      const before = ours.getText();
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let c = r() < 0.7 ? 1 : 2; c > 0; c--) {
        const change = randomChange(r, TextDocument.create('file:///w/a.yaml', 'yaml', 0, text), breaks);
        changes.push(change);
        text = reference(text, change);
      }
      EditorDocument.update(ours, changes, step + 2);
      if (r() < 0.5) ours.settle();
      assert.equal(ours.getText(), text);
      const edit = ours.takeEdit();
      const where = `seed ${seed}, step ${step}: ${JSON.stringify(changes)}`;
      // Recorded when the new text has no \r (its line index then knows every line end without reading it).
      const one = changes.length === 1 && 'range' in changes[0] && !/\r/.test(text);
      if (!one) {
        assert.equal(edit, undefined, where);
        continue;
      }
      assert.ok(edit, where);
      assert.equal(edit.before, before, where);
      assert.equal(edit.before.slice(0, edit.start) + edit.inserted + edit.before.slice(edit.end), text, where);
      assert.equal(ours.takeEdit(), undefined, `${where}: taken once`);
    }
  }
});
