import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';
import { lineOf } from './lineOf';

const ns = (labels: string) => yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: payments
    labels:
      ${labels}
`;

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: payments
  spec:
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec:
        containers:
        - name: api
          image: ghcr.io/acme/payments-api:1.0.0
`;

test('namespace-pod-security: invalid level and version values are warnings at the value, with did-you-mean fixes', () => {
  const text = ns('pod-security.kubernetes.io/enforce: restriced\n      pod-security.kubernetes.io/enforce-version: "1.35"\n      pod-security.kubernetes.io/warn: strict\n      pod-security.kubernetes.io/audit: baseline');
  const f = lintRule('namespace-pod-security', text);
  assert.deepEqual(f.map((x) => x.text), ['restriced', '"1.35"', 'strict']);
  assert.equal(f[0].line, lineOf(text, 'restriced'));
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /did you mean 'restricted'/);
  assert.deepEqual(f[1].fix?.ops, [{ op: 'set', path: ['metadata', 'labels', 'pod-security.kubernetes.io/enforce-version'], value: 'v1.35' }]);
  assert.equal(f[2].fix, undefined);
});

test('namespace-pod-security: a misspelt mode key is reported with a rename', () => {
  const f = lintRule('namespace-pod-security', ns('pod-security.kubernetes.io/enforced: baseline\n      pod-security.kubernetes.io/enforce: baseline'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'pod-security.kubernetes.io/enforced');
  assert.deepEqual(f[0].fix?.ops, [{ op: 'rename', path: ['metadata', 'labels', 'pod-security.kubernetes.io/enforced'], to: 'pod-security.kubernetes.io/enforce' }]);
});

test('namespace-pod-security: valid labels are silent', () => {
  assert.deepEqual(lintRule('namespace-pod-security', ns('pod-security.kubernetes.io/enforce: restricted\n      pod-security.kubernetes.io/enforce-version: v1.35\n      pod-security.kubernetes.io/warn-version: latest'), { files: { 'deploy.yaml': deployment } }), []);
});

test('namespace-pod-security: info when the namespace holds workloads in the workspace but has no enforce label; fix adds baseline', () => {
  const text = ns('team: payments\n      pod-security.kubernetes.io/warn: restricted');
  const files = { 'ns.yaml': text, 'deploy.yaml': deployment };
  const f = lintWorkspace(files).filter((x) => x.rule === 'namespace-pod-security');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'ns.yaml');
  assert.equal(f[0].text, 'payments');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /holds 1 workload \(e\.g\. Deployment\/api\)/);
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.match(fixed, /pod-security\.kubernetes\.io\/enforce: baseline/);
  assert.deepEqual(lintWorkspace({ ...files, 'ns.yaml': fixed }).filter((x) => x.rule === 'namespace-pod-security'), []);
  // Without workloads in it, a namespace is not reported.
  assert.deepEqual(lintRule('namespace-pod-security', text), []);
});
