import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule } from '../../helpers';
import { applyFix, pvc, uploadsDeployment } from './fixtures';

const claims = { 'pvc.yaml': pvc('uploads-data', ['ReadWriteOnce'], 'gp3') };

test('rwo-rolling-update fires on the default strategy (kubectl\'s `strategy: {}`) and the fix sets Recreate', () => {
  const m = uploadsDeployment(1);
  const f = lintRule('rwo-rolling-update', m, { files: claims });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'strategy');
  assert.equal(f[0].line, 13);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /ReadWriteOnce PVC 'uploads-data'.*default RollingUpdate/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'strategy', 'type'], value: 'Recreate' }]);
  const fixed = applyFix(m, f[0]);
  assert.deepEqual(lintRule('rwo-rolling-update', fixed, { files: claims }), []);
});

test('rwo-rolling-update with explicit RollingUpdate parameters: the fix also removes rollingUpdate', () => {
  const m = uploadsDeployment(1, 'strategy:\n      type: RollingUpdate\n      rollingUpdate:\n        maxSurge: 25%\n        maxUnavailable: 0');
  const f = lintRule('rwo-rolling-update', m, { files: claims });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'type: RollingUpdate');
  assert.equal(f[0].fix?.title, 'Set spec.strategy.type: Recreate and remove spec.strategy.rollingUpdate on Deployment/uploads');
  const fixed = applyFix(m, f[0]);
  assert.doesNotMatch(fixed, /rollingUpdate|maxSurge/);
  assert.match(fixed, /type: Recreate/);
  assert.deepEqual(lintRule('rwo-rolling-update', fixed, { files: claims }), []);
});

test('rwo-rolling-update without any strategy key reports at the claim', () => {
  const f = lintRule('rwo-rolling-update', uploadsDeployment(1, ''), { files: claims });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'claimName');
});

test('rwo-rolling-update is silent for Recreate, ReadWriteMany claims and claims outside the workspace', () => {
  assert.deepEqual(lintRule('rwo-rolling-update', uploadsDeployment(1, 'strategy: {type: Recreate}'), { files: claims }), []);
  assert.deepEqual(lintRule('rwo-rolling-update', uploadsDeployment(2), { files: { 'pvc.yaml': pvc('uploads-data', ['ReadWriteMany'], 'rook-cephfs') } }), []);
  assert.deepEqual(lintRule('rwo-rolling-update', uploadsDeployment(1)), []);
});
