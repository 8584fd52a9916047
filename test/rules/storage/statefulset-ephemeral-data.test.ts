import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { at, postgres } from './fixtures';

const zookeeper = (volumes: string, mounts: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: zk, namespace: kafka}
  spec:
    serviceName: zk-headless
    replicas: 3
    selector: {matchLabels: {app: zk}}
    template:
      metadata: {labels: {app: zk}}
      spec:
        containers:
        - name: zookeeper
          image: zookeeper:3.9.2
          volumeMounts:
          ${at(10, mounts)}
        volumes:
        ${at(8, volumes)}
`;

test('statefulset-ephemeral-data fires on a StatefulSet keeping data in an emptyDir, at emptyDir', () => {
  const m = zookeeper('- name: data\n  emptyDir: {}\n- name: tmp\n  emptyDir: {}', '- {name: data, mountPath: /data}\n- {name: tmp, mountPath: /tmp}');
  const f = lintRule('statefulset-ephemeral-data', m);
  assert.equal(f.length, 1, 'the /tmp scratch volume is not reported');
  assert.equal(f[0].text, 'emptyDir');
  assert.equal(f[0].line, 19);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /StatefulSet\/zk has no volumeClaimTemplates and keeps 'data' at \/data in an emptyDir/);
});

test('statefulset-ephemeral-data counts `emptyDir:` with no value', () => {
  const m = zookeeper('- name: data\n  emptyDir:', '- {name: data, mountPath: /var/lib/zookeeper}');
  assert.equal(lintRule('statefulset-ephemeral-data', m).length, 1);
});

test('statefulset-ephemeral-data is silent with volumeClaimTemplates, a PVC volume, memory-backed or scratch-only emptyDirs', () => {
  const withVct = postgres().replace('        volumeMounts:', '        volumeMounts:\n        - {name: run, mountPath: /var/run/postgresql}').replace(
    '  volumeClaimTemplates:',
    '      volumes:\n      - name: run\n        emptyDir: {}\n  volumeClaimTemplates:',
  );
  assert.deepEqual(lintRule('statefulset-ephemeral-data', withVct), []);
  const pvcVol = zookeeper('- name: data\n  persistentVolumeClaim: {claimName: zk-data}\n- name: scratch\n  emptyDir: {}', '- {name: data, mountPath: /data}\n- {name: scratch, mountPath: /work}');
  assert.deepEqual(lintRule('statefulset-ephemeral-data', pvcVol), []);
  const shm = zookeeper('- name: shm\n  emptyDir: {medium: Memory}', '- {name: shm, mountPath: /data}');
  assert.deepEqual(lintRule('statefulset-ephemeral-data', shm), []);
  const tmp = zookeeper('- name: tmp\n  emptyDir: {}', '- {name: tmp, mountPath: /tmp}');
  assert.deepEqual(lintRule('statefulset-ephemeral-data', tmp), []);
});
