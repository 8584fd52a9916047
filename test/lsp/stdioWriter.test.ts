/**
 * The stdio transport's writer: the bytes are exactly the standard framing of JSON.stringify, for
 * diagnostics notifications (the first written by JSON.stringify, later ones value by value) and any
 * other message; frozen diagnostics, whose bytes are kept, are written as they are now in every later
 * message; a buffer kept between messages is never overwritten while a write still holds it;
 * the server started with `--stdio` keeps stdout for the protocol when a library prints.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import type { Message } from 'vscode-languageserver/node';
import { frame, StdioMessageWriter } from '../../server/src/lsp/stdioWriter';
import { LspClient } from './lspClient';
import { tempDir } from '../tempDir';

const standard = (msg: unknown) => {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** A diagnostic as the server publishes it, with text from `seed` (non-ASCII included). */
function diagnostic(seed: number): Record<string, unknown> {
  const names = ['web', 'café-api', 'µ-cache', 'ledger 📒', 'db"quoted"', 'back\\slash', 'line\nbreak'];
  return {
    range: { start: { line: seed, character: 2 }, end: { line: seed, character: 12 + (seed % 7) } },
    severity: 1 + (seed % 3),
    code: 'run-as-root',
    codeDescription: { href: 'https://github.com/daytwo-dev/daytwo/blob/main/docs/rules/run-as-root.md' },
    source: 'daytwo',
    message: `Container '${names[seed % names.length]}' of Deployment/app-${seed} does not set runAsNonRoot: true.`,
    data: { docIndex: seed % 40 },
    ...(seed % 5 === 0 ? { tags: [1] } : {}),
  };
}

/** A diagnostics notification with its params in the order the server builds them. */
const publish = (n: number, version?: number | null): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///w/apps%20big.yaml', diagnostics: Array.from({ length: n }, (_, i) => diagnostic(i)), version },
  }) as Message;

/** `n` diagnostics with holes (even positions of `gaps`) and undefined items (odd positions). */
function sparse(n: number, gaps: number[]): unknown[] {
  const items: unknown[] = Array.from({ length: n }, (_, i) => diagnostic(i));
  gaps.forEach((g, k) => {
    if (k % 2) items[g] = undefined;
    else delete items[g];
  });
  return items;
}

test('frames diagnostics notifications and other messages exactly as the standard writer does', () => {
  const messages: Message[] = [
    publish(0, 3),
    publish(1, null),
    publish(3),
    publish(900, 12), // ~300 KB: grows the buffer several times
    // One run exactly, one item past it, two runs exactly: where one run's brackets meet the next's.
    publish(32, 5),
    publish(33, 6),
    publish(64, 7),
    { jsonrpc: '2.0', id: 4, result: { capabilities: { textDocumentSync: 2 } } } as Message,
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'naïve ✓' } } as Message,
    // Other key orders, a field of no JSON value, an extra field, and array items JSON.stringify writes as null.
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { version: 4, uri: 'file:///a.yaml', diagnostics: [diagnostic(1)], extra: { ok: true } } } as Message,
    { method: 'textDocument/publishDiagnostics', jsonrpc: '2.0', params: { diagnostics: [diagnostic(2), undefined, diagnostic(3)], uri: 'file:///b.yaml', skipped: undefined } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.yaml', diagnostics: Object.assign(new Array(3), { 1: diagnostic(4) }) } } as Message,
    // Holes and undefined items on both sides of the runs the writer stringifies at a time.
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///e.yaml', diagnostics: sparse(70, [0, 31, 32, 63, 64, 69]) } } as Message,
    // Not a diagnostics list: written whole.
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///d.yaml', diagnostics: 'none' } } as Message,
    // A long message that is not a notification of diagnostics (its buffer is sized to its bytes).
    { jsonrpc: '2.0', id: 9, result: { items: Array.from({ length: 400 }, (_, i) => ({ label: `naïve-${i}-✓`, detail: 'x'.repeat(50) })) } } as Message,
  ];
  for (const m of messages) assert.ok(frame(m).equals(standard(m)), `same bytes for ${JSON.stringify(m).slice(0, 80)}`);
});

test('diagnostics of any plain JSON shape are written as JSON.stringify writes them', () => {
  const proto = { inherited: 'not own, not written' };
  const withProto = Object.assign(Object.create(proto) as Record<string, unknown>, { own: 1 });
  const odd: unknown[] = [
    // Strings JSON escapes: quotes, backslashes, control characters, lone surrogates; and ones it
    // writes as they are: non-ASCII, surrogate pairs, U+2028.
    { message: 'a "b" \\ c\t\u0001\u001f', code: '\ud800 lone', source: '\udfff', x: 'pair \ud83d\udcd2 é \u2028' },
    // Numbers: negative, -0, fractions, exponents, beyond safe integers, and the ones JSON writes as null.
    { n: [-1, -0, 0, 7, 1.5, -2.25, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity] },
    // Members without a JSON value are left out of objects and written as null in arrays.
    { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('t'), null], e: true, f: false, g: null },
    // Integer-like keys come first, ascending; then the others in insertion order.
    { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'minus', '01': 'not an index' },
    // toJSON is honoured; inherited members are not written.
    { when: new Date(Date.UTC(2026, 10, 24)), own: withProto },
    // Deeper than the direct writer goes.
    JSON.parse('['.repeat(60) + '1' + ']'.repeat(60)) as unknown,
    [],
    {},
    'a bare string',
    42,
  ];
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///o.yaml', diagnostics: odd } } as Message;
  assert.ok(frame(msg).equals(standard(msg)), frame(msg).toString('utf8').slice(0, 400));
  for (const item of odd) {
    const one = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///o.yaml', diagnostics: [item] } } as Message;
    assert.equal(frame(one).toString('utf8'), standard(one).toString('utf8'));
  }
});

/** `v` and everything in it frozen, as `toDiagnostic` makes a diagnostic. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

test('frozen diagnostics are written from their kept bytes, and an unfrozen one as it is now', () => {
  const kept = Array.from({ length: 40 }, (_, i) => deepFreeze(diagnostic(i)));
  const loose = diagnostic(3);
  const msg = (items: unknown[], version: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///k.yaml', diagnostics: items, version } }) as Message;
  // The same frozen objects in later messages, in another order, beside new ones and a changing one.
  const first = msg([...kept, loose], 1);
  assert.ok(frame(first).equals(standard(first)));
  loose.message = 'changed after it was written';
  (loose.range as { start: { line: number } }).start.line = 999;
  const again = msg([loose, ...kept.slice().reverse(), deepFreeze(diagnostic(77)), ...kept.slice(0, 5)], 2);
  assert.ok(frame(again).equals(standard(again)), frame(again).toString('utf8').slice(0, 300));
  // Frozen objects inside a diagnostic are written as part of it, and frozen arrays as arrays.
  const nested = deepFreeze({ ...diagnostic(5), relatedInformation: [diagnostic(6), diagnostic(7)], tags: [1, 2] });
  const third = msg([nested, deepFreeze([1, [2, 3]]), nested], 3);
  assert.ok(frame(third).equals(standard(third)));
});

test('a value JSON.stringify rejects is rejected by the writer too', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  for (const bad of [cyclic, { n: 10n }]) {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///o.yaml', diagnostics: [bad] } } as Message;
    assert.throws(() => JSON.stringify(msg), TypeError);
    assert.throws(() => frame(msg), TypeError);
  }
});

/** Reads framed messages back from bytes. */
function unframe(bytes: Buffer): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    const len = Number(/Content-Length: (\d+)/.exec(bytes.subarray(at, end).toString('ascii'))![1]);
    out.push(JSON.parse(bytes.subarray(end + 4, end + 4 + len).toString('utf8')));
    at = end + 4 + len;
  }
  return out;
}

test('a kept buffer is reused only once the file-backed stream is done with it', async () => {
  const dir = tempDir('daytwo-writer-');
  const file = path.join(dir, 'out');
  const stream = fs.createWriteStream(file);
  const writer = new StdioMessageWriter(stream, true);
  const sent: Message[] = [];
  // Bursts written in the same tick (the second and third cannot use the buffer the first holds),
  // then messages each written after the previous one completed (they reuse it).
  for (let round = 0; round < 4; round++) {
    const burst = [publish(200 + round, round), publish(5, round), publish(300 - round, round)];
    sent.push(...burst);
    await Promise.all(burst.map((m) => writer.write(m)));
    const next = publish(250 + round * 10, 100 + round);
    sent.push(next);
    await writer.write(next);
  }
  stream.end();
  await once(stream, 'close');
  assert.deepEqual(unframe(fs.readFileSync(file)), JSON.parse(JSON.stringify(sent)));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the first diagnostics notification (JSON.stringify) and the later ones (value by value) are the same bytes', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const writer = new StdioMessageWriter(stream);
  const msg = publish(120, 9);
  for (let i = 0; i < 3; i++) await writer.write(msg);
  stream.end();
  await once(stream, 'end');
  const all = Buffer.concat(chunks);
  const one = standard(msg);
  assert.equal(all.length, 3 * one.length);
  for (let i = 0; i < 3; i++) assert.ok(all.subarray(i * one.length, (i + 1) * one.length).equals(one), `message ${i + 1} differs`);
});

test('without buffer reuse, a stream that holds chunks by reference still gets every message intact', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  const writer = new StdioMessageWriter(stream);
  // Each write completes (the PassThrough calls back while under its high-water mark) long before
  // anything reads the chunk it holds by reference: a reused buffer would be overwritten by the next.
  const sent = [publish(3, 1), publish(2, 2), publish(4, 3)];
  for (const m of sent) await writer.write(m);
  stream.end();
  for await (const c of stream) chunks.push(c as Buffer);
  assert.deepEqual(unframe(Buffer.concat(chunks)), JSON.parse(JSON.stringify(sent)));
});

test('over --stdio, what a library prints reaches the client as a log message, not as bytes on the protocol', async () => {
  const dir = tempDir('daytwo-print-');
  const printer = path.join(dir, 'print.js');
  // Prints once the server is up, as a dependency logging on its own might.
  fs.writeFileSync(printer, "setTimeout(() => { console.log('hello from %s', 'a library'); console.dir({ dir: 'output' }); console.table([{ tabled: 1 }]); console.error('and an error'); }, 0);\n");
  const client = new LspClient(['--stdio'], { ...process.env, NODE_OPTIONS: `--require ${printer}` });
  try {
    const logged = client.waitFor<{ message: string }>('window/logMessage', (p) => p.message.includes('hello from a library'), { includePast: true });
    await client.initialize(dir);
    assert.match((await logged).message, /hello from a library/);
    // console.dir and console.table write to stdout too, not through console.log.
    await client.waitFor<{ message: string }>('window/logMessage', (p) => p.message.includes("dir: 'output'"), { includePast: true });
    await client.waitFor<{ message: string }>('window/logMessage', (p) => p.message.includes('tabled'), { includePast: true });
    await client.waitFor<{ message: string }>('window/logMessage', (p) => p.message.includes('and an error'), { includePast: true });
    const uri = `file://${dir}/app.yaml`;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n' } });
    const d = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { version: 1 });
    assert.ok(d.diagnostics.some((x) => x.code === 'run-as-root'), 'the protocol still works after the prints');
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
