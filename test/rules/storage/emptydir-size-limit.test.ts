import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { at } from './fixtures';

const build = (volumes: string, resources = '{}') => yaml`
  apiVersion: batch/v1
  kind: Job
  metadata: {name: render, namespace: media}
  spec:
    template:
      spec:
        restartPolicy: Never
        containers:
        - name: render
          image: ghcr.io/acme/render:1.4.0
          resources: ${resources}
          volumeMounts:
          - {name: work, mountPath: /work}
          - {name: shm, mountPath: /dev/shm}
        volumes:
        ${at(8, volumes)}
`;

test('emptydir-size-limit fires per unbounded emptyDir, at the emptyDir key, naming memory-backed ones', () => {
  const f = lintRule('emptydir-size-limit', build('- name: work\n  emptyDir: {}\n- name: shm\n  emptyDir: {medium: Memory}'));
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['emptyDir', 17], ['emptyDir', 19]]);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /emptyDir 'work' of Job\/render has no sizeLimit/);
  assert.match(f[1].message, /memory-backed/);
});

test('emptydir-size-limit is silent with sizeLimit, or when container limits bound the volume', () => {
  assert.deepEqual(lintRule('emptydir-size-limit', build('- name: work\n  emptyDir: {sizeLimit: 2Gi}\n- name: shm\n  emptyDir: {medium: Memory, sizeLimit: 256Mi}')), []);
  const limited = build('- name: work\n  emptyDir: {}\n- name: shm\n  emptyDir: {medium: Memory}', '{limits: {memory: 1Gi, ephemeral-storage: 4Gi}}');
  assert.deepEqual(lintRule('emptydir-size-limit', limited), []);
  // A memory limit bounds only the memory-backed one.
  const memOnly = build('- name: work\n  emptyDir: {}\n- name: shm\n  emptyDir: {medium: Memory}', '{limits: {memory: 1Gi}}');
  assert.deepEqual(lintRule('emptydir-size-limit', memOnly).map((x) => x.message.match(/'(\w+)'/)?.[1]), ['work']);
});
