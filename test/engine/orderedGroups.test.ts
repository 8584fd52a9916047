/**
 * The index's lists by kind, by kind and namespace and by namespace, and its set of namespaces,
 * updated file by file as files are set, changed, removed and reordered, against the same grouped from
 * scratch in load order (files in the order they were first loaded, objects in file order).
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { K8sObject } from '../../server/src/engine/object';
import { WorkspaceIndex } from '../../server/src/engine/workspaceIndex';
import { rng } from '../random';

const KINDS = ['Deployment', 'Service', 'ConfigMap', 'Namespace'];
const NAMESPACES = ['shop', 'blog', undefined];

function randomObjects(r: () => number, uri: string): K8sObject[] {
  const n = Math.floor(r() * 4);
  return Array.from({ length: n }, (_, i) => {
    const ns = NAMESPACES[Math.floor(r() * NAMESPACES.length)];
    const kind = KINDS[Math.floor(r() * KINDS.length)];
    const metadata: Record<string, unknown> = { name: `o${Math.floor(r() * 5)}` };
    if (ns) metadata.namespace = ns;
    return new K8sObject({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata, data: { v: Math.floor(r() * 3) } }, uri, i);
  });
}

/** What the lists must be: every object of the files, in load order, filtered. */
function expected(files: Map<string, K8sObject[]>, keep: (o: K8sObject) => boolean): K8sObject[] {
  return [...files.values()].flat().filter(keep);
}

test('lists by kind and namespace stay in load order as files change, come and go, and are reordered', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const index = new WorkspaceIndex();
    // A model of the files in load order: a changed file keeps its place, a removed one re-added goes last.
    const files = new Map<string, K8sObject[]>();
    const uris = ['file:///w/a.yaml', 'file:///w/b.yaml', 'file:///w/c.yaml', 'file:///w/d.yaml', 'file:///w/e.yaml'];
    for (let step = 0; step < 40; step++) {
      const uri = uris[Math.floor(r() * uris.length)];
      const roll = r();
      if (roll < 0.6) {
        // Set or change a file; sometimes keep some of its objects as the same instances (an edit of one document).
        const old = files.get(uri) ?? [];
        const objects = r() < 0.3 && old.length ? old.map((o) => (r() < 0.5 ? o : randomObjects(r, uri)[0] ?? o)) : randomObjects(r, uri);
        index.setFile(uri, objects);
        files.set(uri, objects);
      } else if (roll < 0.85) {
        index.removeFile(uri);
        files.delete(uri);
      } else if (roll < 0.95) {
        // The same objects as new instances (documents that moved): no change anyone can see.
        const objects = (files.get(uri) ?? []).map((o) => new K8sObject(o.value, uri, o.docIndex + 1));
        if (files.has(uri)) {
          index.setFile(uri, objects);
          files.set(uri, objects);
        }
      } else {
        const order = [...uris].sort(() => r() - 0.5);
        index.reorder(order);
        const reordered = new Map<string, K8sObject[]>();
        for (const u of order) if (files.has(u)) reordered.set(u, files.get(u)!);
        files.clear();
        for (const [u, objs] of reordered) files.set(u, objs);
      }
      // Read some lists between steps (they are built on first read, then updated), all of them now and then.
      if (r() < 0.5 || step === 39) {
        const at = `seed ${seed} step ${step}`;
        for (const kind of KINDS) {
          assert.deepEqual(index.ofKind(kind), expected(files, (o) => o.kind === kind), `${at}: ${kind}`);
          for (const ns of ['shop', 'blog', 'default']) {
            assert.deepEqual(index.ofKind(kind, ns), expected(files, (o) => o.kind === kind && (kind === 'Namespace' || o.effectiveNamespace === ns)), `${at}: ${kind} in ${ns}`);
          }
        }
        for (const ns of ['shop', 'blog', 'default']) assert.deepEqual(index.inNamespace(ns), expected(files, (o) => o.effectiveNamespace === ns), `${at}: namespace ${ns}`);
        assert.deepEqual(new Set(index.namespaces()), new Set(expected(files, () => true).map((o) => o.effectiveNamespace)), `${at}: namespaces`);
      }
    }
  }
});

test('a list once handed out does not change, and lists no change touched are the same objects', () => {
  const index = new WorkspaceIndex();
  const obj = (uri: string, kind: string, name: string, v = 1) => new K8sObject({ apiVersion: 'v1', kind, metadata: { name, namespace: 'shop' }, data: { v } }, uri, 0);
  index.setFile('file:///w/a.yaml', [obj('file:///w/a.yaml', 'ConfigMap', 'a')]);
  index.setFile('file:///w/b.yaml', [obj('file:///w/b.yaml', 'Service', 'b')]);
  const configMaps = index.ofKind('ConfigMap', 'shop');
  const services = index.ofKind('Service', 'shop');
  index.setFile('file:///w/a.yaml', [obj('file:///w/a.yaml', 'ConfigMap', 'a', 2)]);
  assert.equal(index.ofKind('Service', 'shop'), services, 'a ConfigMap edit keeps the Services\' list');
  assert.notEqual(index.ofKind('ConfigMap', 'shop'), configMaps);
  assert.equal((configMaps[0].value.data as { v: number }).v, 1, 'the old list still holds what it held');
});
