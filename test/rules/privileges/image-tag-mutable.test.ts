import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { parseImage } from '../../../server/src/rules/privileges/image-tag-mutable';
import { lineOf } from './lineOf';

const pod = (...images: string[]) => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: images
  spec:
    containers:
${images.map((img, i) => `    - name: c${i}\n      image: ${img}`).join('\n')}
`;

test('parseImage: registry ports are not tags; digests are split off', () => {
  assert.deepEqual(parseImage('registry:5000/app'), { repository: 'registry:5000/app', tag: undefined, digest: undefined });
  assert.deepEqual(parseImage('registry:5000/app:1.2'), { repository: 'registry:5000/app', tag: '1.2', digest: undefined });
  assert.deepEqual(parseImage('nginx@sha256:abc'), { repository: 'nginx', tag: undefined, digest: 'sha256:abc' });
});

test('image-tag-mutable: no tag, latest, and a registry with a port but no tag', () => {
  const text = pod('nginx', 'nginx:latest', 'registry.internal:5000/team/app', 'registry.internal:5000/team/app:2.3.1', 'ghcr.io/acme/api:2.4.1');
  const f = lintRule('image-tag-mutable', text);
  assert.deepEqual(f.map((x) => x.text), ['nginx', 'nginx:latest', 'registry.internal:5000/team/app']);
  assert.equal(f[1].line, lineOf(text, 'nginx:latest'));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /without a tag/);
  assert.match(f[1].message, /mutable tag latest/);
});

test('image-tag-mutable: digest pins are fine even with latest; templated images are skipped', () => {
  const digest = 'sha256:' + 'a'.repeat(64);
  const text = pod(`nginx@${digest}`, `nginx:latest@${digest}`, '"{{ .Values.image }}"', '${IMAGE}');
  assert.deepEqual(lintRule('image-tag-mutable', text), []);
});

test('image-tag-mutable visits init containers of a CronJob', () => {
  const cron = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: backup}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              initContainers:
              - name: wait
                image: busybox
              containers:
              - name: backup
                image: postgres:16.4
  `;
  assert.deepEqual(lintRule('image-tag-mutable', cron).map((x) => x.text), ['busybox']);
});
