import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { HeapKeeper, IdleCollector, collector } from '../../server/src/lsp/heap';

const MB = 1024 * 1024;

/** A heap that grows by what the scan allocates and shrinks to its live size when collected. */
function fakeHeap(live: () => number) {
  let used = 0;
  let collections = 0;
  return {
    allocate: (bytes: number) => (used += bytes),
    get used() {
      return used;
    },
    get collections() {
      return collections;
    },
    probe: {
      used: () => used,
      collect: () => {
        collections++;
        used = live();
      },
    },
  };
}

test('heap keeper: collects when the heap has grown by a quarter since the last collection, not on every slice', () => {
  let live = 100 * MB;
  const heap = fakeHeap(() => live);
  const keeper = new HeapKeeper(heap.probe);
  heap.allocate(150 * MB);
  keeper.step();
  assert.equal(heap.collections, 1, 'above the floor with nothing collected yet');
  assert.equal(heap.used, 100 * MB);
  heap.allocate(20 * MB); // 120 MB: below 1.25 x 100 MB
  keeper.step();
  assert.equal(heap.collections, 1);
  live = 110 * MB;
  heap.allocate(10 * MB); // 130 MB: above 125 MB
  keeper.step();
  assert.equal(heap.collections, 2);
  assert.equal(heap.used, 110 * MB);
});

test('heap keeper: a small heap is left alone, and finish collects what a large scan left behind', () => {
  const heap = fakeHeap(() => 10 * MB);
  const keeper = new HeapKeeper(heap.probe);
  heap.allocate(40 * MB);
  keeper.step();
  keeper.finish();
  assert.equal(heap.collections, 0, 'below the floor, a pause is not worth it');
  heap.allocate(200 * MB);
  keeper.finish();
  assert.equal(heap.collections, 1);
});

test('heap keeper: without a collector available it does nothing and does not throw', () => {
  const keeper = new HeapKeeper({ used: () => 500 * MB, collect: undefined });
  keeper.step();
  keeper.finish();
});

test('heap keeper: V8\'s collector is reachable at run time (the server is started without --expose-gc) and frees memory', () => {
  const gc = collector();
  assert.equal(typeof gc, 'function');
  const usedNow = () => v8.getHeapStatistics().used_heap_size;
  let hold: number[][] | undefined = Array.from({ length: 40 }, () => new Array(100_000).fill(1.5));
  gc!();
  const withGarbage = usedNow();
  assert.equal(hold.length, 40);
  hold = undefined;
  gc!();
  assert.ok(usedNow() < withGarbage - 20 * MB, `expected ~32 MB freed: ${withGarbage} -> ${usedNow()}`);
});

/** Deferred calls run when the test says time has passed. */
function manualClock() {
  let now = 0;
  let queue: { at: number; fn: () => void }[] = [];
  return {
    defer: (fn: () => void, ms: number) => {
      const item = { at: now + ms, fn };
      queue.push(item);
      return () => (queue = queue.filter((x) => x !== item));
    },
    advance(ms: number) {
      now += ms;
      const due = queue.filter((x) => x.at <= now);
      queue = queue.filter((x) => x.at > now);
      for (const x of due) x.fn();
    },
    get pending() {
      return queue.length;
    },
  };
}

function youngHeap(used: number) {
  const heap = { used, collections: 0 };
  const probe = { youngUsed: () => heap.used, collectYoung: () => { heap.collections++; heap.used = 0; } };
  return { heap, probe };
}

test('idle collector: collects the young generation once the server has been quiet for the delay after an analysis', () => {
  const clock = manualClock();
  const { heap, probe } = youngHeap(6 * MB);
  const idle = new IdleCollector(probe, 15, clock.defer);
  idle.schedule(() => false);
  clock.advance(14);
  assert.equal(heap.collections, 0, 'not before the delay');
  clock.advance(1);
  assert.equal(heap.collections, 1);
  assert.equal(clock.pending, 0);
});

test('idle collector: another analysis within the delay postpones the collection, and there is one, not two', () => {
  const clock = manualClock();
  const { heap, probe } = youngHeap(6 * MB);
  const idle = new IdleCollector(probe, 15, clock.defer);
  idle.schedule(() => false);
  clock.advance(10);
  idle.schedule(() => false);
  clock.advance(10);
  assert.equal(heap.collections, 0, 'the second analysis moved it');
  clock.advance(5);
  assert.equal(heap.collections, 1);
  clock.advance(100);
  assert.equal(heap.collections, 1);
});

test('idle collector: no collection while work is queued, for a nearly empty young generation, after cancel, or without a collector', () => {
  const clock = manualClock();
  const busy = youngHeap(6 * MB);
  new IdleCollector(busy.probe, 15, clock.defer).schedule(() => true);
  clock.advance(20);
  assert.equal(busy.heap.collections, 0, 'an edit is pending: it comes first');

  const small = youngHeap(200 * 1024);
  new IdleCollector(small.probe, 15, clock.defer).schedule(() => false);
  clock.advance(20);
  assert.equal(small.heap.collections, 0, 'a few hundred KB: not worth a collection');

  const cancelled = youngHeap(6 * MB);
  const idle = new IdleCollector(cancelled.probe, 15, clock.defer);
  idle.schedule(() => false);
  idle.cancel();
  clock.advance(20);
  assert.equal(cancelled.heap.collections, 0, 'shutdown cancels it');

  new IdleCollector({ youngUsed: () => 6 * MB, collectYoung: undefined }, 15, clock.defer).schedule(() => false);
  assert.doesNotThrow(() => clock.advance(20));
});

test('idle collector: the idle work given with the latest analysis runs once, when quiet, before the collection, even with little to collect', () => {
  const clock = manualClock();
  const order: string[] = [];
  const idle = new IdleCollector({ youngUsed: () => 6 * MB, collectYoung: () => order.push('collect') }, 15, clock.defer);
  idle.schedule(() => false, () => order.push('first'));
  clock.advance(10);
  idle.schedule(() => false, () => order.push('second'));
  clock.advance(15);
  assert.deepEqual(order, ['second', 'collect']);
  const small = new IdleCollector({ youngUsed: () => 0, collectYoung: () => order.push('collect') }, 15, clock.defer);
  small.schedule(() => false, () => order.push('settle'));
  clock.advance(15);
  assert.deepEqual(order, ['second', 'collect', 'settle']);
  // Not while work is queued: the queued analysis schedules its own.
  new IdleCollector({ youngUsed: () => 6 * MB, collectYoung: () => order.push('collect') }, 15, clock.defer).schedule(() => true, () => order.push('busy'));
  clock.advance(15);
  assert.deepEqual(order, ['second', 'collect', 'settle']);
});

test('idle collector: V8\'s young-generation collection empties the young generation', () => {
  const gc = collector();
  assert.equal(typeof gc, 'function');
  const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
  let garbage: object[] | undefined = Array.from({ length: 20_000 }, (_, i) => ({ i, s: `item ${i}` }));
  const before = young();
  assert.equal(garbage.length, 20_000);
  garbage = undefined;
  gc!({ type: 'minor' });
  assert.ok(young() < before / 2, `expected the young generation emptied: ${before} -> ${young()}`);
});

test('idle collector: a collector that throws does not escape the timer (it would end the server)', () => {
  const clock = manualClock();
  const idle = new IdleCollector({ youngUsed: () => 6 * MB, collectYoung: () => { throw new Error('no gc here'); } }, 15, clock.defer);
  idle.schedule(() => false);
  assert.doesNotThrow(() => clock.advance(20));
});
