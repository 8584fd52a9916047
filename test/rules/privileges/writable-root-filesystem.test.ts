import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { lineOf } from './lineOf';

const web = yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: web
  spec:
    serviceName: web
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        securityContext:
          readOnlyRootFilesystem: true
        initContainers:
        - name: init-perms
          image: busybox:1.36
          securityContext:
            readOnlyRootFilesystem: false
        containers:
        - name: nginx
          image: nginx:1.27.2
        - name: exporter
          image: nginx/nginx-prometheus-exporter:1.3.0
          securityContext:
            readOnlyRootFilesystem: true
`;

test('writable-root-filesystem: explicit false at the pair, missing at the container name; pod-level field is called out as ignored', () => {
  const f = lintRule('writable-root-filesystem', web);
  assert.deepEqual(f.map((x) => x.text), ['readOnlyRootFilesystem: false', 'nginx']);
  assert.equal(f[0].line, lineOf(web, 'readOnlyRootFilesystem: false'));
  assert.equal(f[1].line, lineOf(web, 'name: nginx'));
  assert.match(f[1].message, /pod-level readOnlyRootFilesystem is not a valid field/);
  assert.deepEqual(f[1].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], value: true }]);
  assert.equal(f[1].fix?.safe, false);
});

test('writable-root-filesystem is silent for Windows pods (the field is not supported there)', () => {
  const win = web.replace('      securityContext:\n        readOnlyRootFilesystem: true\n', '      os: {name: windows}\n');
  assert.deepEqual(lintRule('writable-root-filesystem', win), []);
});
