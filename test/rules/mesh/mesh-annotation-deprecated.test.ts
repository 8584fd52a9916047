import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-annotation-deprecated';

const pod = (labels: string, annotations: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: billing}
  spec:
    selector: {matchLabels: {app: billing}}
    template:
      metadata:
        labels: ${labels}
        annotations: ${annotations}
      spec:
        containers:
        - name: billing
          image: registry.example.com/billing:7.3.0
`;

test('mesh-annotation-deprecated: the sidecar.istio.io/inject annotation moves to labels', () => {
  const f = lintRule(RULE, pod('{app: billing}', '{sidecar.istio.io/inject: "true"}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'sidecar.istio.io/inject');
  assert.equal(f[0].line, 9);
  assert.match(f[0].message, /cannot opt the pod in/);
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'move', from: ['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject'], to: ['spec', 'template', 'metadata', 'labels', 'sidecar.istio.io/inject'] },
  ]);
});

test('mesh-annotation-deprecated: silent when the label is set too (it wins), and for current keys', () => {
  assert.deepEqual(lintRule(RULE, pod('{app: billing, sidecar.istio.io/inject: "false"}', '{sidecar.istio.io/inject: "false"}')), []);
  assert.deepEqual(lintRule(RULE, pod('{app: billing, sidecar.istio.io/inject: "true"}', '{config.linkerd.io/proxy-enable-native-sidecar: "true"}')), []);
});

test('mesh-annotation-deprecated: renames to the successor; beta Linkerd spelling is not auto-applied', () => {
  const f = lintRule(RULE, pod('{app: billing}', '{traffic.sidecar.istio.io/kubevirtInterfaces: "net1", config.beta.linkerd.io/proxy-enable-native-sidecar: "true"}'));
  assert.equal(f.length, 2);
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'rename', path: ['spec', 'template', 'metadata', 'annotations', 'traffic.sidecar.istio.io/kubevirtInterfaces'], to: 'istio.io/reroute-virtual-interfaces' },
  ]);
  assert.equal(f[0].fix?.preferred, true);
  assert.equal(f[1].fix?.ops[0].op, 'rename');
  assert.equal(f[1].fix?.safe, false);
  assert.match(f[1].message, /2\.19/);
});

test('mesh-annotation-deprecated: no successor, and successor already present', () => {
  const f = lintRule(RULE, pod('{app: billing}', '{sidecar.istio.io/statsInclusionPrefixes: "cluster.outbound", traffic.sidecar.istio.io/kubevirtInterfaces: "net1", istio.io/reroute-virtual-interfaces: "net1"}'));
  assert.equal(f.length, 2);
  assert.equal(f[0].fix, undefined);
  assert.match(f[0].message, /proxyStatsMatcher/);
  assert.deepEqual(f[1].fix?.ops, [{ op: 'remove', path: ['spec', 'template', 'metadata', 'annotations', 'traffic.sidecar.istio.io/kubevirtInterfaces'], pruneEmpty: true }]);
});
