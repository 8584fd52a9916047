import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const node_exporter = yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: node-agent
    namespace: monitoring
  spec:
    selector:
      matchLabels: {app: node-agent}
    template:
      metadata:
        labels: {app: node-agent}
      spec:
        initContainers:
        - name: setup
          image: busybox:1.36
          securityContext:
            privileged: true
        containers:
        - name: agent
          image: quay.io/prometheus/node-exporter:v1.8.2
          securityContext:
            privileged: false
`;

test('privileged-container fires on a privileged init container, at the field', () => {
  const f = lintRule('privileged-container', node_exporter);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'privileged: true');
  assert.equal(f[0].line, 17);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /'setup'.*DaemonSet\/node-agent/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'initContainers', 0, 'securityContext', 'privileged'], value: false }]);
});

test('privileged-container stays silent on privileged: false and on unset', () => {
  const f = lintRule('privileged-container', node_exporter.replace('privileged: true', 'readOnlyRootFilesystem: true'));
  assert.deepEqual(f, []);
});

test('privileged-container finds CronJob containers two levels deeper', () => {
  const cron = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: cleanup}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: cleanup
                image: alpine:3.20
                securityContext: {privileged: true}
  `;
  const f = lintRule('privileged-container', cron);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'privileged: true');
});
