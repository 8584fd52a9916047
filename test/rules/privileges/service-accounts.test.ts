import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';
import { lineOf } from './lineOf';

const worker = (podSpec: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: worker
    namespace: jobs
  spec:
    selector:
      matchLabels: {app: worker}
    template:
      metadata:
        labels: {app: worker}
      spec:${podSpec}
        containers:
        - name: worker
          image: ghcr.io/acme/worker:1.8.0
`;

// As `kubectl create rolebinding worker-pods --role=pod-reader --serviceaccount=jobs:worker -n jobs --dry-run=client -o yaml` prints it.
const binding = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata:
    creationTimestamp: null
    name: worker-pods
    namespace: jobs
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: Role
    name: pod-reader
  subjects:
  - kind: ServiceAccount
    name: worker
    namespace: jobs
`;

test('service-account-token: info on a pod whose service account nothing binds, at serviceAccountName; fix sets false', () => {
  const text = worker('\n        serviceAccountName: worker');
  const f = lintRule('service-account-token', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'serviceAccountName: worker');
  assert.equal(f[0].line, lineOf(text, 'serviceAccountName'));
  assert.equal(f[0].severity, 'info');
  assert.equal(f[0].fix?.title, 'Set automountServiceAccountToken: false on Deployment/worker');
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.match(fixed, /automountServiceAccountToken: false/);
  assert.deepEqual(lintRule('service-account-token', fixed), []);
});

test('service-account-token: silent when a RoleBinding in the workspace binds the service account (it uses the API)', () => {
  const text = worker('\n        serviceAccountName: worker');
  assert.deepEqual(lintRule('service-account-token', text, { files: { 'rbac.yaml': binding } }), []);
  // A binding for the same name in another namespace does not count.
  const other = binding.replace(/namespace: jobs/g, 'namespace: batch');
  assert.equal(lintRule('service-account-token', text, { files: { 'rbac.yaml': other } }).length, 1);
});

test('service-account-token: a ClusterRoleBinding subject counts too', () => {
  const crb = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      name: worker-view
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: view
    subjects:
    - kind: ServiceAccount
      name: worker
      namespace: jobs
  `;
  assert.deepEqual(lintRule('service-account-token', worker('\n        serviceAccountName: worker'), { files: { 'crb.yaml': crb } }), []);
});

test('service-account-token: silent when the ServiceAccount disables automounting, unless the pod turns it back on', () => {
  const sa = yaml`
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: worker
      namespace: jobs
    automountServiceAccountToken: false
  `;
  assert.deepEqual(lintRule('service-account-token', worker('\n        serviceAccountName: worker'), { files: { 'sa.yaml': sa } }), []);
  const on = worker('\n        serviceAccountName: worker\n        automountServiceAccountToken: true');
  const f = lintRule('service-account-token', on, { files: { 'sa.yaml': sa } });
  assert.deepEqual(f.map((x) => x.text), ['automountServiceAccountToken: true']);
});

test('service-account-token: a pod on the default account is reported at its spec key', () => {
  const f = lintRule('service-account-token', worker(''));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'spec');
  assert.match(f[0].message, /the default service account/);
});

test('default-service-account: unset, "default" and the deprecated serviceAccount field', () => {
  const unset = lintRule('default-service-account', worker(''));
  assert.equal(unset.length, 1);
  assert.equal(unset[0].severity, 'info');
  assert.equal(unset[0].text, 'spec');
  const explicit = lintRule('default-service-account', worker('\n        serviceAccountName: default'));
  assert.deepEqual(explicit.map((x) => x.text), ['serviceAccountName: default']);
  const old = lintRule('default-service-account', worker('\n        serviceAccount: default'));
  assert.deepEqual(old.map((x) => x.text), ['serviceAccount: default']);
  assert.deepEqual(lintRule('default-service-account', worker('\n        serviceAccount: worker')), []);
  assert.deepEqual(lintRule('default-service-account', worker('\n        serviceAccountName: worker')), []);
});

test('default-service-account: silent when the pod disables token automounting (it cannot use the account)', () => {
  const text = worker('\n        automountServiceAccountToken: false');
  assert.deepEqual(lintRule('default-service-account', text), []);
  assert.deepEqual(lint(text).filter((f) => f.rule === 'service-account-token'), []);
});
