import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyOps } from '../../../server/src/fixes/apply';

const api = (containerSecurity: string, extraPodSpec = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: shop
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: api
    template:
      metadata:
        labels:
          app: api
      spec:${extraPodSpec}
        initContainers:
        - name: migrate
          image: ghcr.io/acme/api-migrate:2.4.1
          securityContext:
            allowPrivilegeEscalation: false
        containers:
        - name: api
          image: ghcr.io/acme/api:2.4.1
          securityContext: ${containerSecurity}
`;

test('privilege-escalation-allowed fires at the container name when the field is missing, with a fix that sets it', () => {
  const text = api('{readOnlyRootFilesystem: true}');
  const f = lintRule('privilege-escalation-allowed', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'api');
  assert.equal(f[0].line, 22);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /'api' of Deployment\/api/);
  assert.equal(f[0].fix?.title, "Set allowPrivilegeEscalation: false on container 'api'");
  const fixed = applyOps(text, 0, f[0].fix!.ops);
  assert.match(fixed, /securityContext: \{ ?readOnlyRootFilesystem: true, allowPrivilegeEscalation: false ?\}/);
  assert.deepEqual(lintRule('privilege-escalation-allowed', fixed), []);
});

test('privilege-escalation-allowed underlines an explicit allowPrivilegeEscalation: true', () => {
  const f = lintRule('privilege-escalation-allowed', api('\n            allowPrivilegeEscalation: true'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'allowPrivilegeEscalation: true');
  assert.equal(f[0].line, 25);
});

test('privilege-escalation-allowed is silent when every container sets false', () => {
  assert.deepEqual(lintRule('privilege-escalation-allowed', api('{allowPrivilegeEscalation: false}')), []);
});

test('privilege-escalation-allowed offers no fix on a privileged container (the API rejects false with privileged)', () => {
  const f = lintRule('privilege-escalation-allowed', api('{privileged: true}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].fix, undefined);
  assert.match(f[0].message, /privileged/);
  const sysAdmin = lintRule('privilege-escalation-allowed', api('{capabilities: {add: ["CAP_SYS_ADMIN"]}}'));
  assert.equal(sysAdmin[0].fix, undefined);
});

test('privilege-escalation-allowed exempts Windows pods (PSS restricted from 1.25)', () => {
  const windows = api('{}', '\n        os:\n          name: windows');
  assert.deepEqual(lintRule('privilege-escalation-allowed', windows), []);
});

test('privilege-escalation-allowed visits CronJob init containers and ephemeral containers', () => {
  const cron = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: report
    spec:
      schedule: "0 6 * * 1"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              initContainers:
              - name: fetch
                image: curlimages/curl:8.10.1
              containers:
              - name: report
                image: ghcr.io/acme/report:1.0.0
                securityContext:
                  allowPrivilegeEscalation: false
              ephemeralContainers:
              - name: debugger
                image: busybox:1.36
  `;
  assert.deepEqual(lintRule('privilege-escalation-allowed', cron).map((f) => f.text), ['fetch', 'debugger']);
});
