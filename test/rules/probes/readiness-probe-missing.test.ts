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
          - name: http
            containerPort: 8080
          ${probe}
`;

test('readiness-probe-missing fires on the app container only (not init, not native sidecar)', () => {
  const f = lintRule('readiness-probe-missing', api(''));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'api');
  assert.equal(f[0].line, 16);
  assert.equal(f[0].fix?.title, "Add an HTTP readinessProbe to container 'api'");
});

test('readiness-probe-missing is silent when the probe exists', () => {
  assert.deepEqual(lintRule('readiness-probe-missing', api('readinessProbe: {httpGet: {path: /ready, port: http}}')), []);
});

test('readiness-probe-missing does not apply to Jobs', () => {
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
  assert.deepEqual(lintRule('readiness-probe-missing', job), []);
});
