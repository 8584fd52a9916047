import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'liveness-equals-readiness';

const web = (live: string, ready: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: storefront}
  spec:
    selector: {matchLabels: {app: storefront}}
    template:
      metadata: {labels: {app: storefront}}
      spec:
        containers:
        - name: storefront
          image: registry.example.com/storefront:3.3.0
          ports:
          - {name: http, containerPort: 8080}
          livenessProbe: ${live}
          readinessProbe: ${ready}
`;

test('liveness-equals-readiness: identical probes, named port vs number and defaults written out', () => {
  const f = lintRule(RULE, web('{httpGet: {path: /healthz, port: http}}', '{httpGet: {path: /healthz, port: 8080, scheme: HTTP}, periodSeconds: 10, timeoutSeconds: 1}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'livenessProbe');
  assert.equal(f[0].line, 14);
  assert.match(f[0].message, /'storefront' of Deployment\/storefront/);
});

test('liveness-equals-readiness: silent when path or timing differs', () => {
  assert.deepEqual(lintRule(RULE, web('{httpGet: {path: /livez, port: http}}', '{httpGet: {path: /readyz, port: http}}')), []);
  assert.deepEqual(lintRule(RULE, web('{httpGet: {path: /healthz, port: http}, failureThreshold: 6}', '{httpGet: {path: /healthz, port: http}}')), []);
  assert.deepEqual(lintRule(RULE, web('{tcpSocket: {port: http}}', '{httpGet: {path: /, port: http}}')), []);
});

test('liveness-equals-readiness: fields in another order are the same probe; list order and value types are not', () => {
  assert.equal(lintRule(RULE, web('{periodSeconds: 5, exec: {command: [cat, /tmp/ready]}}', '{exec: {command: [cat, /tmp/ready]}, periodSeconds: 5}')).length, 1);
  assert.deepEqual(lintRule(RULE, web('{exec: {command: [cat, /tmp/ready]}}', '{exec: {command: [/tmp/ready, cat]}}')), []);
  assert.deepEqual(lintRule(RULE, web('{exec: {command: [test, "1"]}}', '{exec: {command: [test, 1]}}')), []);
  assert.deepEqual(lintRule(RULE, web('{httpGet: {path: /healthz, port: http, httpHeaders: [{name: X-Probe, value: live}]}}', '{httpGet: {path: /healthz, port: http, httpHeaders: [{name: X-Probe, value: ready}]}}')), []);
});
