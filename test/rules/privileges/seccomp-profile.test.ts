import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';
import { lineOf } from './lineOf';

const deploy = (podSecurity: string, appSecurity: string, annotations = '{}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: checkout
    namespace: shop
  spec:
    selector:
      matchLabels: {app: checkout}
    template:
      metadata:
        labels: {app: checkout}
        annotations: ${annotations}
      spec:
        securityContext: ${podSecurity}
        containers:
        - name: app
          image: ghcr.io/acme/checkout:3.0.1
          securityContext: ${appSecurity}
        - name: envoy
          image: envoyproxy/envoy:v1.31.2
`;

test('seccomp-profile: info per container when neither level sets a type; fix sets RuntimeDefault at pod level', () => {
  const text = deploy('{}', '{}');
  const f = lintRule('seccomp-profile', text);
  assert.deepEqual(f.map((x) => [x.text, x.severity]), [['app', 'info'], ['envoy', 'info']]);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }]);
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.deepEqual(lintRule('seccomp-profile', fixed), []);
});

test('seccomp-profile: pod-level RuntimeDefault or Localhost is inherited; container-level covers only that container', () => {
  assert.deepEqual(lintRule('seccomp-profile', deploy('{seccompProfile: {type: RuntimeDefault}}', '{}')), []);
  assert.deepEqual(lintRule('seccomp-profile', deploy('{seccompProfile: {type: Localhost, localhostProfile: profiles/checkout.json}}', '{}')), []);
  const f = lintRule('seccomp-profile', deploy('{}', '{seccompProfile: {type: RuntimeDefault}}'));
  assert.deepEqual(f.map((x) => x.text), ['envoy']);
});

test('seccomp-profile: Unconfined is an error at the field that sets it (pod level once, or container level)', () => {
  const pod = deploy('\n          seccompProfile:\n            type: Unconfined', '{}');
  const f = lintRule('seccomp-profile', pod);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'type: Unconfined');
  assert.equal(f[0].line, lineOf(pod, 'type: Unconfined'));
  assert.equal(f[0].severity, 'error');
  const ctr = lintRule('seccomp-profile', deploy('{seccompProfile: {type: RuntimeDefault}}', '{seccompProfile: {type: Unconfined}}'));
  assert.deepEqual(ctr.map((x) => [x.text, x.severity]), [['type: Unconfined', 'error']]);
  assert.match(ctr[0].message, /Container 'app'/);
});

test('seccomp-profile: legacy annotations count before 1.27 only', () => {
  const annotated = deploy('{}', '{}', '{seccomp.security.alpha.kubernetes.io/pod: runtime/default}');
  assert.deepEqual(lintRule('seccomp-profile', annotated, { config: { kubernetesVersion: '1.26' } }), []);
  const now = lintRule('seccomp-profile', annotated);
  assert.equal(now.length, 2);
  assert.match(now[0].message, /ignored since Kubernetes 1\.27/);
  const unconfined = deploy('{}', '{}', "{'container.seccomp.security.alpha.kubernetes.io/app': unconfined}");
  const old = lintRule('seccomp-profile', unconfined, { config: { kubernetesVersion: '1.24' } });
  assert.deepEqual(old.map((x) => [x.severity, x.text.startsWith("'container.seccomp")]), [['error', true], ['info', false]]);
});

test('seccomp-profile: Windows pods are exempt from the restricted "unset" finding', () => {
  const win = deploy('{}', '{}').replace('      securityContext: {}\n', '      os: {name: windows}\n');
  assert.deepEqual(lintRule('seccomp-profile', win), []);
});
