import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { HeapKeeper, collector } from '../../server/src/lsp/heap';

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
