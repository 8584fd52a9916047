import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, lintRule, lintWorkspace } from '../../helpers';
import { hpa, pvc, uploadsDeployment } from './fixtures';

test('pvc-shared-rwo fires on a 3-replica Deployment mounting a ReadWriteOnce PVC, at claimName', () => {
  const f = lintRule('pvc-shared-rwo', uploadsDeployment(3), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']) } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'claimName: uploads-data');
  assert.equal(f[0].line, 30);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /Deployment\/uploads mounts PVC 'uploads-data' \(ReadWriteOnce\) but it runs 3 replicas/);
});

test('pvc-shared-rwo fires for ReadWriteOncePod, and when an HPA scales a single replica above 1', () => {
  assert.equal(lintRule('pvc-shared-rwo', uploadsDeployment(2), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOncePod']) } }).length, 1);
  const f = lintRule('pvc-shared-rwo', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']), 'hpa.yaml': hpa('uploads', 1, 4) } });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /HorizontalPodAutoscaler\/uploads scales it up to 4 replicas/);
});

test('pvc-shared-rwo is silent for 1 replica, RWX claims, an HPA capped at 1, and a PVC the workspace does not define', () => {
  assert.deepEqual(lintRule('pvc-shared-rwo', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']) } }), []);
  assert.deepEqual(lintRule('pvc-shared-rwo', uploadsDeployment(3), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteMany']) } }), []);
  assert.deepEqual(lintRule('pvc-shared-rwo', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']), 'hpa.yaml': hpa('uploads', 1, 1) } }), []);
  assert.deepEqual(lintRule('pvc-shared-rwo', uploadsDeployment(3)), []);
  // A PVC of the same name in another namespace is not the one mounted.
  const other = pvc('uploads-data', ['ReadWriteOnce']).replace('name: uploads-data', 'name: uploads-data\n  namespace: staging');
  assert.deepEqual(lintRule('pvc-shared-rwo', uploadsDeployment(3), { files: { 'pvc.yaml': other } }), []);
});

test('pvc-shared-rwo in a multi-document file and a multi-file workspace', () => {
  const one = lint(`${pvc('uploads-data', ['ReadWriteOnce'])}---\n${uploadsDeployment(2)}`).filter((f) => f.rule === 'pvc-shared-rwo');
  assert.equal(one.length, 1);
  assert.equal(one[0].docIndex, 1);
  const ws = lintWorkspace({ 'deploy/uploads.yaml': uploadsDeployment(2), 'storage/claims.yaml': pvc('uploads-data', ['ReadWriteOnce']) }).filter((f) => f.rule === 'pvc-shared-rwo');
  assert.deepEqual(ws.map((f) => [f.file, f.text]), [['deploy/uploads.yaml', 'claimName: uploads-data']]);
});
