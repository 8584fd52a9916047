import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, lintRule, yaml } from '../../helpers';

const ns = (labels: string, annotations = '{}') => yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels: ${labels}
    annotations: ${annotations}
`;

const deploy = (labels: string, annotations: string, extraSpec = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: orders, namespace: shop}
  spec:
    selector: {matchLabels: {app: orders}}
    template:
      metadata:
        labels: ${labels}
        annotations: ${annotations}
      spec:
        ${extraSpec}
        containers:
        - name: orders
          image: registry.example.com/orders:4.0.1
`;

test('mesh-injection-conflict: Linkerd on the pod, Istio from the Namespace in the workspace', () => {
  const f = lintRule('mesh-injection-conflict', deploy('{app: orders}', '{linkerd.io/inject: enabled}'), { files: { 'ns.yaml': ns('{istio-injection: enabled}') } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'linkerd.io/inject: enabled');
  assert.equal(f[0].line, 9);
  assert.match(f[0].message, /Namespace\/shop label istio-injection=enabled/);
});

test('mesh-injection-conflict: both on the pod template (Istio label + Linkerd annotation)', () => {
  const f = lintRule('mesh-injection-conflict', deploy('{app: orders, sidecar.istio.io/inject: "true"}', '{linkerd.io/inject: enabled}'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /label sidecar\.istio\.io\/inject="true"/);
});

test('mesh-injection-conflict: silent when the pod opts out of one mesh, or the namespace disables Istio', () => {
  const files = { 'ns.yaml': ns('{istio-injection: enabled}') };
  assert.deepEqual(lintRule('mesh-injection-conflict', deploy('{app: orders, sidecar.istio.io/inject: "false"}', '{linkerd.io/inject: enabled}'), { files }), []);
  assert.deepEqual(lintRule('mesh-injection-conflict', deploy('{app: orders}', '{linkerd.io/inject: disabled}'), { files }), []);
  // The deprecated annotation still opts a pod out inside an injection-enabled namespace.
  assert.deepEqual(lintRule('mesh-injection-conflict', deploy('{app: orders}', '{linkerd.io/inject: enabled, sidecar.istio.io/inject: "false"}'), { files }), []);
  const disabled = { 'ns.yaml': ns('{istio-injection: disabled}') };
  assert.deepEqual(lintRule('mesh-injection-conflict', deploy('{app: orders, istio.io/rev: canary}', '{linkerd.io/inject: enabled}'), { files: disabled }), []);
  // The Istio inject annotation alone cannot opt a pod in (webhook selectors read labels).
  assert.deepEqual(lintRule('mesh-injection-conflict', deploy('{app: orders}', '{linkerd.io/inject: enabled, sidecar.istio.io/inject: "true"}')), []);
});

test('mesh-injection-conflict: a Namespace that enables both meshes is reported once, on the Namespace', () => {
  const files = {
    'ns.yaml': ns('{istio.io/rev: stable}', '{linkerd.io/inject: enabled}'),
    'deploy.yaml': deploy('{app: orders}', '{}'),
  };
  const all = lint(files['ns.yaml'], { files: { 'deploy.yaml': files['deploy.yaml'] } }).filter((x) => x.rule === 'mesh-injection-conflict');
  assert.equal(all.length, 1);
  assert.equal(all[0].text, 'linkerd.io/inject: enabled');
  assert.match(all[0].message, /istio\.io\/rev/);
  assert.deepEqual(lintRule('mesh-injection-conflict', files['deploy.yaml'], { files: { 'ns.yaml': files['ns.yaml'] } }), []);
});

test('mesh-host-network: explicit opt-in on a hostNetwork pod', () => {
  const m = deploy('{app: orders, sidecar.istio.io/inject: "true"}', '{}', 'hostNetwork: true');
  const f = lintRule('mesh-host-network', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'sidecar.istio.io/inject: "true"');
  assert.match(f[0].message, /hostNetwork: true/);
});

test('mesh-host-network: silent for namespace-wide injection and for pods without hostNetwork', () => {
  assert.deepEqual(lintRule('mesh-host-network', deploy('{app: orders}', '{}', 'hostNetwork: true'), { files: { 'ns.yaml': ns('{}', '{linkerd.io/inject: enabled}') } }), []);
  assert.deepEqual(lintRule('mesh-host-network', deploy('{app: orders}', '{linkerd.io/inject: enabled}')), []);
  assert.deepEqual(lintRule('mesh-host-network', deploy('{app: orders}', '{linkerd.io/inject: disabled}', 'hostNetwork: true')), []);
});
