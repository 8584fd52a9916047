/**
 * Realistic valid manifests (kubectl create --dry-run=client -o yaml output, and hand-written ones
 * for kinds kubectl cannot create offline) must get no schema finding at all: a false schema-invalid
 * on a valid manifest is the worst bug a schema linter can have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { lintWorkspace } from '../helpers';

const repo = path.resolve(__dirname, '..', '..', '..');
const dir = path.join(repo, 'test', 'schema', 'fixtures', 'valid');
const files = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

test('the valid fixtures cover many kinds', () => {
  const kinds = new Set<string>();
  for (const text of Object.values(files)) for (const m of text.matchAll(/^kind: (\w+)/gm)) kinds.add(m[1]);
  for (const k of ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'Ingress', 'PodDisruptionBudget', 'ResourceQuota', 'ServiceAccount', 'Namespace', 'PriorityClass', 'Pod', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PersistentVolumeClaim']) {
    assert.ok(kinds.has(k), k);
  }
});

test('no schema finding on valid manifests (engine)', () => {
  const f = lintWorkspace(files).filter((x) => x.category === 'schema');
  assert.deepEqual(f.map((x) => `${x.file}:${x.line} ${x.rule} ${x.message}`), []);
});

test('no schema finding on valid manifests (node dist/cli.js scan --format json)', (t) => {
  const cli = path.join(repo, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    t.skip('dist/cli.js not built');
    return;
  }
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'scan', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? ''); // non-zero exit when other rules find errors
  }
  const report = JSON.parse(out) as { findings: { rule: string; category: string; file: string; message: string }[] };
  assert.ok(Array.isArray(report.findings));
  assert.deepEqual(report.findings.filter((x) => x.category === 'schema').map((x) => `${x.file} ${x.rule} ${x.message}`), []);
});
