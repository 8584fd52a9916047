import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule } from '../../helpers';
import { postgres, pvc } from './fixtures';

test('pvc-storage-class fires on a PVC without storageClassName, at its name', () => {
  const f = lintRule('pvc-storage-class', pvc('uploads-data', ['ReadWriteOnce']));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'uploads-data');
  assert.equal(f[0].line, 4);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /PersistentVolumeClaim\/uploads-data has no storageClassName/);
});

test('pvc-storage-class fires on a volumeClaimTemplate without storageClassName', () => {
  const f = lintRule('pvc-storage-class', postgres());
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['pgdata', 30]]);
  assert.match(f[0].message, /volumeClaimTemplate 'pgdata' of StatefulSet\/postgres/);
});

test('pvc-storage-class is silent with a class, with "" (static binding) and with the legacy annotation', () => {
  assert.deepEqual(lintRule('pvc-storage-class', pvc('a', ['ReadWriteOnce'], 'gp3')), []);
  assert.deepEqual(lintRule('pvc-storage-class', pvc('a', ['ReadWriteOnce'], '""')), []);
  assert.deepEqual(lintRule('pvc-storage-class', postgres({ storageClass: 'rook-ceph-block' })), []);
  const legacy = pvc('a', ['ReadWriteOnce']).replace('name: a', 'name: a\n  annotations:\n    volume.beta.kubernetes.io/storage-class: gp2');
  assert.deepEqual(lintRule('pvc-storage-class', legacy), []);
});

test('pvc-storage-class explains the static-binding case', () => {
  const f = lintRule('pvc-storage-class', pvc('a', ['ReadWriteOnce']).replace('resources:', 'volumeName: pv-nfs-01\n  resources:'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /binds to PersistentVolume 'pv-nfs-01'/);
});
