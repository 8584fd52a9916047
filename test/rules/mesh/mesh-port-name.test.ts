import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-port-name';

const svc = yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: catalog, namespace: shop}
  spec:
    selector: {app: catalog}
    ports:
    - name: web
      port: 80
      targetPort: 8080
    - name: grpc-api
      port: 9090
    - name: metrics
      port: 9102
      appProtocol: http
    - port: 3306
    - port: 8443
    - name: dns
      port: 5353
      protocol: UDP
`;
const istioNs = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels: {istio-injection: enabled}
`;

test('mesh-port-name: ports without protocol prefix or appProtocol in an Istio namespace', () => {
  const f = lintRule(RULE, svc, { files: { 'ns.yaml': istioNs } });
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['web', 7], ['port: 8443', 16]]);
  assert.match(f[0].message, /Port 'web' of Service\/catalog/);
  assert.equal(f[0].severity, 'info');
});

test('mesh-port-name: silent without Istio injection, or in a namespace known not to use it', () => {
  assert.deepEqual(lintRule(RULE, svc), []);
  const linkerdNs = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      annotations: {linkerd.io/inject: enabled}
    ---
    apiVersion: v1
    kind: Namespace
    metadata:
      name: mesh-apps
      labels: {istio-injection: enabled}
  `;
  assert.deepEqual(lintRule(RULE, svc, { files: { 'ns.yaml': linkerdNs } }), []);
});

test('mesh-port-name: Istio used by a pod label elsewhere in the workspace, Namespace not in the workspace', () => {
  const deploy = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: catalog, namespace: shop}
    spec:
      selector: {matchLabels: {app: catalog}}
      template:
        metadata:
          labels: {app: catalog, istio.io/rev: prod-stable}
        spec:
          containers:
          - name: catalog
            image: registry.example.com/catalog:8.0.0
  `;
  assert.equal(lintRule(RULE, svc, { files: { 'deploy.yaml': deploy } }).length, 2);
});
