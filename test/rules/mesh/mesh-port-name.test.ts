import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { mergeConfig } from '../../../server/src/engine/config';
import { Workspace } from '../../../server/src/engine/workspace';
import { RULES } from '../../../server/src/rules/registry';

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

/** A Deployment whose pod template carries `labels` (a flow mapping). */
const deployment = (name: string, ns: string, labels: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ${name}, namespace: ${ns}}
  spec:
    selector: {matchLabels: {app: ${name}}}
    template:
      metadata:
        labels: ${labels}
      spec:
        containers:
        - name: ${name}
          image: registry.example.com/${name}:8.0.0
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

test('mesh-port-name: an edit to a workload in another file re-checks the Service (editor session)', () => {
  const ws = new Workspace({ rules: RULES, config: mergeConfig(), root: '/ws' });
  const deploy = (labels: string) => deployment('catalog', 'shop', labels);
  ws.update('file:///ws/svc.yaml', svc);
  ws.update('file:///ws/svc2.yaml', svc.replace('name: catalog', 'name: catalog-admin'));
  ws.update('file:///ws/deploy.yaml', deploy('{app: catalog}'));
  const count = (uri: string) => ws.analyze(uri)!.findings.filter((f) => f.rule === RULE).length;
  // Analysing the second Service reuses what the first computed; it must still depend on the workloads.
  assert.equal(count('file:///ws/svc.yaml'), 0);
  assert.equal(count('file:///ws/svc2.yaml'), 0);
  ws.update('file:///ws/deploy.yaml', deploy('{app: catalog, sidecar.istio.io/inject: "true"}'));
  assert.equal(count('file:///ws/svc2.yaml'), 2);
  assert.equal(count('file:///ws/svc.yaml'), 2);
  ws.update('file:///ws/deploy.yaml', deploy('{app: catalog}'));
  assert.equal(count('file:///ws/svc.yaml'), 0);
  assert.equal(count('file:///ws/svc2.yaml'), 0);
});

test('mesh-port-name: an injected workload added in a namespace the workspace had not seen re-checks a Service elsewhere (editor session)', () => {
  const ws = new Workspace({ rules: RULES, config: mergeConfig(), root: '/ws' });
  const worker = (ns: string, labels: string) => deployment('worker', ns, labels);
  ws.update('file:///ws/svc.yaml', svc);
  ws.update('file:///ws/worker.yaml', worker('shop', '{app: worker}'));
  const count = () => ws.analyze('file:///ws/svc.yaml')!.findings.filter((f) => f.rule === RULE).length;
  assert.equal(count(), 0, 'no Istio anywhere');
  // A new file in a new namespace: Istio is now used in the workspace, and shop's Namespace is not in it.
  ws.update('file:///ws/jobs.yaml', worker('jobs', '{app: worker, sidecar.istio.io/inject: "true"}'));
  assert.equal(count(), 2);
  ws.remove('file:///ws/jobs.yaml');
  assert.equal(count(), 0);
  // The same through an edit: the injected worker moves from shop (where it would count) to a new namespace and back.
  ws.update('file:///ws/worker.yaml', worker('shop', '{app: worker, sidecar.istio.io/inject: "true"}'));
  assert.equal(count(), 2);
  ws.update('file:///ws/worker.yaml', worker('jobs', '{app: worker, sidecar.istio.io/inject: "true"}'));
  assert.equal(count(), 2, 'injected in jobs: Istio is still used in the workspace');
  ws.update('file:///ws/worker.yaml', worker('jobs', '{app: worker}'));
  assert.equal(count(), 0);
});
