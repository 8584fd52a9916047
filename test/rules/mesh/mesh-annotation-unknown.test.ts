import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-annotation-unknown';

const deploy = (annotations: string, labels = '{app: api}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec:
    selector: {matchLabels: {app: api}}
    template:
      metadata:
        labels: ${labels}
        annotations:
          ${annotations}
      spec:
        containers:
        - name: api
          image: registry.example.com/api:3.0.0
`;

test('mesh-annotation-unknown: case typo, wrong domain and near misses get a rename', () => {
  const f = lintRule(RULE, deploy(`sidecar.istio.io/proxyCpu: 200m
          traffic.istio.io/excludeInboundPorts: "9090"
          config.linkerd.io/skip-inbound-port: "8125"`));
  assert.deepEqual(f.map((x) => [x.text, x.line]), [
    ['sidecar.istio.io/proxyCpu', 10],
    ['traffic.istio.io/excludeInboundPorts', 11],
    ['config.linkerd.io/skip-inbound-port', 12],
  ]);
  assert.match(f[0].message, /did you mean 'sidecar\.istio\.io\/proxyCPU'/);
  assert.deepEqual(f[1].fix?.ops, [
    { op: 'rename', path: ['spec', 'template', 'metadata', 'annotations', 'traffic.istio.io/excludeInboundPorts'], to: 'traffic.sidecar.istio.io/excludeInboundPorts' },
  ]);
  assert.equal(f[2].fix?.title, "Rename to 'config.linkerd.io/skip-inbound-ports'");
});

test('mesh-annotation-unknown: unknown key under a configuration prefix without a near match, and a removed key', () => {
  const f = lintRule(RULE, deploy(`sidecar.istio.io/enableCoreDump: "true"
          config.linkerd.io/make-it-fast: "yes"`));
  assert.equal(f.length, 2);
  assert.match(f[0].message, /removed .* in 1\.24/);
  assert.equal(f[1].text, 'config.linkerd.io/make-it-fast');
  assert.equal(f[1].fix, undefined);
});

test('mesh-annotation-unknown: silent for known keys, other domains and mesh bookkeeping keys', () => {
  const f = lintRule(RULE, deploy(`sidecar.istio.io/proxyCPU: 200m
          linkerd.io/inject: enabled
          prometheus.io/scrape: "true"
          example.com/owner: team-a
          linkerd.io/created-by: linkerd/proxy-injector edge-25.1.1`, '{app: api, linkerd.io/control-plane-component: destination, istio.io/rev: canary, install.operator.istio.io/owning-resource: installed-state}'));
  assert.deepEqual(f, []);
});
