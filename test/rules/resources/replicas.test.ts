import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';
import { at, hpa, postgres } from '../storage/fixtures';

const checkout = (replicas: string, podSpecExtra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: checkout
    namespace: shop
    labels: {app.kubernetes.io/name: checkout}
  spec:
    ${replicas}
    selector:
      matchLabels: {app.kubernetes.io/name: checkout, app.kubernetes.io/component: api}
    template:
      metadata:
        labels: {app.kubernetes.io/name: checkout, app.kubernetes.io/component: api, tier: backend}
      spec:
        ${at(8, podSpecExtra)}
        containers:
        - name: checkout
          image: ghcr.io/acme/checkout:5.2.0
`;

const pdb = (selector: string, ns = 'shop') => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: {name: checkout, namespace: ${ns}}
  spec:
    maxUnavailable: 1
    selector: ${selector}
`;

const shopHpa = (min: number, max: number) => hpa('checkout', min, max).replace('name: checkout\nspec', 'name: checkout\n  namespace: shop\nspec');

test('replicas-single fires on replicas: 1 at the field, and on unset replicas at the name', () => {
  const f = lintRule('replicas-single', checkout('replicas: 1'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'replicas: 1');
  assert.equal(f[0].line, 8);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /Deployment\/checkout runs a single replica/);
  const g = lintRule('replicas-single', checkout(''));
  assert.deepEqual(g.map((x) => [x.text, x.line]), [['checkout', 4]]);
  assert.match(g[0].message, /replicas unset, default 1/);
});

test('replicas-single is silent with 2 replicas, replicas: 0, an HPA or a KEDA ScaledObject, and on DaemonSets', () => {
  assert.deepEqual(lintRule('replicas-single', checkout('replicas: 2')), []);
  assert.deepEqual(lintRule('replicas-single', checkout('replicas: 0')), []);
  assert.deepEqual(lintRule('replicas-single', checkout('replicas: 1'), { files: { 'hpa.yaml': shopHpa(1, 5) } }), []);
  const keda = yaml`
    apiVersion: keda.sh/v1alpha1
    kind: ScaledObject
    metadata: {name: checkout, namespace: shop}
    spec:
      scaleTargetRef: {name: checkout}
      triggers:
      - type: prometheus
        metadata: {serverAddress: "http://prometheus:9090", query: "sum(rate(http_requests_total[1m]))", threshold: "100"}
  `;
  assert.deepEqual(lintRule('replicas-single', checkout('replicas: 1'), { files: { 'keda.yaml': keda } }), []);
  // An HPA in another namespace targets another Deployment.
  assert.equal(lintRule('replicas-single', checkout('replicas: 1'), { files: { 'hpa.yaml': hpa('checkout', 1, 5) } }).length, 1);
  const ds = checkout('').replace('kind: Deployment', 'kind: DaemonSet');
  assert.deepEqual(lintRule('replicas-single', ds), []);
});

test('pdb-missing fires on a multi-replica workload without a PDB, at replicas', () => {
  const f = lintRule('pdb-missing', checkout('replicas: 3'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'replicas: 3');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /Deployment\/checkout runs 3 replicas but no PodDisruptionBudget selects its pods/);
  assert.equal(lintRule('pdb-missing', postgres()).length, 1, 'StatefulSets too');
});

test('pdb-missing is silent with a matching PDB (matchLabels and matchExpressions), and for single replicas', () => {
  assert.deepEqual(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdb.yaml': pdb('{matchLabels: {app.kubernetes.io/name: checkout}}') } }), []);
  const expr = '{matchExpressions: [{key: tier, operator: In, values: [backend, frontend]}]}';
  assert.deepEqual(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdb.yaml': pdb(expr) } }), []);
  assert.deepEqual(lintRule('pdb-missing', checkout('replicas: 1')), []);
});

test('pdb-missing: all matchLabels must match (one shared label is not enough), and the namespace must match', () => {
  const partial = pdb('{matchLabels: {app.kubernetes.io/name: checkout, app.kubernetes.io/component: worker}}');
  assert.equal(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdb.yaml': partial } }).length, 1);
  const elsewhere = pdb('{matchLabels: {app.kubernetes.io/name: checkout}}', 'payments');
  assert.equal(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdb.yaml': elsewhere } }).length, 1);
});

test('pdb-missing among many PDBs of a namespace: the matching one counts whichever of its labels comes first; another API group\'s does not', () => {
  // Selectors are looked up by one matchLabels pair each: these put the shared pair first, last and nowhere.
  const others = ['billing', 'search', 'media'].map((n) => pdb(`{matchLabels: {app.kubernetes.io/name: ${n}, tier: backend}}`).replace('name: checkout,', `name: ${n},`));
  const many = (selector: string) => [...others, pdb(selector)].join('---\n');
  for (const sel of ['{matchLabels: {tier: backend, app.kubernetes.io/name: checkout}}', '{matchLabels: {app.kubernetes.io/component: api, app.kubernetes.io/name: checkout}}', '{matchExpressions: [{key: app.kubernetes.io/name, operator: In, values: [checkout]}]}', '{}']) {
    assert.deepEqual(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdbs.yaml': many(sel) } }), [], sel);
  }
  assert.equal(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdbs.yaml': many('{matchLabels: {tier: backend, app.kubernetes.io/name: catalog}}') } }).length, 1);
  const foreign = many('{matchLabels: {app.kubernetes.io/name: checkout}}').replace(/apiVersion: policy\/v1(?![\s\S]*apiVersion: policy\/v1)/, 'apiVersion: example.com/v1');
  assert.equal(lintRule('pdb-missing', checkout('replicas: 3'), { files: { 'pdbs.yaml': foreign } }).length, 1);
});

test('pdb-missing and anti-affinity-missing count an HPA\'s maxReplicas (multi-file workspace)', () => {
  const f = lintWorkspace({ 'deploy.yaml': checkout('replicas: 1'), 'hpa.yaml': shopHpa(1, 6) }).filter((x) => x.rule === 'pdb-missing' || x.rule === 'anti-affinity-missing');
  assert.deepEqual(f.map((x) => [x.file, x.rule, x.text]), [['deploy.yaml', 'anti-affinity-missing', 'replicas: 1'], ['deploy.yaml', 'pdb-missing', 'replicas: 1']]);
  assert.match(f[1].message, /up to 6 replicas/);
});

test('anti-affinity-missing fires on replicas > 1 with neither mechanism', () => {
  const f = lintRule('anti-affinity-missing', checkout('replicas: 3'));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'replicas: 3');
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /3 replicas without podAntiAffinity or topologySpreadConstraints/);
});

test('anti-affinity-missing accepts topologySpreadConstraints or a podAntiAffinity on the pod\'s own labels, with any topology key', () => {
  const tsc = 'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector: {matchLabels: {app.kubernetes.io/name: checkout}}';
  assert.deepEqual(lintRule('anti-affinity-missing', checkout('replicas: 3', tsc)), []);
  const anti = 'affinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 100\n      podAffinityTerm:\n        topologyKey: example.com/rack\n        labelSelector: {matchLabels: {app.kubernetes.io/name: checkout}}';
  assert.deepEqual(lintRule('anti-affinity-missing', checkout('replicas: 3', anti)), []);
  assert.deepEqual(lintRule('anti-affinity-missing', checkout('replicas: 1')), []);
});

test('anti-affinity-missing reports a podAntiAffinity that selects none of the workload\'s own pods', () => {
  const anti = 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - topologyKey: kubernetes.io/hostname\n      labelSelector: {matchLabels: {app: checkout}}';
  const f = lintRule('anti-affinity-missing', checkout('replicas: 3', anti));
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'podAntiAffinity');
  assert.match(f[0].message, /selects none of its own pods/);
});
