import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { yaml } from '../helpers';
import { tempDir } from '../tempDir';

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
});

const APP = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reports, namespace: shop}
  spec:
    replicas: 1
    selector: {matchLabels: {app: reports}}
    template:
      metadata: {labels: {app: reports}}
      spec:
        containers:
        - name: reports
          image: registry.example.com/reports:1.0.0
          volumeMounts:
          - {name: data, mountPath: /data}
        volumes:
        - name: data
          persistentVolumeClaim:
            claimName: reports-data
`;

const claim = (name: string) => yaml`
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: ${name}, namespace: shop}
  spec:
    accessModes: [ReadWriteOnce]
    storageClassName: ceph-block
    resources: {requests: {storage: 5Gi}}
`;

test('server: editing one file updates cross-resource findings in another (pvc-not-found)', async () => {
  const dir = tempDir('daytwo-dep-');
  fs.writeFileSync(path.join(dir, 'app.yaml'), APP);
  fs.writeFileSync(path.join(dir, 'claims.yaml'), claim('other-data'));
  const c = new LspClient();
  clients.push(c);
  await c.initialize(dir);
  const appUri = pathToFileURL(path.join(dir, 'app.yaml')).href;
  const claimsUri = pathToFileURL(path.join(dir, 'claims.yaml')).href;
  await c.waitForDiagnostics(appUri, (p) => p.diagnostics.some((d) => d.code === 'pvc-not-found'));
  // The user renames the claim in the other file (open in the editor, unsaved): app.yaml's finding goes.
  c.open(claimsUri, claim('other-data'), 1);
  c.change(claimsUri, claim('reports-data'), 2);
  const after = await c.waitForDiagnostics(appUri, (p) => !p.diagnostics.some((d) => d.code === 'pvc-not-found'));
  assert.ok(after.diagnostics.every((d) => d.code !== 'pvc-not-found'));
  // And comes back when the claim is renamed again.
  c.change(claimsUri, claim('reports-archive'), 3);
  await c.waitForDiagnostics(appUri, (p) => p.diagnostics.some((d) => d.code === 'pvc-not-found'));
});

test('server: hover on a finding shows the rule rationale', async () => {
  const c = new LspClient();
  clients.push(c);
  await c.initialize();
  const uri = 'file:///tmp/daytwo-hover/pod.yaml';
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      containers:
      - name: shell
        image: busybox:1.36
        securityContext:
          privileged: true
  `;
  c.open(uri, text, 1);
  await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'privileged-container'));
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 8 } });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /\*\*privileged-container\*\*/);
  assert.match(h.contents.value, /node/);
});
