/**
 * Keeps the server's memory close to what it holds while it scans a large workspace.
 *
 * Scanning a file builds its AST, computes its findings and drops the AST. The AST usually outlives a
 * few young-generation collections and is promoted, so V8's old space fills with dead ASTs between
 * the long-lived plain values and findings; V8 then grows the heap rather than collecting, and keeps
 * the fragmented pages after it does. With 10,000 applications that was 450-880 MB of resident
 * memory for ~230 MB of live data. Collecting whenever the heap has grown by a quarter since the last
 * collection keeps the peak (and so the pages V8 keeps) near the live size, for a few percent of the
 * scan's time.
 */

import * as vm from 'node:vm';

/** node:v8 is required on first use: loading it is ~4 ms of the server's start, before its first diagnostics. */
let v8Module: typeof import('node:v8') | undefined;
const v8 = (): typeof import('node:v8') => (v8Module ??= require('node:v8') as typeof import('node:v8'));

/** Below this, collecting is not worth a pause. */
const FLOOR_BYTES = 96 * 1024 * 1024;
const GROWTH = 1.25;

let gcFn: (() => void) | undefined | null = null;

/** V8's collector, exposed at run time (the server is started without `--expose-gc`). */
export function collector(): (() => void) | undefined {
  if (gcFn === null) {
    try {
      if (typeof globalThis.gc === 'function') gcFn = globalThis.gc as () => void;
      else {
        v8().setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as () => void;
        // Back to the flags the process started with: V8 keys code caches on them (boot/codeCache.ts),
        // and the function already taken stays usable.
        v8().setFlagsFromString('--no-expose-gc');
      }
    } catch {
      gcFn = undefined;
    }
  }
  return gcFn;
}

/** How the keeper reads the heap and collects it; replaceable in tests. */
export interface HeapProbe {
  used(): number;
  /** Runs a full collection; undefined when none is available. */
  collect: (() => void) | undefined;
}

// The collector is taken when first needed (a new context costs a few milliseconds), not when a scan starts.
const v8Probe = (): HeapProbe => ({
  used: () => v8().getHeapStatistics().used_heap_size,
  get collect() {
    return collector();
  },
});

export class HeapKeeper {
  private live = 0;

  constructor(private readonly probe: HeapProbe = v8Probe()) {}

  /** Call between slices of bulk work: collects if the heap grew by a quarter since the last collection. */
  step(): void {
    const used = this.probe.used();
    if (used > FLOOR_BYTES && used > this.live * GROWTH) this.collect();
  }

  /** Call when bulk work ends, so what it left behind is returned now rather than some time later. */
  finish(): void {
    if (this.probe.used() > FLOOR_BYTES) this.collect();
  }

  private collect(): void {
    if (!this.probe.collect) return;
    this.probe.collect();
    this.live = this.probe.used();
  }
}
