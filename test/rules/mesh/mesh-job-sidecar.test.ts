import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-job-sidecar';

const job = (labels: string, annotations: string, command = '["/bin/migrate", "--up"]') => yaml`
  apiVersion: batch/v1
  kind: Job
  metadata: {name: db-migrate, namespace: shop}
  spec:
    backoffLimit: 2
    template:
      metadata:
        labels: ${labels}
        annotations: ${annotations}
      spec:
        restartPolicy: Never
        containers:
        - name: migrate
          image: registry.example.com/migrate:1.2.0
          command: ${command}
`;

test('mesh-job-sidecar: native sidecar switched off on an Istio-meshed Job', () => {
  const f = lintRule(RULE, job('{sidecar.istio.io/inject: "true"}', '{sidecar.istio.io/nativeSidecar: "false"}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'sidecar.istio.io/nativeSidecar: "false"');
  assert.equal(f[0].line, 9);
  assert.match(f[0].message, /never completes/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/nativeSidecar'], value: 'true' }]);
});

test('mesh-job-sidecar: older mesh versions inject classic sidecars unless asked', () => {
  const linkerd = job('{}', '{linkerd.io/inject: enabled}');
  assert.deepEqual(lintRule(RULE, linkerd), [], 'Linkerd 2.20 default: native');
  const f = lintRule(RULE, linkerd, { config: { ruleOptions: { 'mesh-job-sidecar': { linkerdVersion: '2.19' } } } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'linkerd.io/inject: enabled');
  assert.match(f[0].message, /Linkerd 2\.19/);
  const beta = job('{}', '{linkerd.io/inject: enabled, config.beta.linkerd.io/proxy-enable-native-sidecar: "true"}');
  assert.deepEqual(lintRule(RULE, beta, { config: { ruleOptions: { 'mesh-job-sidecar': { linkerdVersion: '2.19' } } } }), []);
  // Istio auto mode needs kubelets 1.33+.
  const istio = job('{sidecar.istio.io/inject: "true"}', '{}');
  assert.deepEqual(lintRule(RULE, istio), []);
  assert.equal(lintRule(RULE, istio, { config: { kubernetesVersion: '1.31' } }).length, 1);
});

test('mesh-job-sidecar: namespace-wide Linkerd injection with native sidecars off in the Namespace', () => {
  const ns = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/proxy-enable-native-sidecar: "false"
  `;
  const f = lintRule(RULE, job('{}', '{}'), { files: { 'ns.yaml': ns } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'template');
  assert.match(f[0].message, /Namespace\/shop annotation linkerd\.io\/inject/);
});

test('mesh-job-sidecar: silent when the job shuts the proxy down, opts out, or is not meshed', () => {
  const off = '{sidecar.istio.io/inject: "true"}';
  assert.deepEqual(lintRule(RULE, job(off, '{sidecar.istio.io/nativeSidecar: "false"}', `["sh", "-c", "/bin/migrate --up; curl -fsS -X POST localhost:15020/quitquitquit"]`)), []);
  assert.deepEqual(lintRule(RULE, job('{sidecar.istio.io/inject: "false"}', '{sidecar.istio.io/nativeSidecar: "false"}')), []);
  assert.deepEqual(lintRule(RULE, job('{}', '{sidecar.istio.io/nativeSidecar: "false"}')), []);
  assert.deepEqual(
    lintRule(RULE, job('{}', '{linkerd.io/inject: enabled, config.linkerd.io/proxy-enable-native-sidecar: "false"}', '["linkerd-await", "--shutdown", "--", "/bin/migrate"]')),
    [],
  );
});
