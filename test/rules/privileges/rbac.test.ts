import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { lineOf } from './lineOf';

// Shaped like `kubectl create clusterrole operator --verb='*' --resource='*.*' --dry-run=client -o yaml`.
const operatorRole = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    creationTimestamp: null
    name: operator
  rules:
  - apiGroups:
    - '*'
    resources:
    - '*'
    verbs:
    - '*'
  - apiGroups:
    - ""
    resources:
    - configmaps
    verbs:
    - get
`;

test('rbac-wildcard: one finding per "*" at the item', () => {
  const f = lintRule('rbac-wildcard', operatorRole);
  assert.deepEqual(f.map((x) => x.text), ["'*'", "'*'", "'*'"]);
  assert.equal(f[0].line, lineOf(operatorRole, "- '*'"));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /ClusterRole\/operator grants "\*" in apiGroups/);
  assert.match(f[2].message, /in verbs.*escalate/);
});

test('rbac-wildcard: a role aggregated into edit says so; system: roles and explicit lists are not reported', () => {
  const aggregated = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: widgets-edit
      labels:
        rbac.authorization.k8s.io/aggregate-to-edit: "true"
    rules:
    - apiGroups: [widgets.acme.io]
      resources: [widgets]
      verbs: ["*"]
  `;
  const f = lintRule('rbac-wildcard', aggregated);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /aggregated into 'edit'/);
  assert.deepEqual(lintRule('rbac-wildcard', operatorRole.replace('name: operator', 'name: "system:controller:operator"')), []);
  // `kubectl create role pod-reader --verb=get --verb=list --resource=pods --dry-run=client -o yaml`
  const reader = yaml`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      creationTimestamp: null
      name: pod-reader
    rules:
    - apiGroups:
      - ""
      resources:
      - pods
      verbs:
      - get
      - list
  `;
  assert.deepEqual(lintRule('rbac-wildcard', reader), []);
});

// `kubectl create clusterrolebinding ci-admin --clusterrole=cluster-admin --serviceaccount=ci:deployer --dry-run=client -o yaml`
const ciAdmin = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata:
    creationTimestamp: null
    name: ci-admin
  roleRef:
    apiGroup: rbac.authorization.k8s.io
    kind: ClusterRole
    name: cluster-admin
  subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
`;

test('rbac-cluster-admin: error at roleRef.name naming the subject', () => {
  const f = lintRule('rbac-cluster-admin', ciAdmin);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'name: cluster-admin');
  assert.equal(f[0].line, lineOf(ciAdmin, 'name: cluster-admin'));
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /ClusterRoleBinding\/ci-admin grants cluster-admin to ServiceAccount ci\/deployer: full control of the whole cluster/);
});

test('rbac-cluster-admin: a RoleBinding to cluster-admin is an error too; other roles and system: bindings are not', () => {
  const rb = ciAdmin.replace('kind: ClusterRoleBinding', 'kind: RoleBinding').replace('name: ci-admin', 'name: ci-admin\n  namespace: ci');
  const f = lintRule('rbac-cluster-admin', rb);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /namespace 'ci'/);
  assert.deepEqual(lintRule('rbac-cluster-admin', ciAdmin.replace('name: cluster-admin', 'name: edit')), []);
  assert.deepEqual(lintRule('rbac-cluster-admin', ciAdmin.replace('name: ci-admin', 'name: "system:kube-controller-manager"')), []);
});

// `kubectl create role secret-reader --verb=get,list,watch --resource=secrets -n certs --dry-run=client -o yaml`
const secretReader = yaml`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata:
    creationTimestamp: null
    name: secret-reader
    namespace: certs
  rules:
  - apiGroups:
    - ""
    resources:
    - secrets
    verbs:
    - get
    - list
    - watch
`;

test('rbac-secrets-access: info at the secrets resource, naming the verbs', () => {
  const f = lintRule('rbac-secrets-access', secretReader);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'secrets');
  assert.equal(f[0].line, lineOf(secretReader, '- secrets'));
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /Role\/secret-reader grants get, list, watch on Secrets in namespace 'certs'/);
});

test('rbac-secrets-access: "*" verbs count; write-only verbs, other groups and get on named Secrets do not', () => {
  assert.equal(lintRule('rbac-secrets-access', secretReader.replace('- get\n  - list\n  - watch', "- '*'")).length, 1);
  assert.deepEqual(lintRule('rbac-secrets-access', secretReader.replace('- get\n  - list\n  - watch', '- create\n  - update')), []);
  assert.deepEqual(lintRule('rbac-secrets-access', secretReader.replace('- ""', '- external-secrets.io')), []);
  const named = secretReader.replace('- get\n  - list\n  - watch', '- get').replace('  resources:', '  resourceNames:\n    - tls-cert\n    resources:');
  assert.match(named, /resourceNames/);
  assert.deepEqual(lintRule('rbac-secrets-access', named), []);
});
