import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';
import { applyFix } from '../storage/fixtures';

/** `kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml` */
const kubectlWeb = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    creationTimestamp: null
    labels:
      app: web
    name: web
  spec:
    replicas: 1
    selector:
      matchLabels:
        app: web
    strategy: {}
    template:
      metadata:
        creationTimestamp: null
        labels:
          app: web
      spec:
        containers:
        - image: nginx:1.27
          name: nginx
          resources: {}
  status: {}
`;

test('labels-recommended fires on a kubectl Deployment at metadata.labels, and the fix adds app.kubernetes.io/name: web', () => {
  const f = lintRule('labels-recommended', kubectlWeb);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'labels');
  assert.equal(f[0].line, 5);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /Deployment\/web lacks the label 'app\.kubernetes\.io\/name'/);
  assert.equal(f[0].fix?.title, 'Add label app.kubernetes.io/name: web to Deployment/web');
  const fixed = applyFix(kubectlWeb, f[0]);
  assert.match(fixed, /labels:\n    app: web\n    app.kubernetes.io\/name: web\n|labels:\n    app.kubernetes.io\/name: web\n    app: web\n/);
  assert.deepEqual(lintRule('labels-recommended', fixed), []);
});

test('labels-recommended: configurable label set and kinds; no fix for labels whose value cannot be inferred', () => {
  const config = { ruleOptions: { 'labels-recommended': { requiredLabels: ['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'team'] } } };
  const f = lintRule('labels-recommended', kubectlWeb, { config });
  assert.equal(f.length, 1);
  assert.match(f[0].message, /'app\.kubernetes\.io\/name', 'app\.kubernetes\.io\/part-of', 'team'/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['metadata', 'labels', 'app.kubernetes.io/name'], value: 'web' }]);
  const teamOnly = { ruleOptions: { 'labels-recommended': { requiredLabels: ['team'] } } };
  assert.equal(lintRule('labels-recommended', kubectlWeb, { config: teamOnly })[0].fix, undefined);
  const cm = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: web-config, namespace: shop}
    data: {LOG_LEVEL: info}
  `;
  assert.deepEqual(lintRule('labels-recommended', cm), [], 'ConfigMaps are not judged by default');
  assert.equal(lintRule('labels-recommended', cm, { config: { ruleOptions: { 'labels-recommended': { kinds: ['ConfigMap'] } } } }).length, 1);
});

test('labels-recommended judges Services and is silent when the label is there', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      namespace: shop
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: 8080}]
  `;
  const f = lintRule('labels-recommended', svc);
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['metadata', 3]]);
  const fixed = applyFix(svc, f[0]);
  assert.deepEqual(lintRule('labels-recommended', fixed), []);
});

test('namespace-unset fires on an unset namespace (at the name) and on namespace: default (at the field)', () => {
  const f = lintRule('namespace-unset', kubectlWeb);
  assert.deepEqual(f.map((x) => [x.text, x.line, x.severity]), [['web', 7, 'info']]);
  assert.match(f[0].message, /Deployment\/web has no metadata\.namespace/);
  const g = lintRule('namespace-unset', kubectlWeb.replace('  name: web\n', '  name: web\n  namespace: default\n'));
  assert.deepEqual(g.map((x) => [x.text, x.line]), [['namespace: default', 8]]);
});

test('namespace-unset is silent on cluster-scoped kinds, Namespaces, and custom resources a CRD declares cluster-scoped', () => {
  const cluster = yaml`
    apiVersion: v1
    kind: Namespace
    metadata: {name: shop}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: reader}
    rules: []
    ---
    apiVersion: storage.k8s.io/v1
    kind: StorageClass
    metadata: {name: gp3}
    provisioner: ebs.csi.aws.com
    ---
    apiVersion: node.k8s.io/v1
    kind: RuntimeClass
    metadata: {name: gvisor}
    handler: runsc
    ---
    apiVersion: cert-manager.io/v1
    kind: ClusterIssuer
    metadata: {name: letsencrypt}
    spec: {acme: {server: "https://acme-v02.api.letsencrypt.org/directory"}}
    ---
    apiVersion: gateway.networking.k8s.io/v1
    kind: GatewayClass
    metadata: {name: istio}
    spec: {controllerName: istio.io/gateway-controller}
    ---
    apiVersion: snapshot.storage.k8s.io/v1
    kind: VolumeSnapshotClass
    metadata: {name: csi-rbd}
    driver: rook-ceph.rbd.csi.ceph.com
    deletionPolicy: Retain
    ---
    apiVersion: shop.example.com/v1
    kind: Tenant
    metadata: {name: acme}
    spec: {plan: gold}
  `;
  const crd = yaml`
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: tenants.shop.example.com}
    spec:
      group: shop.example.com
      scope: Cluster
      names: {kind: Tenant, plural: tenants, singular: tenant}
      versions:
      - name: v1
        served: true
        storage: true
        schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
  `;
  assert.deepEqual(lintWorkspace({ 'cluster.yaml': cluster, 'crd.yaml': crd }).filter((x) => x.rule === 'namespace-unset'), []);
  // Without the CRD, the unknown custom kind is assumed namespaced.
  assert.deepEqual(lintWorkspace({ 'cluster.yaml': cluster }).filter((x) => x.rule === 'namespace-unset').map((x) => x.text), ['acme']);
});
