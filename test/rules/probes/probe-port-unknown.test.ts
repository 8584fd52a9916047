import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'probe-port-unknown';

const svc = (ports: string, probes: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: search}
  spec:
    selector: {matchLabels: {app: search}}
    template:
      metadata: {labels: {app: search}}
      spec:
        containers:
        - name: search
          image: registry.example.com/search:6.0.0
          ports: ${ports}
          ${probes}
`;

test('probe-port-unknown: a misspelt named port is an error with an obvious fix', () => {
  const f = lintRule(RULE, svc('[{name: http, containerPort: 8080}, {name: metrics, containerPort: 9102}]', 'readinessProbe: {httpGet: {path: /ready, port: htpp}}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'htpp');
  assert.equal(f[0].line, 13);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /declares 'http', 'metrics'/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe', 'httpGet', 'port'], value: 'http' }]);
  assert.equal(f[0].fix?.preferred, true);
});

test('probe-port-unknown: undeclared number is info (liveness tcpSocket, startup grpc)', () => {
  const f = lintRule(RULE, svc('[{containerPort: 8080}]', `livenessProbe: {tcpSocket: {port: 8081}}
          startupProbe: {grpc: {port: 8080}}`));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '8081');
  assert.equal(f[0].severity, 'info');
  assert.deepEqual(f[0].fix?.ops[0], { op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'tcpSocket', 'port'], value: 8080 });
  assert.equal(f[0].fix?.safe, false);
});

test('probe-port-unknown: unknown name with several unrelated ports falls back to the first, not preferred', () => {
  const f = lintRule(RULE, svc('[{name: web, containerPort: 8080}, {name: admin, containerPort: 9000}]', 'livenessProbe: {httpGet: {path: /healthz, port: health}}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].fix?.title, "Change the livenessProbe port to 'web'");
  assert.equal(f[0].fix?.preferred, false);
});

test('probe-port-unknown: silent for declared ports and for containers that declare none', () => {
  assert.deepEqual(lintRule(RULE, svc('[{name: http, containerPort: 8080}]', 'readinessProbe: {httpGet: {path: /ready, port: http}}\n          livenessProbe: {tcpSocket: {port: 8080}}')), []);
  assert.deepEqual(lintRule(RULE, svc('[]', 'readinessProbe: {httpGet: {path: /ready, port: 8080}}')), []);
});
