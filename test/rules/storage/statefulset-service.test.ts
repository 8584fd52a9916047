import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';
import { headless, postgres } from './fixtures';

test('statefulset-service is silent with its headless Service in the workspace', () => {
  assert.deepEqual(lintRule('statefulset-service', postgres(), { files: { 'svc.yaml': headless('postgres', 'db') } }), []);
});

test('statefulset-service fires when serviceName names no Service of the namespace, with a suggestion', () => {
  const f = lintRule('statefulset-service', postgres({ serviceName: 'postgress' }), { files: { 'svc.yaml': headless('postgres', 'db') } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'postgress');
  assert.equal(f[0].line, 9);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /names Service 'postgress' in namespace 'db'.*did you mean 'postgres'/);
});

test('statefulset-service fires when the Service has a cluster IP (not headless)', () => {
  const f = lintRule('statefulset-service', postgres(), { files: { 'svc.yaml': headless('postgres', 'db', '10.96.12.7') } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'postgres');
  assert.match(f[0].message, /Service\/postgres, which is not headless/);
  const unset = headless('postgres', 'db').replace('  clusterIP: None\n', '');
  assert.equal(lintRule('statefulset-service', postgres(), { files: { 'svc.yaml': unset } }).length, 1);
});

test('statefulset-service stays silent when the workspace defines no Service in that namespace', () => {
  assert.deepEqual(lintRule('statefulset-service', postgres()), []);
  assert.deepEqual(lintRule('statefulset-service', postgres(), { files: { 'svc.yaml': headless('postgres', 'other') } }), []);
});

test('statefulset-service across files: the Service in another file of the workspace', () => {
  const sts = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: rabbitmq}
    spec:
      serviceName: rabbitmq-nodes
      selector: {matchLabels: {app: rabbitmq}}
      template:
        metadata: {labels: {app: rabbitmq}}
        spec:
          containers:
          - {name: rabbitmq, image: "rabbitmq:3.13"}
  `;
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: rabbitmq}
    spec:
      selector: {app: rabbitmq}
      ports: [{name: amqp, port: 5672}]
  `;
  const f = lintWorkspace({ 'rabbitmq/statefulset.yaml': sts, 'rabbitmq/service.yaml': svc }).filter((x) => x.rule === 'statefulset-service');
  assert.deepEqual(f.map((x) => [x.file, x.text]), [['rabbitmq/statefulset.yaml', 'rabbitmq-nodes']]);
  const nodes = svc.replace('name: rabbitmq}', 'name: rabbitmq-nodes}').replace('spec:\n', 'spec:\n  clusterIP: None\n');
  assert.deepEqual(lintWorkspace({ 'a.yaml': sts, 'b.yaml': svc, 'c.yaml': nodes }).filter((x) => x.rule === 'statefulset-service'), []);
});
