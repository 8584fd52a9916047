import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const api = (probe: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api}
  spec:
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec:
        initContainers:
        - name: migrate
          image: registry.example.com/api:2.0.1
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          restartPolicy: Always
        containers:
        - name: api
          image: registry.example.com/api:2.0.1
          ports:
          - name: grpc
            containerPort: 9000
          ${probe}
`;

test('liveness-probe-missing: info on the app container only, with a TCP probe fix on its first port', () => {
  const f = lintRule('liveness-probe-missing', api(''));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'api');
  assert.equal(f[0].line, 16);
  assert.equal(f[0].severity, 'info');
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe'], value: { tcpSocket: { port: 'grpc' }, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3 } },
  ]);
});

test('liveness-probe-missing: silent with a probe, for Jobs, and no fix without ports', () => {
  assert.deepEqual(lintRule('liveness-probe-missing', api('livenessProbe: {grpc: {port: 9000}}')), []);
  const job = yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: report}
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: registry.example.com/report:1.0.0
  `;
  assert.deepEqual(lintRule('liveness-probe-missing', job), []);
  const worker = yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: log-shipper}
    spec:
      selector: {matchLabels: {app: log-shipper}}
      template:
        metadata: {labels: {app: log-shipper}}
        spec:
          containers:
          - name: shipper
            image: fluent/fluent-bit:3.1
  `;
  const f = lintRule('liveness-probe-missing', worker);
  assert.equal(f.length, 1);
  assert.equal(f[0].fix, undefined);
});
