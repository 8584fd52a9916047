/**
 * splitEdited against splitDocuments: after random edits of random YAML streams (document markers,
 * `...` ends, directives, comments, blank lines, block scalars holding marker-like text), the chunks
 * made from the old chunks and the edit equal the chunks of the new text split from scratch, and the
 * chunks before the edit are the old objects.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { splitDocuments, splitEdited, type Chunk } from '../../server/src/engine/text';
import { rng } from '../random';

// Lines that move document boundaries, and lines that do not.
const LINES = ['---', '--- # next', '...', '... ', '%YAML 1.2', '%TAG ! tag:x,2000:', '# comment', '', 'kind: Service', 'a: 1', '  b: |', '  ---not a marker', '----', '..', '- item', ' ---'];
const INSERTS = ['', '-', '.', '%', '#', '\n', '---\n', '\n...\n', 'x', 'replicas: three', '\n%YAML 1.2\n', ' ', '--', '...'];

function randomText(r: () => number): string {
  const n = 1 + Math.floor(r() * 14);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(LINES[Math.floor(r() * LINES.length)]);
  return lines.join('\n') + (r() < 0.7 ? '\n' : '');
}

function randomEdit(r: () => number, text: string): { start: number; end: number; inserted: string } {
  const start = Math.floor(r() * (text.length + 1));
  const end = Math.min(text.length, start + (r() < 0.5 ? 0 : Math.floor(r() * 12)));
  const inserted = r() < 0.2 ? randomText(r) : INSERTS[Math.floor(r() * INSERTS.length)];
  return { start, end, inserted };
}

const plain = (chunks: readonly Chunk[]) => chunks.map((c) => ({ start: c.start, text: c.text }));

test('splitEdited gives the chunks splitDocuments gives the edited text, edit after edit', () => {
  for (let seed = 1; seed <= 4000; seed++) {
    const r = rng(seed);
    let text = randomText(r);
    let chunks = splitDocuments(text);
    for (let step = 0; step < 6; step++) {
      const { start, end, inserted } = randomEdit(r, text);
      const next = text.slice(0, start) + inserted + text.slice(end);
      const edited = splitEdited(chunks, { before: text, start, end, inserted });
      assert.deepEqual(plain(edited), plain(splitDocuments(next)), `seed ${seed} step ${step}: ${JSON.stringify({ text, start, end, inserted })}`);
      // The chunks wholly before the edit are taken over as they were.
      for (let i = 0; i < chunks.length && chunks[i].start + chunks[i].text.length < start; i++) {
        if (i < edited.length && edited[i].start === chunks[i].start && edited[i].text === chunks[i].text) assert.equal(edited[i], chunks[i]);
      }
      text = next;
      chunks = edited;
    }
  }
});

test('splitEdited keeps the unedited chunks of a manifest file and re-makes only the edited one', () => {
  const docs = Array.from({ length: 5 }, (_, i) => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 2\n`);
  const text = docs.join('');
  const chunks = splitDocuments(text);
  const at = text.indexOf('replicas: 2', text.indexOf('app-2')) + 'replicas: '.length;
  const edited = splitEdited(chunks, { before: text, start: at, end: at + 1, inserted: 'three' });
  assert.equal(edited.length, 5);
  assert.equal(edited[0], chunks[0]);
  assert.equal(edited[1], chunks[1]);
  assert.match(edited[2].text, /replicas: three/);
  // Later chunks keep their strings, four characters further on.
  assert.equal(edited[3].text, chunks[3].text);
  assert.equal(edited[3].start, chunks[3].start + 4);
  assert.equal(edited[4].start, chunks[4].start + 4);

  // Typing a marker line in the middle of a document splits it in two.
  const mid = text.indexOf('metadata:', text.indexOf('app-1') - 40);
  const split = splitEdited(chunks, { before: text, start: mid, end: mid, inserted: '---\n' });
  assert.equal(split.length, 6);
  assert.deepEqual(plain(split), plain(splitDocuments(text.slice(0, mid) + '---\n' + text.slice(mid))));
});

test('splitEdited agrees with splitDocuments on long streams, where the chunks after an edit are not scanned again', () => {
  for (let seed = 1; seed <= 1500; seed++) {
    const r = rng(10_000 + seed);
    let text = Array.from({ length: 4 + Math.floor(r() * 8) }, () => randomText(r).replace(/\n?$/, '\n')).join('');
    let chunks = splitDocuments(text);
    for (let step = 0; step < 4; step++) {
      const { start, end, inserted } = randomEdit(r, text);
      const next = text.slice(0, start) + inserted + text.slice(end);
      const edited = splitEdited(chunks, { before: text, start, end, inserted });
      assert.deepEqual(plain(edited), plain(splitDocuments(next)), `seed ${seed} step ${step}: ${JSON.stringify({ text, start, end, inserted })}`);
      text = next;
      chunks = edited;
    }
  }
});

test('splitEdited reads past the chunk after an edit when the split there changed', () => {
  const check = (text: string, find: string, inserted: string) => {
    const start = text.indexOf(find);
    const end = start + find.length;
    const next = text.slice(0, start) + inserted + text.slice(end);
    assert.deepEqual(plain(splitEdited(splitDocuments(text), { before: text, start, end, inserted })), plain(splitDocuments(next)), JSON.stringify(next));
  };
  // A `...` removed: the document after it is no longer one of its own.
  check('a: 1\n...\nb: 2\n---\nc: 3\n---\nd: 4\n', '...', '# was an end');
  // A directive left pending before a comment-only chunk: the `---` after that chunk cuts at the directive.
  check('---\nb: 2\n...\n# only a comment\n---\nc: 3\n---\nd: 4\n', '...', '%YAML 1.2');
  // A `...` typed: the next lines start a document, and the chunks after it stay as they were.
  check('---\nb: 2\nx: 1\n---\nc: 3\n---\nd: 4\n', 'x: 1', '...');
});
