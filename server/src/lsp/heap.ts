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

/** V8's `gc`: a full collection, or a young-generation one with `{ type: 'minor' }`. */
type GcFunction = (options?: { type: 'major' | 'minor' }) => void;

let gcFn: GcFunction | undefined | null = null;

/** V8's collector, exposed at run time (the server is started without `--expose-gc`). */
export function collector(): GcFunction | undefined {
  if (gcFn === null) {
    try {
      if (typeof globalThis.gc === 'function') gcFn = globalThis.gc as GcFunction;
      else {
        v8().setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as GcFunction;
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

/** How the idle collector reads the young generation and collects it; replaceable in tests. */
export interface YoungProbe {
  /** Bytes allocated in the young generation since its last collection, and still there. */
  youngUsed(): number;
  /** Runs a young-generation collection; undefined when none is available. */
  collectYoung: (() => void) | undefined;
}

const youngProbe = (): YoungProbe => ({
  youngUsed: () => v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0,
  get collectYoung() {
    const gc = collector();
    return gc && (() => gc({ type: 'minor' }));
  },
});

/** Quiet time after an analysis before the young generation is collected: longer than a burst of queued edits. */
export const IDLE_COLLECT_MS = 15;
/** Below this, the next analysis has room enough: collecting would cost more than it saves. */
const YOUNG_FLOOR_BYTES = 1024 * 1024;

/** Runs `fn` after `ms` unless the returned cancel is called first; replaceable in tests. */
export type Defer = (fn: () => void, ms: number) => () => void;

const deferUnref: Defer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  // A pending collection never keeps the process alive.
  t.unref();
  return () => clearTimeout(t);
};

/**
 * Collects the young generation when the server has gone quiet after analysing an open document,
 * so that the next keystroke neither pays for the collection nor writes memory the process has not
 * written before.
 *
 * Every analysis allocates (~1.5 MB for an edit of a 10,000-line file), and V8 collects the young
 * generation when it is full, inside whichever keystroke's analysis fills it; the objects an open
 * or a re-open left there (MBs, all alive) are copied then. Where the memory comes from matters too:
 * after a collection, allocation starts again at the beginning of the young generation, pages that
 * are already mapped, while filling it to the end writes pages for the first time (V8 grows it from
 * 1 to 32 MB as the process goes), each a page fault, ~15-20 us on a virtual machine. Measured on
 * the 10,700-line file, edits that reached fresh pages faulted ~330 times and took 11 ms in the
 * server instead of 6. Chrome has V8 collect the young generation in idle time between frames;
 * Node's platform runs no idle tasks, so the server does it itself.
 */
export class IdleCollector {
  private cancelPending?: () => void;

  constructor(
    private readonly probe: YoungProbe = youngProbe(),
    private readonly delayMs = IDLE_COLLECT_MS,
    private readonly defer: Defer = deferUnref,
  ) {}

  /**
   * Call after an analysis: collects after `delayMs` without another call, unless `busy()` says work
   * is queued. `idleWork`, if given, runs first at that moment (work the next keystroke would
   * otherwise pay for).
   */
  schedule(busy: () => boolean, idleWork?: () => void): void {
    this.cancelPending?.();
    this.cancelPending = this.defer(() => {
      this.cancelPending = undefined;
      try {
        if (busy()) return;
        idleWork?.();
        if (this.probe.youngUsed() < YOUNG_FLOOR_BYTES) return;
        this.probe.collectYoung?.();
      } catch {
        // An accelerator only: a timer's exception would end the server.
      }
    }, this.delayMs);
  }

  cancel(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
  }
}
