import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule } from '../../helpers';
import { postgres, uploadsDeployment } from './fixtures';

const on = { severities: { 'backup-missing': 'info' as const } };

test('backup-missing is off by default', () => {
  assert.deepEqual(lintRule('backup-missing', postgres()), []);
});

test('backup-missing, when enabled, fires on a StatefulSet and on a Deployment mounting a PVC, at the name', () => {
  const f = lintRule('backup-missing', postgres(), { config: on });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'postgres');
  assert.equal(f[0].line, 4);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /StatefulSet\/postgres keeps persistent data but has none of the backup markers \(backup\.velero\.io\/backup-volumes/);
  assert.equal(lintRule('backup-missing', uploadsDeployment(1), { config: on }).length, 1);
});

test('backup-missing accepts the Velero annotation on the pod template', () => {
  const m = postgres().replace('    metadata:\n      labels:', '    metadata:\n      annotations:\n        backup.velero.io/backup-volumes: pgdata\n      labels:');
  assert.deepEqual(lintRule('backup-missing', m, { config: on }), []);
});

test('backup-missing respects the configured keys (a Kasten-style label, key=value)', () => {
  const config = { ...on, ruleOptions: { 'backup-missing': { keys: ['k10.kasten.io/backup-policy=daily'] } } };
  const labelled = postgres().replace('  labels:\n    app.kubernetes.io/name: postgres', '  labels:\n    app.kubernetes.io/name: postgres\n    k10.kasten.io/backup-policy: daily');
  assert.deepEqual(lintRule('backup-missing', labelled, { config }), []);
  const wrongValue = labelled.replace('backup-policy: daily', 'backup-policy: never');
  const f = lintRule('backup-missing', wrongValue, { config });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /k10\.kasten\.io\/backup-policy=daily/);
  // The Velero default no longer counts once keys are configured.
  const velero = postgres().replace('    metadata:\n      labels:', '    metadata:\n      annotations:\n        backup.velero.io/backup-volumes: pgdata\n      labels:');
  assert.equal(lintRule('backup-missing', velero, { config }).length, 1);
});

test('backup-missing is silent on stateless workloads', () => {
  const stateless = uploadsDeployment(2).replace('persistentVolumeClaim:\n          claimName: uploads-data', 'emptyDir: {}');
  assert.deepEqual(lintRule('backup-missing', stateless, { config: on }), []);
});
