import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const web = (podSecurity: string, containerSecurity: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        securityContext: ${podSecurity}
        containers:
        - name: web
          image: nginx:1.27
          securityContext: ${containerSecurity}
        - name: log
          image: fluent/fluent-bit:3.1
`;

test('run-as-root fires per container when neither level sets runAsNonRoot', () => {
  const f = lintRule('run-as-root', web('{}', '{}'));
  assert.deepEqual(f.map((x) => x.text), ['web', 'log']);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'], value: true }]);
});

test('run-as-root is silent when the pod sets runAsNonRoot: true (inherited)', () => {
  assert.deepEqual(lintRule('run-as-root', web('{runAsNonRoot: true}', '{}')), []);
});

test('run-as-root reports runAsUser: 0 at the field that decides it', () => {
  const f = lintRule('run-as-root', web('{runAsNonRoot: true}', '{runAsUser: 0}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'runAsUser: 0');
});

test('run-as-root: container runAsNonRoot: false overrides the pod', () => {
  const f = lintRule('run-as-root', web('{runAsNonRoot: true}', '{runAsNonRoot: false}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'runAsNonRoot: false');
});

test('run-as-root accepts any user in a user namespace (hostUsers: false) from 1.35', () => {
  const m = web('{}', '{}').replace('securityContext: {}\n', 'hostUsers: false\n      securityContext: {}\n');
  assert.deepEqual(lintRule('run-as-root', m), []);
  assert.equal(lintRule('run-as-root', m, { config: { kubernetesVersion: '1.34' } }).length, 2);
});

test('run-as-root reports a pod-level runAsUser: 0 once, at the pod, not once per inheriting container', () => {
  const f = lintRule('run-as-root', web('{runAsUser: 0, runAsNonRoot: true}', '{}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'runAsUser: 0');
  assert.match(f[0].message, /Deployment\/web sets runAsUser: 0 \(root\) for the pod/);
});

test('run-as-root reports a pod-level runAsNonRoot: false even when a container overrides it (PSS rejects it, new containers inherit it)', () => {
  const f = lintRule('run-as-root', web('{runAsNonRoot: false}', '{runAsNonRoot: true}'));
  assert.deepEqual(f.map((x) => x.text), ['runAsNonRoot: false']);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'], value: true }]);
});
