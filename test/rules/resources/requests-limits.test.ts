import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { lint, lintRule, yaml } from '../../helpers';
import { applyFix, at } from '../storage/fixtures';

/** `kubectl create deployment web --image=nginx:1.27 --replicas=3 --dry-run=client -o yaml` */
const kubectlWeb = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    creationTimestamp: null
    labels:
      app: web
    name: web
  spec:
    replicas: 3
    selector:
      matchLabels:
        app: web
    strategy: {}
    template:
      metadata:
        creationTimestamp: null
        labels:
          app: web
      spec:
        containers:
        - image: nginx:1.27
          name: nginx
          resources: {}
  status: {}
`;

const withResources = (resources: string, extraInit = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec:
    replicas: 2
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec:
        initContainers:
        - name: migrate
          image: ghcr.io/acme/api:2.3.1
        ${at(8, extraInit)}
        containers:
        - name: api
          image: ghcr.io/acme/api:2.3.1
          resources:
            ${at(12, resources)}
`;

test('resources-requests-missing fires on kubectl\'s `resources: {}`, and the fix inserts cpu 100m / memory 128Mi', () => {
  const f = lintRule('resources-requests-missing', kubectlWeb);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'resources');
  assert.equal(f[0].line, 23);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Container 'nginx' of Deployment\/web has no cpu and memory requests/);
  assert.equal(f[0].fix?.title, "Add resources.requests (cpu 100m, memory 128Mi) to container 'nginx'");
  const fixed = applyFix(kubectlWeb, f[0]);
  assert.deepEqual(lintRule('resources-requests-missing', fixed), []);
  assert.deepEqual(parse(fixed).spec.template.spec.containers[0].resources, { requests: { cpu: '100m', memory: '128Mi' } });
});

test('resources-requests-missing reports only what is missing and keeps existing keys', () => {
  const m = withResources('requests:\n  cpu: 250m');
  const f = lintRule('resources-requests-missing', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'requests');
  assert.match(f[0].message, /Container 'api' of Deployment\/api has no memory request:/);
  assert.deepEqual(f[0].fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'memory'], value: '128Mi' }]);
  const fixed = applyFix(m, f[0]);
  assert.match(fixed, /cpu: 250m/);
  assert.deepEqual(lintRule('resources-requests-missing', fixed), []);
});

test('resources-requests-missing: a limit implies the request; the inserted request never exceeds a limit', () => {
  assert.deepEqual(lintRule('resources-requests-missing', withResources('limits: {cpu: "1", memory: 512Mi}')), []);
  const m = withResources('limits: {memory: 64Mi}\nrequests: {memory: 64Mi}');
  const f = lintRule('resources-requests-missing', m);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /has no cpu request:/);
  const low = withResources('limits: {cpu: 50m}');
  const g = lintRule('resources-requests-missing', low);
  assert.deepEqual(g[0].fix?.ops.map((o) => (o.op === 'set' ? o.value : undefined)), ['128Mi']);
  const fixed = applyFix(low, g[0]);
  assert.deepEqual(lint(fixed).filter((x) => x.rule === 'limits-below-requests' || x.rule === 'resources-requests-missing'), []);
});

test('resources-requests-missing judges native sidecars but not plain init containers', () => {
  const complete = 'requests: {cpu: 100m, memory: 128Mi}\nlimits: {memory: 256Mi}';
  assert.deepEqual(lintRule('resources-requests-missing', withResources(complete)), []);
  const sidecar = '- name: proxy\n  image: envoyproxy/envoy:v1.31.0\n  restartPolicy: Always';
  const f = lintRule('resources-requests-missing', withResources(complete, sidecar));
  assert.deepEqual(f.map((x) => x.text), ['proxy']);
});

test('resources-requests-missing drops to info when a LimitRange in the namespace fills defaults', () => {
  const limitRange = yaml`
    apiVersion: v1
    kind: LimitRange
    metadata: {name: defaults, namespace: shop}
    spec:
      limits:
      - type: Container
        defaultRequest: {cpu: 100m, memory: 128Mi}
        default: {memory: 512Mi}
  `;
  const m = withResources('{}');
  const f = lintRule('resources-requests-missing', m, { files: { 'lr.yaml': limitRange } });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /LimitRange\/defaults fills a default/);
  const g = lintRule('resources-limits-missing', m, { files: { 'lr.yaml': limitRange } });
  assert.equal(g[0].severity, 'info');
  // Another namespace's LimitRange does not apply.
  assert.equal(lintRule('resources-requests-missing', m, { files: { 'lr.yaml': limitRange.replace('namespace: shop', 'namespace: media') } })[0].severity, 'warning');
});

test('resources-limits-missing wants a memory limit only, and the fix uses the memory request', () => {
  const m = withResources('requests: {cpu: 250m, memory: 300Mi}\nlimits: {cpu: 500m}');
  const f = lintRule('resources-limits-missing', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'limits');
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Container 'api' of Deployment\/api has no memory limit/);
  assert.equal(f[0].fix?.title, "Add resources.limits.memory: 300Mi to container 'api'");
  const fixed = applyFix(m, f[0]);
  assert.deepEqual(lint(fixed).filter((x) => x.rule === 'resources-limits-missing' || x.rule === 'limits-below-requests'), []);
  // No cpu limit is fine.
  assert.deepEqual(lintRule('resources-limits-missing', withResources('requests: {cpu: 250m, memory: 300Mi}\nlimits: {memory: 300Mi}')), []);
});

test('resources-limits-missing defaults to 256Mi and reports at the container name when resources are absent', () => {
  const m = withResources('{}').replace(/ *resources:\n *\{\}\n/, '');
  const f = lintRule('resources-limits-missing', m);
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'api');
  assert.equal(f[0].fix?.title, "Add resources.limits.memory: 256Mi to container 'api'");
  const fixed = applyFix(m, f[0]);
  assert.deepEqual(lintRule('resources-limits-missing', fixed), []);
});

test('the two fixes together leave a container clean of all three resource rules', () => {
  let text = kubectlWeb;
  for (const rule of ['resources-requests-missing', 'resources-limits-missing']) text = applyFix(text, lintRule(rule, text)[0]);
  assert.deepEqual(lint(text).filter((x) => ['resources-requests-missing', 'resources-limits-missing', 'limits-below-requests'].includes(x.rule)), []);
});

test('limits-below-requests fires on a unit slip (128M below 128Mi), at the limit, in any container', () => {
  const m = withResources('requests: {cpu: 250m, memory: 128Mi}\nlimits: {cpu: "1", memory: 128M}', '  resources: {requests: {cpu: "2"}, limits: {cpu: 1500m}}');
  const f = lintRule('limits-below-requests', m);
  assert.deepEqual(f.map((x) => [x.text, x.line]), [['cpu: 1500m', 13], ['memory: 128M', 19]]);
  assert.equal(f[0].severity, 'error');
  assert.match(f[1].message, /Container 'api' of Deployment\/api has a memory limit \(128M\) below its request \(128Mi\)/);
});

test('limits-below-requests is silent for equal or higher limits, numbers and unparsable values', () => {
  assert.deepEqual(lintRule('limits-below-requests', withResources('requests: {cpu: 500m, memory: 1Gi}\nlimits: {cpu: 0.5, memory: 1024Mi}')), []);
  assert.deepEqual(lintRule('limits-below-requests', withResources('requests: {memory: "{{ .Values.mem }}"}\nlimits: {memory: 1Gi}')), []);
});
