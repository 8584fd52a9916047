import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';

const obj = (apiVersion: string, kind: string) => yaml`
  apiVersion: ${apiVersion}
  kind: ${kind}
  metadata:
    name: thing
`;

test('unknown-kind is silent for built-in kinds, kubectl List and deprecated ones', () => {
  for (const [av, k] of [['apps/v1', 'Deployment'], ['v1', 'ConfigMap'], ['v1', 'List'], ['extensions/v1beta1', 'Ingress'], ['policy/v1beta1', 'PodSecurityPolicy'], ['autoscaling/v2', 'HorizontalPodAutoscaler']]) {
    assert.deepEqual(lintRule('unknown-kind', obj(av, k)), [], `${av} ${k}`);
  }
});

test('a version the group never served (apps/v2) is a warning on apiVersion, naming the right one', () => {
  const f = lintRule('unknown-kind', obj('apps/v2', 'Deployment'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].text, 'apps/v2');
  assert.match(f[0].message, /apps\/v2 does not serve Deployment; Kubernetes serves it as apps\/v1/);
});

test('a misspelt built-in kind is a warning on kind with the closest known kind', () => {
  const f = lintRule('unknown-kind', obj('apps/v1', 'Deploymnet'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].text, 'Deploymnet');
  assert.equal(f[0].line, 2);
  assert.match(f[0].message, /Did you mean Deployment \(apps\/v1\)\?/);
});

test('a kind in the wrong built-in group says where it lives', () => {
  const f = lintRule('unknown-kind', obj('v1', 'Deployment'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Deployment is not part of v1; it is served as apps\/v1/);
});

test('a near-miss group for a built-in kind (app/v1) is a warning', () => {
  const f = lintRule('unknown-kind', obj('app/v1', 'Deployment'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /no API group app; Deployment is served as apps\/v1/);
});

test('a kind of an unknown group without a CRD is info', () => {
  const f = lintRule('unknown-kind', obj('cert-manager.io/v1', 'Certificate'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
  assert.equal(f[0].text, 'Certificate');
  assert.match(f[0].message, /not a built-in kind and no CustomResourceDefinition in the workspace defines it/);
});

test('a Knative Service (same kind name as a built-in, unrelated group) is info, not a typo warning', () => {
  const f = lintRule('unknown-kind', obj('serving.knative.dev/v1', 'Service'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
});

test('silent for kinds defined by a CRD in the workspace', () => {
  const crd = yaml`
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: certificates.cert-manager.io
    spec:
      group: cert-manager.io
      names: {kind: Certificate, plural: certificates}
      scope: Namespaced
      versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            x-kubernetes-preserve-unknown-fields: true
  `;
  const f = lintWorkspace({ 'crd.yaml': crd, 'cert.yaml': obj('cert-manager.io/v1', 'Certificate') }).filter((x) => x.rule === 'unknown-kind');
  assert.deepEqual(f, []);
});

test('silent for Istio, Linkerd, SMI, Gateway API and kustomize kinds', () => {
  for (const [av, k] of [
    ['networking.istio.io/v1', 'VirtualService'],
    ['security.istio.io/v1', 'AuthorizationPolicy'],
    ['telemetry.istio.io/v1', 'Telemetry'],
    ['policy.linkerd.io/v1beta3', 'Server'],
    ['linkerd.io/v1alpha2', 'ServiceProfile'],
    ['split.smi-spec.io/v1alpha4', 'TrafficSplit'],
    ['access.smi-spec.io/v1alpha3', 'TrafficTarget'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization'],
  ]) {
    assert.deepEqual(lintRule('unknown-kind', obj(av, k)), [], `${av} ${k}`);
  }
});
