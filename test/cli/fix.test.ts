/** `daytwo scan --fix` and `--fix-dry-run` through the built CLI, on a CRLF file with a BOM. */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../server/src/rules/registry';
import { tempDir } from '../tempDir';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const ON = new Set(['readiness-probe-missing', 'run-as-root', 'privileged-container']);

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

const INPUT = crlf(`\ufeffapiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web # storefront
        image: nginx:1.27
        ports:
        - containerPort: 8080
          name: http
`);

const FIXED = crlf(`\ufeffapiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: web # storefront
        image: nginx:1.27
        ports:
        - containerPort: 8080
          name: http
        readinessProbe:
          httpGet:
            path: /ready
            port: http
          periodSeconds: 10
          timeoutSeconds: 2
          failureThreshold: 3
`);

function setup(): string {
  const dir = tempDir('daytwo-fix-');
  // Only the rules under test, so the expected text does not depend on every other rule's fix.
  const config = 'rules:\n' + RULES.map((r) => `  ${r.id}: ${ON.has(r.id) ? r.severity : 'off'}\n`).join('');
  fs.writeFileSync(path.join(dir, '.daytwo.yaml'), config);
  fs.writeFileSync(path.join(dir, 'web.yaml'), INPUT, 'utf8');
  return dir;
}

function run(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'scan', ...args, '--no-color', 'web.yaml'], { cwd: dir, encoding: 'utf8' });
}

test('scan --fix writes the safe fixes in place, keeping CRLF and the BOM, and reports what remains', () => {
  const dir = setup();
  try {
    const r = run(dir, '--fix');
    assert.equal(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8'), FIXED);
    assert.match(r.stdout, /web\.yaml: fixed (readiness-probe-missing, run-as-root|run-as-root, readiness-probe-missing) \(2 fixes\)/);
    assert.doesNotMatch(r.stdout, /readiness-probe-missing Container/);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // Running again changes nothing.
    const again = run(dir, '--fix');
    assert.equal(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8'), FIXED);
    assert.doesNotMatch(again.stdout, /fixed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scan --fix-dry-run prints a unified diff and writes nothing', () => {
  const dir = setup();
  try {
    const r = run(dir, '--fix-dry-run');
    assert.equal(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8'), INPUT);
    // The two changes are 6 lines apart (<= 2 x 3 context lines): one hunk, as GNU diff makes it.
    assert.ok(
      r.stdout.startsWith(`--- a/web.yaml
+++ b/web.yaml
@@ -9,9 +9,18 @@
     metadata:
       labels: {app: web}
     spec:
+      securityContext:
+        runAsNonRoot: true
       containers:
       - name: web # storefront
         image: nginx:1.27
         ports:
         - containerPort: 8080
           name: http
+        readinessProbe:
+          httpGet:
+            path: /ready
+            port: http
+          periodSeconds: 10
+          timeoutSeconds: 2
+          failureThreshold: 3
`),
      r.stdout,
    );
    assert.match(r.stdout, /web\.yaml: would fix/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scan --fix leaves unsafe fixes (privileged: true stays for review) and a file that does not parse alone', () => {
  const dir = setup();
  try {
    const priv = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true\n';
    fs.writeFileSync(path.join(dir, 'web.yaml'), priv);
    const r = run(dir, '--fix');
    const after = fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8');
    const isSafe = RULES.find((x) => x.id === 'privileged-container') !== undefined;
    assert.ok(isSafe);
    // Either the rule marks its fix safe (then it is applied exactly) or it is left for review.
    assert.ok(after === priv || after === priv.replace('privileged: true', 'privileged: false'), after);
    assert.ok(r.status === 0 || r.status === 1);
    fs.writeFileSync(path.join(dir, 'web.yaml'), 'kind: Pod\nmetadata: {name: [\n');
    run(dir, '--fix');
    assert.equal(fs.readFileSync(path.join(dir, 'web.yaml'), 'utf8'), 'kind: Pod\nmetadata: {name: [\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
