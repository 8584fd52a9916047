import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRule, lintWorkspace, yaml } from '../../helpers';
import { at, postgres } from '../storage/fixtures';

/** `kubectl create deployment web --image=nginx:1.27 -n shop --dry-run=client -o yaml` (trimmed) */
const web = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    labels:
      app: web
    name: web
    namespace: shop
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: web
    template:
      metadata:
        labels:
          app: web
      spec:
        containers:
        - image: nginx:1.27
          name: nginx
`;

/** `kubectl create service clusterip web --tcp=80:80 -n shop --dry-run=client -o yaml` */
const service = (selector: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    labels:
      app: web
    name: web
    namespace: shop
  spec:
    ports:
    - name: 80-80
      port: 80
      protocol: TCP
      targetPort: 80
    selector:
      ${at(6, selector)}
    type: ClusterIP
`;

test('service-selector-no-match fires when no pod template of the namespace matches, at selector, naming the near miss', () => {
  const f = lintRule('service-selector-no-match', service('app: web-frontend'), { files: { 'deploy.yaml': web } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'selector');
  assert.equal(f[0].line, 14);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /Service\/web selects app=web-frontend, which matches no pod template in namespace 'shop' \(Deployment\/web has app: web\)/);
});

test('service-selector-no-match is silent when a pod template matches (every selector pair, extra pod labels allowed)', () => {
  assert.deepEqual(lintRule('service-selector-no-match', service('app: web'), { files: { 'deploy.yaml': web } }), []);
  assert.equal(lintRule('service-selector-no-match', service('app: web\ntier: frontend'), { files: { 'deploy.yaml': web } }).length, 1);
});

test('service-selector-no-match among many pod templates sharing the Service\'s first selector pair: only one with every pair matches', () => {
  const variant = (name: string, tier: string) => web.replace(/name: web\n/, `name: ${name}\n`).replace(/( +)app: web\n(?![\s\S]*app: web\n)/, `$1app: web\n$1tier: ${tier}\n`);
  const files = { 'a.yaml': variant('web-a', 'frontend'), 'b.yaml': variant('web-b', 'batch') };
  assert.equal(lintRule('service-selector-no-match', service('app: web\ntier: backend'), { files }).length, 1);
  assert.deepEqual(lintRule('service-selector-no-match', service('app: web\ntier: batch'), { files }), []);
  assert.deepEqual(lintRule('service-selector-no-match', service('tier: frontend\napp: web'), { files }), []);
});

test('service-selector-no-match stays silent without workloads in the namespace, without selector, for ExternalName', () => {
  assert.deepEqual(lintRule('service-selector-no-match', service('app: nothing')), []);
  assert.deepEqual(lintRule('service-selector-no-match', service('app: nothing'), { files: { 'deploy.yaml': web.replace('namespace: shop', 'namespace: blog') } }), []);
  const manual = service('{}').replace(/ *selector:\n *\{\}\n/, '');
  assert.deepEqual(lintRule('service-selector-no-match', manual, { files: { 'deploy.yaml': web } }), []);
  const external = yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: payments, namespace: shop}
    spec:
      type: ExternalName
      externalName: payments.example.com
      selector: {app: payments}
  `;
  assert.deepEqual(lintRule('service-selector-no-match', external, { files: { 'deploy.yaml': web } }), []);
});

test('service-selector-no-match ignores labels controllers add at runtime (per-pod StatefulSet Services)', () => {
  const perPod = yaml`
    apiVersion: v1
    kind: Service
    metadata: {name: postgres-0, namespace: db}
    spec:
      selector:
        app.kubernetes.io/name: postgres
        statefulset.kubernetes.io/pod-name: postgres-0
      ports: [{port: 5432}]
  `;
  assert.deepEqual(lintRule('service-selector-no-match', perPod, { files: { 'pg.yaml': postgres() } }), []);
  assert.equal(lintRule('service-selector-no-match', perPod.replace('name: postgres\n', 'name: postgresql\n'), { files: { 'pg.yaml': postgres() } }).length, 1);
});

test('service-selector-no-match across a multi-file workspace, matching an Argo Rollout\'s template too', () => {
  const rollout = yaml`
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: checkout, namespace: shop}
    spec:
      replicas: 3
      selector: {matchLabels: {app: checkout}}
      template:
        metadata: {labels: {app: checkout}}
        spec:
          containers:
          - {name: checkout, image: "ghcr.io/acme/checkout:5.2.0"}
      strategy: {canary: {steps: [{setWeight: 20}]}}
  `;
  const f = lintWorkspace({ 'app/deploy.yaml': web, 'app/rollout.yaml': rollout, 'app/svc.yaml': service('app: checkout'), 'app/svc2.yaml': service('app: cart').replace('name: web', 'name: cart') });
  assert.deepEqual(f.filter((x) => x.rule === 'service-selector-no-match').map((x) => [x.file, x.text]), [['app/svc2.yaml', 'selector']]);
});

const gvisor = yaml`
  apiVersion: node.k8s.io/v1
  kind: RuntimeClass
  metadata: {name: gvisor}
  handler: runsc
`;
const sandboxed = (name: string) => yaml`
  apiVersion: batch/v1
  kind: CronJob
  metadata: {name: untrusted-import, namespace: etl}
  spec:
    schedule: "*/30 * * * *"
    jobTemplate:
      spec:
        template:
          spec:
            runtimeClassName: ${name}
            restartPolicy: OnFailure
            containers:
            - {name: import, image: "ghcr.io/acme/import:0.9.1"}
`;

test('runtime-class-unknown fires on a name the workspace does not define, with a suggestion, two levels deep in a CronJob', () => {
  const f = lintRule('runtime-class-unknown', sandboxed('gvisr'), { files: { 'rc.yaml': gvisor } });
  assert.equal(f.length, 1);
  assert.equal(f[0].text, 'gvisr');
  assert.equal(f[0].line, 10);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /CronJob\/untrusted-import uses RuntimeClass 'gvisr'.*did you mean 'gvisor'/);
});

test('runtime-class-unknown is silent when it exists, and when the workspace defines no RuntimeClass (cluster-scoped: any namespace)', () => {
  assert.deepEqual(lintRule('runtime-class-unknown', sandboxed('gvisor'), { files: { 'rc.yaml': gvisor } }), []);
  assert.deepEqual(lintRule('runtime-class-unknown', sandboxed('kata-qemu')), []);
  // A RuntimeClass written with a namespace is still cluster-scoped.
  assert.deepEqual(lintRule('runtime-class-unknown', sandboxed('gvisor'), { files: { 'rc.yaml': gvisor.replace('name: gvisor}', 'name: gvisor, namespace: kube-system}') } }), []);
});
