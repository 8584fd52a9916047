import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, lintRule, yaml } from '../../helpers';

const cronjob = (apiVersion: string) => yaml`
  apiVersion: ${apiVersion}
  kind: CronJob
  metadata:
    name: nightly
  spec:
    schedule: "0 3 * * *"
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: OnFailure
            containers:
            - name: job
              image: busybox:1.36
`;

test('deprecated-api: batch/v1beta1 CronJob is an error on 1.35 (removed in 1.25), with a safe fix', () => {
  const f = lintRule('deprecated-api', cronjob('batch/v1beta1'));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].text, 'batch/v1beta1');
  assert.equal(f[0].line, 1);
  assert.match(f[0].message, /no longer served since Kubernetes 1\.25 \(target 1\.35\).*use batch\/v1/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['apiVersion'], value: 'batch/v1' }]);
  assert.equal(f[0].fix?.safe, true);
});

test('deprecated-api: the same CronJob is only a warning when targeting 1.24', () => {
  const f = lintRule('deprecated-api', cronjob('batch/v1beta1'), { config: { kubernetesVersion: '1.24' } });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /deprecated since Kubernetes 1\.21 and removed in 1\.25/);
});

test('deprecated-api: silent before the deprecation and on current versions', () => {
  assert.deepEqual(lintRule('deprecated-api', cronjob('batch/v1beta1'), { config: { kubernetesVersion: '1.20' } }), []);
  assert.deepEqual(lintRule('deprecated-api', cronjob('batch/v1')), []);
});

test('deprecated-api: a removed API is not also flooded with schema-invalid or unknown-kind', () => {
  const f = lint(cronjob('batch/v1beta1').replace('schedule:', 'schedul:')).filter((x) => x.category === 'schema');
  assert.deepEqual(f.map((x) => x.rule), ['deprecated-api']);
});

test('deprecated-api: extensions/v1beta1 Deployment without a selector gets no fix (apps/v1 needs one)', () => {
  const d = yaml`
    apiVersion: extensions/v1beta1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: web
            image: nginx:1.27
  `;
  const f = lintRule('deprecated-api', d);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /1\.16.*apps\/v1 requires spec\.selector/);
  assert.equal(f[0].fix, undefined);
  const withSelector = d.replace('spec:\n  template:', 'spec:\n  selector:\n    matchLabels: {app: web}\n  template:');
  const g = lintRule('deprecated-api', withSelector);
  assert.equal(g[0].fix?.safe, false, 'defaults changed: a human should review');
});

test('deprecated-api: PodDisruptionBudget policy/v1beta1 fix is offered but marked for review', () => {
  const pdb = yaml`
    apiVersion: policy/v1beta1
    kind: PodDisruptionBudget
    metadata:
      name: web
    spec:
      minAvailable: 1
      selector:
        matchLabels: {app: web}
  `;
  const f = lintRule('deprecated-api', pdb);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].fix?.safe, false);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['apiVersion'], value: 'policy/v1' }]);
});

test('deprecated-api: Ingress extensions/v1beta1 has no automatic fix (backends change shape)', () => {
  const ing = yaml`
    apiVersion: networking.k8s.io/v1beta1
    kind: Ingress
    metadata:
      name: web
    spec:
      backend:
        serviceName: web
        servicePort: 80
  `;
  const f = lintRule('deprecated-api', ing);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /1\.22.*pathType/);
  assert.equal(f[0].fix, undefined);
  assert.equal(lintRule('deprecated-api', ing, { config: { kubernetesVersion: '1.21' } })[0].severity, 'warning');
});

test('deprecated-api: v1 Endpoints is deprecated (warning) but still served and still validated', () => {
  const ep = yaml`
    apiVersion: v1
    kind: Endpoints
    metadata:
      name: external-db
    subsets:
    - addresses:
      - ip: 10.0.0.12
      ports:
      - port: 5432
        name: pg
  `;
  const f = lintRule('deprecated-api', ep);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /EndpointSlice/);
  assert.equal(f[0].fix, undefined);
  assert.deepEqual(lintRule('schema-invalid', ep), []);
  assert.deepEqual(lintRule('deprecated-api', ep, { config: { kubernetesVersion: '1.32' } }), []);
});

test('deprecated-api: flowcontrol v1beta3 removed in 1.32', () => {
  const fs = yaml`
    apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
    kind: FlowSchema
    metadata:
      name: health
    spec:
      priorityLevelConfiguration: {name: exempt}
  `;
  assert.equal(lintRule('deprecated-api', fs)[0].severity, 'error');
  assert.equal(lintRule('deprecated-api', fs, { config: { kubernetesVersion: '1.31' } })[0].severity, 'warning');
});
