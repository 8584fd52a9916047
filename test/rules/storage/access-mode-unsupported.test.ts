import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace } from '../../helpers';
import { ebsDefault, postgres, pvc, rookCephfs, rookRbd } from './fixtures';

const classes = { 'sc-rbd.yaml': rookRbd, 'sc-cephfs.yaml': rookCephfs };

test('access-mode-unsupported fires on ReadWriteMany from a Rook RBD class, at the mode, pointing to CephFS', () => {
  const f = lintRule('access-mode-unsupported', pvc('shared', ['ReadWriteMany'], 'rook-ceph-block'), { files: classes });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'ReadWriteMany');
  assert.equal(f[0].line, 6);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /StorageClass 'rook-ceph-block', whose provisioner rook-ceph\.rbd\.csi\.ceph\.com is Ceph RBD/);
  assert.match(f[0].message, /CephFS.*cephfs\.csi\.ceph\.com.*ReadWriteMany/);
});

test('access-mode-unsupported is silent on CephFS, on RWO, on raw block volumes and when the class is not in the workspace', () => {
  assert.deepEqual(lintRule('access-mode-unsupported', pvc('shared', ['ReadWriteMany'], 'rook-cephfs'), { files: classes }), []);
  assert.deepEqual(lintRule('access-mode-unsupported', pvc('one', ['ReadWriteOnce'], 'rook-ceph-block'), { files: classes }), []);
  const block = pvc('raw', ['ReadWriteMany'], 'rook-ceph-block').replace('resources:', 'volumeMode: Block\n  resources:');
  assert.deepEqual(lintRule('access-mode-unsupported', block, { files: classes }), []);
  assert.deepEqual(lintRule('access-mode-unsupported', pvc('shared', ['ReadWriteMany'], 'rook-ceph-block')), []);
});

test('access-mode-unsupported resolves the default class (EBS) for claims without storageClassName, and judges volumeClaimTemplates', () => {
  const f = lintRule('access-mode-unsupported', pvc('media', ['ReadOnlyMany']), { files: { 'sc.yaml': ebsDefault } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'ReadOnlyMany');
  assert.match(f[0].message, /'gp3' \(the default class\).*AWS EBS.*EFS/);
  const sts = postgres({ vct: 'accessModes: [ReadWriteOnce, ReadWriteMany]\nstorageClassName: gp3\nresources:\n  requests:\n    storage: 5Gi' });
  const g = lintWorkspace({ 'pg.yaml': sts, 'sc.yaml': ebsDefault }).filter((x) => x.rule === 'access-mode-unsupported');
  assert.deepEqual(g.map((x) => [x.file, x.text, x.line]), [['pg.yaml', 'ReadWriteMany', 32]]);
});
