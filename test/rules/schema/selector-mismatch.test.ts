import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const deployment = (selector: string, labels: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    selector:
${selector}
    template:
      metadata:
        labels:
${labels}
      spec:
        containers:
        - name: web
          image: nginx:1.27
`;

test('selector-mismatch is silent when matchLabels are a subset of the template labels', () => {
  assert.deepEqual(lintRule('selector-mismatch', deployment('      matchLabels:\n        app: web', '          app: web\n          tier: frontend')), []);
});

test('selector-mismatch fires on a differing label value, at the selector entry', () => {
  const f = lintRule('selector-mismatch', deployment('      matchLabels:\n        app: web', '          app: webb'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].text, 'app: web');
  assert.equal(f[0].line, 8);
  assert.match(f[0].message, /Deployment\/web selects app=web but its pod template is labelled app=webb/);
});

test('selector-mismatch fires when the template lacks the label', () => {
  const f = lintRule('selector-mismatch', deployment('      matchLabels:\n        app: web\n        tier: frontend', '          app: web'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'tier: frontend');
  assert.match(f[0].message, /has no tier label/);
});

test('matchExpressions: In/NotIn/Exists/DoesNotExist are evaluated', () => {
  const labels = '          app: web\n          track: stable';
  const ok = '      matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n      - {key: track, operator: NotIn, values: [canary]}\n      - {key: app, operator: Exists}\n      - {key: debug, operator: DoesNotExist}';
  assert.deepEqual(lintRule('selector-mismatch', deployment(ok, labels)), []);
  const bad = '      matchExpressions:\n      - key: track\n        operator: In\n        values: [canary]\n      - key: debug\n        operator: Exists';
  const f = lintRule('selector-mismatch', deployment(bad, labels));
  assert.equal(f.length, 2);
  assert.equal(f[0].text, 'key: track');
  assert.match(f[0].message, /track In \(canary\) but its pod template is labelled track=stable/);
  assert.match(f[1].message, /debug Exists but its pod template has no debug label/);
});

test('an empty selector is reported', () => {
  const f = lintRule('selector-mismatch', deployment('      matchLabels: {}', '          app: web'));
  assert.equal(f.length, 1);
  assert.match(f[0].message, /empty selector/);
});

test('StatefulSet, DaemonSet and ReplicaSet are checked too; other kinds are not', () => {
  const bad = deployment('      matchLabels:\n        app: db', '          app: web');
  for (const kind of ['StatefulSet', 'DaemonSet', 'ReplicaSet']) {
    assert.equal(lintRule('selector-mismatch', bad.replace('kind: Deployment', `kind: ${kind}`)).length, 1, kind);
  }
  const job = bad.replace('apps/v1', 'batch/v1').replace('kind: Deployment', 'kind: Job');
  assert.deepEqual(lintRule('selector-mismatch', job), []);
});
