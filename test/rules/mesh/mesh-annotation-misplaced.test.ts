import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-annotation-misplaced';

test('mesh-annotation-misplaced: Istio and Linkerd pod keys on a Deployment’s own metadata', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: checkout
      namespace: shop
      annotations:
        proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
        linkerd.io/inject: enabled
        deployment.kubernetes.io/revision: "3"
    spec:
      selector: {matchLabels: {app: checkout}}
      template:
        metadata:
          labels: {app: checkout}
        spec:
          containers:
          - name: checkout
            image: registry.example.com/checkout:1.4.2
  `;
  const f = lintRule(RULE, m);
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['proxy.istio.io/config', 7], ['linkerd.io/inject', 8]]);
  assert.match(f[0].message, /Deployment\/checkout/);
  assert.match(f[0].message, /spec\.template\.metadata\.annotations/);
  assert.deepEqual(f[1].fix?.ops, [
    { op: 'move', from: ['metadata', 'annotations', 'linkerd.io/inject'], to: ['spec', 'template', 'metadata', 'annotations', 'linkerd.io/inject'] },
  ]);
  assert.equal(f[1].fix?.preferred, true);
});

test('mesh-annotation-misplaced: CronJob keys go to jobTemplate.spec.template', () => {
  const m = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: nightly-report
      annotations:
        sidecar.istio.io/nativeSidecar: "true"
    spec:
      schedule: "0 2 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: report
                image: registry.example.com/report:2.0.0
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'sidecar.istio.io/nativeSidecar');
  assert.match(f[0].message, /spec\.jobTemplate\.spec\.template\.metadata/);
  assert.deepEqual(f[0].fix?.ops, [
    {
      op: 'move',
      from: ['metadata', 'annotations', 'sidecar.istio.io/nativeSidecar'],
      to: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/nativeSidecar'],
    },
  ]);
});

test('mesh-annotation-misplaced: the deprecated inject annotation moves straight to the pod template labels', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: ledger
      annotations:
        sidecar.istio.io/inject: "false"
    spec:
      serviceName: ledger
      selector: {matchLabels: {app: ledger}}
      template:
        metadata:
          labels: {app: ledger}
        spec:
          containers:
          - name: ledger
            image: registry.example.com/ledger:5.1.0
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'move', from: ['metadata', 'annotations', 'sidecar.istio.io/inject'], to: ['spec', 'template', 'metadata', 'labels', 'sidecar.istio.io/inject'] },
  ]);
  // Not also reported as deprecated on the workload: one finding, one fix.
  assert.deepEqual(lintRule('mesh-annotation-deprecated', m), []);
});

test('mesh-annotation-misplaced: silent for keys in the pod template, on Pods, and for copies with the same value', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web, sidecar.istio.io/inject: "true"}
      annotations: {linkerd.io/inject: disabled}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata:
          labels: {app: web, sidecar.istio.io/inject: "true"}
          annotations:
            linkerd.io/inject: disabled
            traffic.sidecar.istio.io/excludeOutboundPorts: "5432"
        spec:
          containers:
          - name: web
            image: nginx:1.27
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: debug
      annotations: {sidecar.istio.io/proxyCPU: 50m}
      labels: {sidecar.istio.io/inject: "true"}
    spec:
      containers:
      - name: shell
        image: busybox:1.36
  `;
  assert.deepEqual(lintRule(RULE, m), []);
});

test('mesh-annotation-misplaced: a different value in the template wins; the workload copy is reported with a remove fix', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations: {linkerd.io/inject: enabled}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata:
          labels: {app: web}
          annotations: {linkerd.io/inject: disabled}
        spec:
          containers:
          - name: web
            image: nginx:1.27
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /"disabled"/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'remove', path: ['metadata', 'annotations', 'linkerd.io/inject'], pruneEmpty: true }]);
  assert.equal(f[0].fix?.preferred, false);
});

test('mesh-annotation-misplaced: Namespace-level keys on a Namespace are right; label/annotation mix-ups are not', () => {
  const good = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      labels: {istio-injection: enabled}
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/default-inbound-policy: cluster-authenticated
  `;
  assert.deepEqual(lintRule(RULE, good), []);
  const bad = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: payments
      labels:
        linkerd.io/inject: enabled
      annotations:
        istio-injection: enabled
  `;
  const f = lintRule(RULE, bad);
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['linkerd.io/inject', 6], ['istio-injection', 8]]);
  assert.match(f[0].message, /Linkerd reads it as an annotation/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'move', from: ['metadata', 'labels', 'linkerd.io/inject'], to: ['metadata', 'annotations', 'linkerd.io/inject'] }]);
  assert.deepEqual(f[1].fix?.ops, [{ op: 'move', from: ['metadata', 'annotations', 'istio-injection'], to: ['metadata', 'labels', 'istio-injection'] }]);
});

test('mesh-annotation-misplaced: linkerd.io/inject as a pod template label', () => {
  const m = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata:
          labels: {app: api, linkerd.io/inject: enabled}
        spec:
          containers:
          - name: api
            image: registry.example.com/api:3.0.0
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'linkerd.io/inject');
  assert.equal(f[0].line, 8);
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'move', from: ['spec', 'template', 'metadata', 'labels', 'linkerd.io/inject'], to: ['spec', 'template', 'metadata', 'annotations', 'linkerd.io/inject'] },
  ]);
});
