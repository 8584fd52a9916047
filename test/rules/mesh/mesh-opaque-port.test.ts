import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'mesh-opaque-port';

const broker = (annotations: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: nats, namespace: messaging}
  spec:
    serviceName: nats
    selector: {matchLabels: {app: nats}}
    template:
      metadata:
        labels: {app: nats}
        annotations: ${annotations}
      spec:
        containers:
        - name: nats
          image: nats:2.10
          ports:
          - {name: client, containerPort: 4222}
          - {name: monitor, containerPort: 8222}
        - name: cache
          image: redis:7.2
          ports:
          - {name: redis, containerPort: 6379}
`;

test('mesh-opaque-port: NATS is not in Linkerd’s default opaque list', () => {
  const f = lintRule(RULE, broker('{linkerd.io/inject: enabled}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'containerPort: 4222');
  assert.equal(f[0].line, 16);
  assert.match(f[0].message, /NATS on port 4222/);
  assert.deepEqual(f[0].fix?.ops, [
    { op: 'set', path: ['spec', 'template', 'metadata', 'annotations', 'config.linkerd.io/opaque-ports'], value: '25,587,3306,4444,5432,6379,9300,11211,4222' },
  ]);
});

test('mesh-opaque-port: a pod opaque-ports annotation replaces the default list', () => {
  const f = lintRule(RULE, broker('{linkerd.io/inject: enabled, config.linkerd.io/opaque-ports: "4222"}'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'containerPort: 6379');
  assert.match(f[0].message, /its own config\.linkerd\.io\/opaque-ports/);
  assert.deepEqual(f[0].fix?.ops[0], { op: 'set', path: ['spec', 'template', 'metadata', 'annotations', 'config.linkerd.io/opaque-ports'], value: '4222,6379' });
});

test('mesh-opaque-port: silent when covered (numbers, ranges, names, skipped) or not Linkerd-injected', () => {
  assert.deepEqual(lintRule(RULE, broker('{linkerd.io/inject: enabled, config.linkerd.io/opaque-ports: "client,6000-7000"}')), []);
  assert.deepEqual(lintRule(RULE, broker('{linkerd.io/inject: enabled, config.linkerd.io/skip-inbound-ports: "4222"}')), []);
  assert.deepEqual(lintRule(RULE, broker('{}')), []);
  assert.deepEqual(lintRule(RULE, broker('{linkerd.io/inject: disabled}')), []);
});

test('mesh-opaque-port: injection and opaque ports inherited from the Namespace', () => {
  const ns = yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: messaging
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/opaque-ports: "4222"
  `;
  const f = lintRule(RULE, broker('{}'), { files: { 'ns.yaml': ns } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'containerPort: 6379');
  assert.match(f[0].message, /Namespace\/messaging/);
});
