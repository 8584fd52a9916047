import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule } from '../../helpers';
import { postgres, pvc, uploadsDeployment } from './fixtures';

test('stateful-deployment fires on a Deployment mounting a PVC, at claimName, even when the PVC is elsewhere', () => {
  const f = lintRule('stateful-deployment', uploadsDeployment(1));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'claimName: uploads-data');
  assert.equal(f[0].line, 30);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Deployment\/uploads mounts PVC 'uploads-data'/);
  assert.equal(lintRule('stateful-deployment', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']) } }).length, 1);
});

test('stateful-deployment is silent for a shared (ReadWriteMany) claim, for StatefulSets and for Deployments without claims', () => {
  assert.deepEqual(lintRule('stateful-deployment', uploadsDeployment(3), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteMany'], 'rook-cephfs') } }), []);
  assert.deepEqual(lintRule('stateful-deployment', postgres()), []);
  const noClaim = uploadsDeployment(1).replace('persistentVolumeClaim:\n          claimName: uploads-data', 'emptyDir: {}');
  assert.deepEqual(lintRule('stateful-deployment', noClaim), []);
});
