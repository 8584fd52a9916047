import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';
import { applyFix, postgres } from './fixtures';

test('volume-claim-template-invalid fires on a template without accessModes, at its name, and the fix adds ReadWriteOnce', () => {
  const m = postgres({ vct: 'storageClassName: rook-ceph-block\nresources:\n  requests:\n    storage: 20Gi' });
  const f = lintRule('volume-claim-template-invalid', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'pgdata');
  assert.equal(f[0].line, 30);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /volumeClaimTemplate 'pgdata' of StatefulSet\/postgres has no accessModes/);
  assert.equal(f[0].fix?.title, "Add accessModes: [ReadWriteOnce] to volumeClaimTemplate 'pgdata'");
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'volumeClaimTemplates', 0, 'spec', 'accessModes'], value: ['ReadWriteOnce'] }]);
  const fixed = applyFix(m, f[0]);
  assert.deepEqual(lintRule('volume-claim-template-invalid', fixed), []);
  assert.match(fixed, /accessModes:\s*(\n\s*- ReadWriteOnce|\[ReadWriteOnce\])/);
});

test('volume-claim-template-invalid fires on a missing storage request (no fix) and on an empty accessModes list', () => {
  const noStorage = lintRule('volume-claim-template-invalid', postgres({ vct: 'accessModes: [ReadWriteOnce]' }));
  assert.equal(noStorage.length, 1);
  assert.match(noStorage[0].message, /no resources\.requests\.storage/);
  assert.equal(noStorage[0].fix, undefined);
  const both = lintRule('volume-claim-template-invalid', postgres({ vct: 'accessModes: []' }));
  assert.equal(both.length, 2);
  assert.deepEqual(both.map((f) => f.text), ['pgdata', 'pgdata']);
});

test('volume-claim-template-invalid is silent on valid templates and on StatefulSets without templates', () => {
  assert.deepEqual(lintRule('volume-claim-template-invalid', postgres()), []);
  const noTemplates = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: redis, namespace: cache}
    spec:
      serviceName: redis
      selector: {matchLabels: {app: redis}}
      template:
        metadata: {labels: {app: redis}}
        spec:
          containers:
          - {name: redis, image: "redis:7.4"}
  `;
  assert.deepEqual(lintRule('volume-claim-template-invalid', noTemplates), []);
});
