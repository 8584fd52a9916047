import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-annotation-value';

test('mesh-annotation-value: unquoted booleans and numbers (the API rejects them)', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: worker}
    spec:
      selector: {matchLabels: {app: worker}}
      template:
        metadata:
          labels:
            app: worker
            sidecar.istio.io/inject: true
          annotations:
            linkerd.io/inject: true
            config.linkerd.io/proxy-cpu-limit: 1
        spec:
          containers:
          - name: worker
            image: registry.example.com/worker:1.0.0
  `;
  const f = lintRule(RULE, m);
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['true', 10], ['true', 12], ['1', 13]]);
  assert.match(f[1].message, /must be strings/);
  assert.match(f[1].message, /"enabled"/);
  assert.deepEqual(f[1].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'metadata', 'annotations', 'linkerd.io/inject'], value: 'enabled' }]);
  assert.deepEqual(f[2].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'metadata', 'annotations', 'config.linkerd.io/proxy-cpu-limit'], value: '1' }]);
  assert.equal(f[2].fix?.title, 'Quote the value: "1"');
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'metadata', 'labels', 'sidecar.istio.io/inject'], value: 'true' }]);
});

test('mesh-annotation-value: wrong spellings, lists and formats', () => {
  const m = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: gateway
      labels:
        sidecar.istio.io/inject: "yes"
      annotations:
        traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8, 169.254.169.254/32"
        sidecar.istio.io/proxyMemory: 256MB
        sidecar.istio.io/interceptionMode: tproxy
        sidecar.istio.io/userVolume: '[{"name": "certs"}]'
        sidecar.istio.io/logLevel: warning
    spec:
      containers:
      - name: gateway
        image: registry.example.com/gateway:0.9.0
  `;
  const f = lintRule(RULE, m);
  const by = Object.fromEntries(f.map((x) => [x.text, x]));
  assert.equal(f.length, 5);
  assert.equal(by['"yes"'].fix?.ops[0].op, 'set');
  assert.deepEqual(by['"yes"'].fix?.ops, [{ op: 'set', path: ['metadata', 'labels', 'sidecar.istio.io/inject'], value: 'true' }]);
  assert.equal(by['"10.0.0.0/8, 169.254.169.254/32"'].fix?.title, 'Change the value to "10.0.0.0/8,169.254.169.254/32"');
  assert.deepEqual(by['256MB'].fix?.ops, [{ op: 'set', path: ['metadata', 'annotations', 'sidecar.istio.io/proxyMemory'], value: '256M' }]);
  assert.deepEqual(by['tproxy'].fix?.ops, [{ op: 'set', path: ['metadata', 'annotations', 'sidecar.istio.io/interceptionMode'], value: 'TPROXY' }]);
  assert.match(by[`'[{"name": "certs"}]'`].message, /expected a JSON object/);
  assert.equal(by[`'[{"name": "certs"}]'`].fix, undefined);
  assert.equal(by['"yes"'].line, 6);
  assert.equal(by['"yes"'].severity, 'error');
  // sidecar.istio.io/logLevel: warning is valid for Envoy.
  assert.equal(by['warning'], undefined);
});

test('mesh-annotation-value: valid values are silent (Namespace, Service, Deployment)', () => {
  const m = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      labels: {istio-injection: enabled}
      annotations: {config.linkerd.io/proxy-await: enabled}
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: cart
      namespace: shop
      annotations:
        networking.istio.io/exportTo: ".,istio-system"
        retry.linkerd.io/timeout: 300ms
    spec:
      selector: {app: cart}
      ports: [{name: http, port: 80, targetPort: 8080}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: cart, namespace: shop}
    spec:
      selector: {matchLabels: {app: cart}}
      template:
        metadata:
          labels: {app: cart, sidecar.istio.io/inject: "true"}
          annotations:
            proxy.istio.io/config: |
              holdApplicationUntilProxyStarts: true
            traffic.sidecar.istio.io/excludeOutboundPorts: "5432,6379"
            sidecar.istio.io/proxyCPU: 100m
            readiness.status.sidecar.istio.io/periodSeconds: "5"
        spec:
          containers:
          - name: cart
            image: registry.example.com/cart:2.2.0
  `;
  assert.deepEqual(lintRule(RULE, m), []);
});

test('mesh-annotation-value: linkerd.io/inject "true" on a Namespace', () => {
  const m = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: payments
      annotations:
        linkerd.io/inject: "true"
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, '"true"');
  assert.match(f[0].message, /expected one of "enabled", "disabled", "ingress"/);
  assert.equal(f[0].fix?.title, 'Change the value to "enabled"');
});
