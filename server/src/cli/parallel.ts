/**
 * `daytwo scan` over worker threads, one per core. Cross-resource rules need the whole workspace, so
 * the scan has three steps:
 *   1. load: workers read and parse their share of the files (handed out a few at a time, so a slow
 *      file does not hold a worker's queue), cache each document's local findings, and send back the
 *      file's index entries: the plain values of its Kubernetes objects (small next to the ASTs).
 *   2. index: the main thread sends every worker the other workers' entries, in the order a sequential
 *      scan loads files, so each worker's index is the full workspace index in the same order.
 *   3. analyze: workers run the cross-resource rules on the files they parsed and return each file's
 *      placed findings; the main thread emits a file as soon as it and every file before it are done.
 * The result is identical to `scanFiles` (the sequential scan), which small inputs still use.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isConfigFile, isKustomizationFile } from '../engine/detect';
import type { ResolvedConfig } from '../engine/config';
import { Workspace } from '../engine/workspace';
import type { FileFindings } from './report';
import type { ScanInput } from './scan';

/**
 * Below this much YAML, threads cost more than they save: each worker loads the bundle and the
 * validators, and the index is copied between threads. Measured on 2 cores with the plain-YAML fast
 * path: 3.4 MB (1,000 apps) scans in 2.0 s on one thread and 2.5 s on two; 34 MB in 20 s and 18.5 s.
 */
export const PARALLEL_MIN_BYTES = 16 << 20;
export const PARALLEL_MIN_FILES = 8;

export interface IndexEntry {
  /** Position in the sequential load order. */
  order: number;
  uri: string;
  objects: { value: Record<string, unknown>; docIndex: number }[];
}

export type ToWorker =
  | { type: 'init'; config: ResolvedConfig; root: string; kustomizations: { uri: string; file: string }[] }
  | { type: 'load'; files: { order: number; file: string; uri: string }[] }
  | { type: 'index'; entries: IndexEntry[]; order: string[] }
  | { type: 'analyze'; items: { pos: number; file: string; uri: string }[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'loaded'; entries: IndexEntry[] }
  | { type: 'result'; pos: number; result: FileFindings | null }
  | { type: 'log'; message: string }
  | { type: 'error'; message: string };

export interface ParallelScanOutput {
  results: FileFindings[];
  objects: number;
  filesScanned: number;
}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Is this input big enough for threads to pay off? */
export function worthParallel(files: string[], jobs: number): boolean {
  if (jobs < 2 || files.length < PARALLEL_MIN_FILES) return false;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += fs.statSync(f).size;
    } catch {
      // unreadable: the scan reports it
    }
    if (bytes >= PARALLEL_MIN_BYTES) return true;
  }
  return false;
}

/** The worker script next to this module: dist/worker.js in the bundle, out/.../worker.js in tests. */
function workerScript(): string {
  return path.join(__dirname, 'worker.js');
}

/**
 * Scans `input.files` with `jobs` workers. `onFile` receives each file's findings in the sequential
 * scan's order, as soon as that file and all before it are analysed.
 */
export async function scanFilesParallel(input: ScanInput, jobs: number, onFile?: (f: FileFindings) => void): Promise<ParallelScanOutput> {
  // The same file set and load order as scanFiles.
  const probe = new Workspace({ rules: [], config: input.config, root: input.root });
  const uris = new Map<string, string>();
  const ordered = [...input.files].sort((a, b) => Number(isKustomizationFile(b)) - Number(isKustomizationFile(a)));
  for (const file of ordered) {
    if (isConfigFile(file)) continue;
    const uri = pathToFileURL(file).href;
    if (probe.isIgnored(uri)) continue;
    uris.set(file, uri);
  }
  const loadOrder = [...uris.keys()];
  const orderOf = new Map(loadOrder.map((f, i) => [f, i]));
  const kustomizations = loadOrder.filter(isKustomizationFile).map((file) => ({ file, uri: uris.get(file)! }));
  // Output order: input order, files that are scanned.
  const outputFiles = input.files.filter((f) => uris.has(f));

  const n = Math.max(1, Math.min(jobs, Math.ceil(loadOrder.length / 2)));
  const workers: Worker[] = [];
  const owner = new Map<string, number>();
  const entries: IndexEntry[] = new Array(loadOrder.length);
  const results: (FileFindings | null | undefined)[] = new Array(outputFiles.length);
  let emitted = 0;
  let failure: Error | undefined;

  let onProgress: () => void = () => {};
  const progressed = () => onProgress();
  const waitFor = (cond: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failure) reject(failure);
        else if (cond()) resolve();
        else return;
        onProgress = () => {};
      };
      onProgress = check;
      check();
    });

  // Work is handed out in small batches from a shared queue.
  const BATCH = 4;
  let next = 0;
  let loadedCount = 0;
  const feed = (w: number) => {
    if (next >= loadOrder.length) return;
    const files = loadOrder.slice(next, next + BATCH).map((file) => {
      owner.set(file, w);
      return { order: orderOf.get(file)!, file, uri: uris.get(file)! };
    });
    next += files.length;
    workers[w].postMessage({ type: 'load', files } satisfies ToWorker);
  };

  for (let w = 0; w < n; w++) {
    const worker = new Worker(workerScript());
    workers.push(worker);
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'ready':
          feed(w);
          feed(w); // two batches in flight: the worker never waits for the main thread
          break;
        case 'loaded':
          for (const e of m.entries) entries[e.order] = e;
          loadedCount += m.entries.length;
          feed(w);
          progressed();
          break;
        case 'result':
          results[m.pos] = m.result;
          while (emitted < results.length && results[emitted] !== undefined) {
            const r = results[emitted++];
            if (r && onFile) onFile(r);
          }
          progressed();
          break;
        case 'log':
          input.log?.(m.message);
          break;
        case 'error':
          failure = new Error(m.message);
          progressed();
          break;
      }
    });
    worker.on('error', (e) => {
      failure = e;
      progressed();
    });
    worker.postMessage({ type: 'init', config: input.config, root: input.root, kustomizations } satisfies ToWorker);
  }

  try {
    await waitFor(() => loadedCount >= loadOrder.length);
    // Each worker gets the entries of the files it did not parse, and the global load order.
    const order = loadOrder.map((f) => uris.get(f)!);
    for (let w = 0; w < n; w++) {
      const foreign = entries.filter((e) => owner.get(loadOrder[e.order]) !== w);
      workers[w].postMessage({ type: 'index', entries: foreign, order } satisfies ToWorker);
    }
    const perWorker: { pos: number; file: string; uri: string }[][] = workers.map(() => []);
    outputFiles.forEach((file, pos) => perWorker[owner.get(file)!].push({ pos, file, uri: uris.get(file)! }));
    for (let w = 0; w < n; w++) workers[w].postMessage({ type: 'analyze', items: perWorker[w] } satisfies ToWorker);
    await waitFor(() => emitted >= results.length);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const objects = entries.reduce((sum, e) => sum + (e?.objects.length ?? 0), 0);
  return { results: results.filter((r): r is FileFindings => !!r), objects, filesScanned: uris.size };
}

