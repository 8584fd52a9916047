import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace } from '../../helpers';
import { pvc, uploadsDeployment } from './fixtures';

test('pvc-not-found fires when the namespace has PVCs but not the one named, at the claim name', () => {
  const f = lintRule('pvc-not-found', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('upload-data', ['ReadWriteOnce']) } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'uploads-data');
  assert.equal(f[0].line, 30);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /uses PVC 'uploads-data', which the workspace does not define in namespace 'default' \(did you mean 'upload-data'\?\)/);
});

test('pvc-not-found is silent when the PVC exists, and when the workspace defines no PVC in that namespace', () => {
  assert.deepEqual(lintRule('pvc-not-found', uploadsDeployment(1), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce']) } }), []);
  assert.deepEqual(lintRule('pvc-not-found', uploadsDeployment(1)), []);
  const elsewhere = pvc('other', ['ReadWriteOnce']).replace('name: other', 'name: other\n  namespace: media');
  assert.deepEqual(lintRule('pvc-not-found', uploadsDeployment(1), { files: { 'pvc.yaml': elsewhere } }), []);
});

test('pvc-not-found: namespace unset and namespace default are the same namespace', () => {
  const inDefault = pvc('uploads-data', ['ReadWriteOnce']).replace('name: uploads-data', 'name: uploads-data\n  namespace: default');
  assert.deepEqual(lintWorkspace({ 'app.yaml': uploadsDeployment(1), 'pvc.yaml': inDefault }).filter((f) => f.rule === 'pvc-not-found'), []);
});
