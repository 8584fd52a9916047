/**
 * A CLI scan worker (see parallel.ts): parses its share of the files, returns their index entries,
 * receives the rest of the index, then returns each of its files' findings.
 */

import { parentPort } from 'node:worker_threads';
import { K8sObject } from '../engine/object';
import { Workspace } from '../engine/workspace';
import { RULES } from '../rules/registry';
import { readBounded } from './files';
import type { FromWorker, IndexEntry, ToWorker } from './parallel';
import { relativeName } from './scan';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
let ws: Workspace | undefined;
let root = '';

function load(file: string, uri: string, maxFileSize: number): void {
  const r = readBounded(file, maxFileSize);
  if (r.text !== undefined) ws!.update(uri, r.text);
  else if (!r.error) ws!.updateOversize(uri, r.size);
  else post({ type: 'log', message: `daytwo: cannot read ${file}: ${r.error}` });
}

function handle(m: ToWorker): void {
  switch (m.type) {
    case 'init': {
      root = m.root;
      ws = new Workspace({ rules: RULES, config: m.config, root: m.root, log: (message) => post({ type: 'log', message }) });
      // Every worker knows every kustomization first: they decide which files are patches.
      for (const k of m.kustomizations) load(k.file, k.uri, m.config.limits.maxFileSize);
      post({ type: 'ready' });
      return;
    }
    case 'load': {
      const entries: IndexEntry[] = [];
      for (const f of m.files) {
        if (!ws!.has(f.uri)) load(f.file, f.uri, ws!.configuration.limits.maxFileSize);
        ws!.prepare(f.uri);
        entries.push({ order: f.order, uri: f.uri, objects: ws!.index.objectsOf(f.uri).map((o) => ({ value: o.value, docIndex: o.docIndex })) });
      }
      post({ type: 'loaded', entries });
      return;
    }
    case 'index': {
      for (const e of m.entries) ws!.index.setFile(e.uri, e.objects.map((o) => new K8sObject(o.value, e.uri, o.docIndex)));
      ws!.index.reorder(m.order);
      return;
    }
    case 'analyze': {
      for (const item of m.items) {
        const res = ws!.analyze(item.uri);
        const result = res ? { file: relativeName(root, item.file), findings: res.findings.map((f) => ({ ...f, lspRange: res.lines.rangeOf(f.range) })) } : null;
        post({ type: 'result', pos: item.pos, result });
        ws!.compact(item.uri);
      }
      return;
    }
  }
}

port.on('message', (m: ToWorker) => {
  try {
    handle(m);
  } catch (e) {
    const err = e as Error;
    post({ type: 'error', message: err.stack ?? err.message });
  }
});
