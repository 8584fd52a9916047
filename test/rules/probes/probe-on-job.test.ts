import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'probe-on-job';

test('probe-on-job: readiness probe on a CronJob container, with a remove fix', () => {
  const m = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: cleanup}
    spec:
      schedule: "*/30 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: cleanup
                image: registry.example.com/cleanup:1.1.0
                readinessProbe:
                  exec: {command: [cat, /tmp/ready]}
  `;
  const f = lintRule(RULE, m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'readinessProbe');
  assert.equal(f[0].line, 14);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'remove', path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'readinessProbe'] }]);
});

test('probe-on-job: liveness on a Job and probes on its native sidecar are legitimate; Deployments are not judged', () => {
  const job = yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: reindex}
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
          - name: log-forwarder
            image: fluent/fluent-bit:3.1
            restartPolicy: Always
            readinessProbe: {httpGet: {path: /api/v1/health, port: 2020}}
          containers:
          - name: reindex
            image: registry.example.com/reindex:2.0.0
            livenessProbe: {exec: {command: [/bin/healthcheck]}}
            startupProbe: {exec: {command: [/bin/started]}}
  `;
  assert.deepEqual(lintRule(RULE, job), []);
  const startupOnly = job.replace(/^ *livenessProbe: .*\n/m, '');
  const f = lintRule(RULE, startupOnly);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'startupProbe');
});
