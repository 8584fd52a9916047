import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { yaml } from '../helpers';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const deployment = (name: string, ns: string, label: string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
    namespace: ${ns}
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: ${label}
    template:
      metadata:
        labels:
          app: ${label}
      spec:
        containers:
        - name: app
          image: ghcr.io/acme/${name}:1.2.3
          ports:
          - name: http
            containerPort: 8080
${extra}`;

const service = (name: string, ns: string, selects: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: ${name}
    namespace: ${ns}
  spec:
    selector:
      app: ${selects}
    ports:
    - name: http
      port: 80
      targetPort: http
`;

/**
 * A workspace whose findings depend on other files: Services whose Deployments live in other files
 * (one selector matches nothing), a kustomization naming a patch, a PVC claimed from another file,
 * and enough files that each worker parses only part of it.
 */
function workspace(): string {
  const dir = tempDir('daytwo-parallel-');
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    const ns = i % 3 === 0 ? 'shop' : 'billing';
    files[`apps/deploy-${String(i).padStart(2, '0')}.yaml`] = deployment(`app-${i}`, ns, `app-${i}`);
    // The Service for app i lives in another file, and app 5's selects a label no pod has.
    files[`services/svc-${String(i).padStart(2, '0')}.yaml`] = service(`app-${i}`, ns, i === 5 ? 'app-five' : `app-${i}`);
  }
  files['storage/claim-user.yaml'] = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
      namespace: shop
    spec:
      serviceName: db-missing
      replicas: 1
      selector:
        matchLabels:
          app: db
      template:
        metadata:
          labels:
            app: db
        spec:
          containers:
          - name: db
            image: postgres:16.4
            volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql
          volumes:
          - name: data
            persistentVolumeClaim:
              claimName: db-data
  `;
  files['overlay/kustomization.yaml'] = yaml`
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources:
    - ../apps/deploy-00.yaml
    patches:
    - path: patch.yaml
  `;
  files['overlay/patch.yaml'] = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: app-0
    spec:
      template:
        spec:
          containers:
          - name: app
            securityContext:
              privileged: true
  `;
  files['broken.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n';
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

for (const format of ['text', 'json', 'sarif']) {
  test(`scan --format ${format}: worker threads print exactly what the sequential scan prints`, () => {
    const dir = workspace();
    const sequential = run(['scan', '.', '--format', format, '--no-color', '--jobs', '1'], dir);
    const parallel = run(['scan', '.', '--format', format, '--no-color', '--jobs', '2'], dir);
    const parallel3 = run(['scan', '.', '--format', format, '--no-color', '--jobs', '3'], dir);
    assert.equal(sequential.stderr, '');
    assert.equal(parallel.stderr, '');
    assert.equal(sequential.code, 1);
    assert.equal(parallel.code, sequential.code);
    assert.equal(parallel3.code, sequential.code);
    assert.ok(sequential.stdout.length > 1000, 'the scan reports findings');
    assert.equal(parallel.stdout, sequential.stdout);
    assert.equal(parallel3.stdout, sequential.stdout);
  });
}

test('parallel scan: cross-resource findings see objects parsed by other workers', () => {
  const dir = workspace();
  const parallel = run(['scan', '.', '--format', 'json', '--jobs', '2'], dir);
  const out = JSON.parse(parallel.stdout) as { findings: { file: string; rule: string; message: string; line: number }[]; summary: { files: number; objects: number } };
  // Every file is counted and every object indexed (12 Deployments, 12 Services, one StatefulSet, one ConfigMap
  // that fails to parse is not an object; the patch is not indexed).
  assert.equal(out.summary.files, 28);
  assert.equal(out.summary.objects, 25);
  // Only app 5's Service selects nothing: the others found their Deployment in another file.
  const noMatch = out.findings.filter((f) => f.rule === 'service-selector-no-match');
  assert.deepEqual(noMatch.map((f) => f.file), ['services/svc-05.yaml']);
  assert.match(noMatch[0].message, /app=app-five/);
  // Files come out in path order.
  const files = out.findings.map((f) => f.file);
  assert.deepEqual(files, [...files].sort());
  // The YAML error is reported in its file.
  assert.ok(out.findings.some((f) => f.file === 'broken.yaml' && f.rule === 'yaml-syntax'));
});
