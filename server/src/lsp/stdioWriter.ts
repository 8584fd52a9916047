/**
 * The message writer of the stdio transport (`--stdio`, what editors other than VS Code use, and the
 * benchmark).
 *
 * vscode-jsonrpc's own writer turns each message into one JSON string, then into one new Buffer. A
 * 10,000-line file has ~840 diagnostics: every keystroke then made a 377 KB string and a 377 KB
 * buffer. Both are large objects that V8 and malloc take from fresh memory each time, and the page
 * faults cost more than the serialisation (~3 ms per keystroke on the benchmark machine).
 *
 * This writer serialises a diagnostics notification value by value, into a buffer it keeps and
 * reuses once the stream is done with it, and copies the kept bytes of the diagnostics an open file
 * had in its last publish, so a keystroke allocates only for its new diagnostics. The bytes on the
 * wire are the same: the header, then exactly what JSON.stringify gives for the message.
 */

import type { Message, MessageWriter, NotificationMessage } from 'vscode-languageserver/node';
import { AbstractMessageWriter } from './languageServer';

/** Room before the body for `Content-Length: <n>\r\n\r\n`, written once the body's length is known. */
const HEADER_ROOM = 40;
/** A buffer grown past this for one large message is not kept for the next. */
const KEEP_AT_MOST = 8 * 1024 * 1024;

/** Bytes appended to a buffer that grows as needed. */
class ByteSink {
  pos = HEADER_ROOM;
  constructor(public buf: Buffer) {}

  text(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; a long string is measured rather than given
    // three times its length.
    this.reserve(s.length < 16 * 1024 ? s.length * 3 : Buffer.byteLength(s, 'utf8'));
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Bytes kept by `keptFrom`, written again as they are. */
  kept(s: string): void {
    this.reserve(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /**
   * What was written from `from` on, kept as a string of one character per byte (Latin-1 maps each
   * byte to itself). A string lives in V8's heap on its own; a small Buffer copy would share one of
   * Node's 8 KB pool slabs and hold all of it while any one diagnostic on it is kept.
   */
  keptFrom(from: number): string {
    return this.buf.toString('latin1', from, this.pos);
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /**
   * Writes `s` in quotes if it is printable ASCII other than `"` and `\\` (JSON's text for it is then
   * itself); else writes nothing and returns false. Copied code unit by code unit: for the short
   * strings of a diagnostic this is faster than a call into the encoder.
   */
  plainString(s: string): boolean {
    this.reserve(s.length + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22 /* " */;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
      buf[pos++] = c;
    }
    buf[pos++] = 0x22;
    this.pos = pos;
    return true;
  }

  /** A safe integer in decimal, as JSON.stringify writes it (-0 as 0). */
  int(n: number): void {
    if (n < 0) {
      this.byte(0x2d /* - */);
      n = -n;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.reserve(digits);
    for (let i = this.pos + digits - 1; i >= this.pos; i--) {
      this.buf[i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += digits;
  }

  private reserve(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** The framed message: header and body, as one slice of the buffer. */
  framed(): Buffer {
    const length = this.pos - HEADER_ROOM;
    const header = `Content-Length: ${length}\r\n\r\n`;
    const start = HEADER_ROOM - header.length;
    this.buf.write(header, start, 'ascii');
    return this.buf.subarray(start, this.pos);
  }
}

/** Plain JSON data, as messages are. */
type Json = Record<string, unknown>;

/** A string JSON.stringify would not write as-is between quotes: it escapes these. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Deeper than any diagnostic: such a value is left to JSON.stringify (which also reports cycles). */
const MAX_DEPTH = 32;

/**
 * Writes `v` as JSON.stringify(v) would, straight into the sink, for plain data: a diagnostic's
 * strings are copied into the buffer and its numbers written digit by digit, so serialising ~840
 * diagnostics makes no strings. (JSON.stringify's result is a rope of parts that writing it into a
 * buffer flattens: twice the message's size in garbage, ~750 KB per keystroke in a 10,000-line
 * file.) Anything unusual (a toJSON method, deep nesting) is handed to JSON.stringify itself.
 * Returns false, writing nothing, for a value JSON has no text for (undefined, a function, a symbol).
 */
function writeValue(sink: ByteSink, v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
      if (!sink.plainString(v)) sink.text(NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`);
      return true;
    case 'number':
      if (Number.isSafeInteger(v)) sink.int(v);
      else sink.text(Number.isFinite(v) ? String(v) : 'null');
      return true;
    case 'boolean':
      sink.text(v ? 'true' : 'false');
      return true;
    case 'object':
      if (v === null) sink.text('null');
      else if (depth > MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function') sink.text(JSON.stringify(v));
      else if (Array.isArray(v)) {
        sink.byte(0x5b /* [ */);
        for (let i = 0; i < v.length; i++) {
          if (i) sink.byte(0x2c /* , */);
          const item: unknown = v[i];
          if (typeof item === 'object' && item !== null && Object.isFrozen(item)) writeFrozen(sink, item, depth + 1);
          else if (!writeValue(sink, item, depth + 1)) sink.text('null');
        }
        sink.byte(0x5d /* ] */);
      } else {
        sink.byte(0x7b /* { */);
        let first = true;
        // for-in visits own keys in JSON.stringify's order (integer keys ascending, then insertion order).
        for (const key in v) {
          if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
          const value = (v as Json)[key];
          if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
          if (!first) sink.byte(0x2c /* , */);
          first = false;
          writeValue(sink, key, depth);
          sink.byte(0x3a /* : */);
          writeValue(sink, value, depth + 1);
        }
        sink.byte(0x7d /* } */);
      }
      return true;
    case 'bigint':
      // JSON.stringify throws on it: so does this.
      sink.text(JSON.stringify(v));
      return true;
    default:
      return false;
  }
}

/**
 * The bytes of frozen objects met as array items: the diagnostics an open file keeps between
 * publishes (`DiagnosticMemo` freezes each one it keeps, whole: its range, positions and data too).
 * A keystroke in a 10,000-line file then copies ~840 diagnostics' bytes instead of serialising them
 * again. Frozen is the contract, so whoever freezes an array item must freeze everything in it: a
 * part that could still change would be written stale. Entries go with their objects.
 */
const frozenJson = new WeakMap<object, string>();

function writeFrozen(sink: ByteSink, v: object, depth: number): void {
  const known = frozenJson.get(v);
  if (known !== undefined) return sink.kept(known);
  const from = sink.pos;
  writeValue(sink, v, depth);
  frozenJson.set(v, sink.keptFrom(from));
}

function isDiagnostics(msg: Message): boolean {
  return (msg as NotificationMessage).method === 'textDocument/publishDiagnostics';
}

/**
 * Writes `msg`'s JSON into `sink`, byte for byte what JSON.stringify gives: `valueByValue` for a
 * diagnostics notification (never one string), else JSON.stringify, which is faster for the small
 * other messages.
 */
function serialise(msg: Message, sink: ByteSink, valueByValue: boolean): void {
  if (valueByValue) writeValue(sink, msg, 0);
  else sink.text(JSON.stringify(msg));
}

/** A message framed as the stdio transport sends it, in a buffer of its own (for tests and tools). */
export function frame(msg: Message): Buffer {
  const sink = new ByteSink(Buffer.allocUnsafe(1024));
  serialise(msg, sink, isDiagnostics(msg));
  return Buffer.from(sink.framed());
}

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private kept?: Buffer;
  /** The kept buffer is part of a write the stream has not finished: a new message gets its own. */
  private inFlight = false;
  private errorCount = 0;
  /**
   * Whether a diagnostics notification has been written. The first is the one a user waits for when
   * the editor starts, and writeValue has not run yet then: in V8's interpreter it took 16-21 ms for a
   * 10,000-line file's 377 KB, JSON.stringify 4-7 ms. The garbage writeValue saves matters on
   * keystrokes, which come later, once it has been compiled.
   */
  private diagnosticsWritten = false;

  /**
   * `reuseBuffer`: only for a stream backed by a file descriptor (process.stdout is a pipe, a file or
   * a terminal), which has handed the bytes to the system when it calls back. Other streams may
   * still hold the chunk by reference then (a PassThrough does), so each message gets its own buffer.
   */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly reuseBuffer = false,
  ) {
    super();
    out.on('error', (e: unknown) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const reuse = this.reuseBuffer && !this.inFlight;
    let sink: ByteSink;
    try {
      sink = new ByteSink(reuse ? (this.kept ??= Buffer.allocUnsafeSlow(64 * 1024)) : Buffer.allocUnsafe(1024));
      const diagnostics = isDiagnostics(msg);
      serialise(msg, sink, diagnostics && this.diagnosticsWritten);
      if (diagnostics) this.diagnosticsWritten = true;
    } catch (e) {
      this.fireError(e, msg);
      return Promise.reject(e);
    }
    const keep = reuse && sink.buf.length <= KEEP_AT_MOST;
    if (keep) {
      this.kept = sink.buf;
      this.inFlight = true;
    }
    return new Promise((resolve, reject) => {
      // Messages reach the stream in the order write() is called: nothing here waits before it.
      this.out.write(sink.framed(), (error) => {
        if (keep) this.inFlight = false;
        if (error) {
          this.errorCount++;
          this.fireError(error, msg, this.errorCount);
          reject(error);
        } else resolve();
      });
    });
  }

  end(): void {
    this.out.end();
  }
}
