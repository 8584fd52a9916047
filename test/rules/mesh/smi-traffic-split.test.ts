import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, yaml } from '../../helpers';

const RULE = 'smi-traffic-split';

const services = yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web-v1, namespace: shop}
  spec: {selector: {app: web, version: v1}, ports: [{name: http, port: 80}]}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web-v2, namespace: shop}
  spec: {selector: {app: web, version: v2}, ports: [{name: http, port: 80}]}
`;

const split = (root: string, b1: string, w1: string, b2: string, w2: string) => yaml`
  apiVersion: split.smi-spec.io/v1alpha4
  kind: TrafficSplit
  metadata: {name: web-canary, namespace: shop}
  spec:
    service: ${root}
    backends:
    - service: ${b1}
      weight: ${w1}
    - service: ${b2}
      weight: ${w2}
`;

test('smi-traffic-split: root and backend Services that are not in the workspace', () => {
  const f = lintRule(RULE, split('webb', 'web-v1', '90', 'web-v3', '10'), { files: { 'svc.yaml': services } });
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['webb', 5], ['web-v3', 9]]);
  assert.match(f[0].message, /Service 'webb'/);
  assert.equal(f[0].severity, 'error');
});

test('smi-traffic-split: all weights 0', () => {
  const f = lintRule(RULE, split('web', 'web-v1', '0', 'web-v2', '0'), { files: { 'svc.yaml': services } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'backends');
  assert.match(f[0].message, /weight 0/);
});

test('smi-traffic-split: silent for a valid split, and for names when the workspace has no Services there', () => {
  assert.deepEqual(lintRule(RULE, split('web', 'web-v1', '90', 'web-v2', '10'), { files: { 'svc.yaml': services } }), []);
  assert.deepEqual(lintRule(RULE, split('webb', 'web-v1', '90', 'web-v3', '10')), []);
});
