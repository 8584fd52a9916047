import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'probe-timing';

const app = (probes: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: kafka}
  spec:
    serviceName: kafka
    selector: {matchLabels: {app: kafka}}
    template:
      metadata: {labels: {app: kafka}}
      spec:
        containers:
        - name: kafka
          image: registry.example.com/kafka:3.7.0
          ports: [{name: broker, containerPort: 9092}]
          ${probes}
`;

test('probe-timing: timeout not below the period (explicit and default period)', () => {
  const f = lintRule(RULE, app(`readinessProbe: {tcpSocket: {port: broker}, periodSeconds: 5, timeoutSeconds: 5}
          livenessProbe: {tcpSocket: {port: broker}, timeoutSeconds: 15}`));
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['timeoutSeconds: 5', 14], ['timeoutSeconds: 15', 15]]);
  assert.match(f[1].message, /timeoutSeconds 15 >= periodSeconds 10/);
});

test('probe-timing: long liveness initial delay without a startupProbe', () => {
  const f = lintRule(RULE, app('livenessProbe: {tcpSocket: {port: broker}, initialDelaySeconds: 180}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'initialDelaySeconds: 180');
  assert.match(f[0].message, /startupProbe/);
});

test('probe-timing: silent for sane timing, defaults, and long delays covered by a startupProbe', () => {
  assert.deepEqual(lintRule(RULE, app('readinessProbe: {tcpSocket: {port: broker}}')), []);
  assert.deepEqual(lintRule(RULE, app('livenessProbe: {tcpSocket: {port: broker}, periodSeconds: 20, timeoutSeconds: 5, initialDelaySeconds: 30}')), []);
  assert.deepEqual(
    lintRule(RULE, app(`livenessProbe: {tcpSocket: {port: broker}, initialDelaySeconds: 120}
          startupProbe: {tcpSocket: {port: broker}, failureThreshold: 30, periodSeconds: 10}`)),
    [],
  );
});
