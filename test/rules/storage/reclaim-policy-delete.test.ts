import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintWorkspace, yaml } from '../../helpers';
import { ebsDefault, postgres, rookCephfs, rookRbd, uploadsDeployment, pvc } from './fixtures';

const only = (files: Record<string, string>) => lintWorkspace(files).filter((f) => f.rule === 'reclaim-policy-delete');

test('reclaim-policy-delete fires on the StorageClass a StatefulSet provisions from, at reclaimPolicy', () => {
  const f = only({ 'sc.yaml': rookRbd, 'pg.yaml': postgres({ storageClass: 'rook-ceph-block' }) });
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'sc.yaml');
  assert.equal(f[0].text, 'reclaimPolicy: Delete');
  assert.equal(f[0].line, 11);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /StorageClass\/rook-ceph-block.*StatefulSet\/postgres \(db\)/);
});

test('reclaim-policy-delete: the default reclaimPolicy (Delete) of the default class, reached through an unset storageClassName', () => {
  const f = only({ 'sc.yaml': ebsDefault, 'pg.yaml': postgres() });
  assert.deepEqual(f.map((x) => [x.file, x.text]), [['sc.yaml', 'gp3']]);
  assert.match(f[0].message, /reclaimPolicy Delete, the default/);
});

test('reclaim-policy-delete is silent for Retain classes, classes only Deployments use, and unused classes', () => {
  assert.deepEqual(only({ 'sc.yaml': rookCephfs, 'pg.yaml': postgres({ storageClass: 'rook-cephfs' }) }), []);
  assert.deepEqual(only({ 'sc.yaml': rookRbd, 'app.yaml': uploadsDeployment(1), 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce'], 'rook-ceph-block') }), []);
  assert.deepEqual(only({ 'sc.yaml': rookRbd }), []);
});

test('reclaim-policy-delete on a PersistentVolume bound to a StatefulSet claim', () => {
  const pv = yaml`
    apiVersion: v1
    kind: PersistentVolume
    metadata: {name: pg-0}
    spec:
      capacity: {storage: 20Gi}
      accessModes: [ReadWriteOnce]
      persistentVolumeReclaimPolicy: Delete
      storageClassName: ""
      claimRef: {namespace: db, name: pgdata-postgres-0}
      nfs: {server: nfs.internal, path: /exports/pg-0}
  `;
  const f = only({ 'pv.yaml': pv, 'pg.yaml': postgres({ storageClass: '""' }) });
  assert.deepEqual(f.map((x) => [x.file, x.text]), [['pv.yaml', 'persistentVolumeReclaimPolicy: Delete']]);
  assert.deepEqual(only({ 'pv.yaml': pv.replace('Delete', 'Retain'), 'pg.yaml': postgres({ storageClass: '""' }) }), []);
  assert.deepEqual(only({ 'pv.yaml': pv.replace('pgdata-postgres-0', 'pgdata-mysql-0'), 'pg.yaml': postgres({ storageClass: '""' }) }), []);
});
