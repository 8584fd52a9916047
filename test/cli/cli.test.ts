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
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = tempDir('daytwo-cli-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PRIVILEGED = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
    namespace: tools
  spec:
    securityContext:
      runAsNonRoot: true
    containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

test('cli json: the documented shape, one-based line/column and zero-based LSP range', () => {
  const dir = workspace({ 'pods/debug.yaml': PRIVILEGED });
  const r = run(['scan', '--format', 'json', '.'], dir);
  assert.equal(r.code, 1, r.stderr);
  // One compact line: output for programs (`jq .` pretty-prints it).
  assert.match(r.stdout, /^\{"version":1,"findings":\[\{[^\n]*\}\n$/);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  const f = out.findings.find((x: { rule: string }) => x.rule === 'privileged-container');
  assert.deepEqual(
    { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn },
    { file: 'pods/debug.yaml', line: 13, column: 7, endLine: 13, endColumn: 23 },
  );
  assert.deepEqual(f.range, { start: { line: 12, character: 6 }, end: { line: 12, character: 22 } });
  assert.equal(f.category, 'privileges');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.object, { apiVersion: 'v1', kind: 'Pod', name: 'debug', namespace: 'tools' });
  assert.equal(f.fixable, true);
  assert.equal(f.suppressed, false);
  assert.equal(typeof out.summary.findings, 'number');
  assert.equal(out.summary.files, 1);
});

test('cli sarif: 2.1.0 with rule metadata, results pointing into the file, and suppressions', () => {
  const suppressed = PRIVILEGED.replace('privileged: true', 'privileged: true # daytwo-ignore privileged-container -- break-glass debug pod');
  const dir = workspace({ 'debug.yaml': suppressed });
  const r = run(['scan', '--format', 'sarif', 'debug.yaml'], dir);
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'one compact line');
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const runObj = sarif.runs[0];
  assert.equal(runObj.tool.driver.name, 'daytwo');
  const ids = runObj.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(ids.includes('privileged-container') && ids.includes('run-as-root'));
  const res = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'privileged-container');
  assert.equal(res.level, 'error');
  assert.equal(ids[res.ruleIndex], 'privileged-container');
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'debug.yaml');
  assert.equal(res.locations[0].physicalLocation.region.startLine, 13);
  assert.deepEqual(res.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'break-glass debug pod' }]);
  // Suppressed, so nothing fails the run.
  assert.equal(r.code, runObj.results.some((x: { level: string; suppressions?: unknown }) => !x.suppressions && x.level !== 'note') ? 1 : 0);
});

test('cli text: file:line:col severity rule message, grouped by file, with a summary', () => {
  const dir = workspace({ 'a.yaml': PRIVILEGED });
  const r = run(['scan', 'a.yaml'], dir);
  assert.match(r.stdout, /^a\.yaml\n/);
  assert.match(r.stdout, /^a\.yaml:13:7 error privileged-container Container 'shell' of Pod\/debug runs privileged/m);
  assert.match(r.stdout, /\d+ findings? \(1 error/);
});

test('cli exit codes: 0 below the threshold, 1 at it, 2 for usage and config errors', () => {
  const dir = workspace({ 'a.yaml': PRIVILEGED, 'bad/.daytwo.yaml': 'rules:\n  no-such-rule: off\n' });
  assert.equal(run(['scan', 'a.yaml', '--severity-threshold', 'error'], dir).code, 1);
  const quiet = workspace({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n' });
  assert.equal(run(['scan', '.', '--severity-threshold', 'warning'], quiet).code, 0);
  assert.equal(run(['scan', '--format', 'xml', 'a.yaml'], dir).code, 2);
  assert.equal(run(['scan', '--kubernetes-version', 'latest', 'a.yaml'], dir).code, 2);
  assert.equal(run(['scan', 'missing.yaml'], dir).code, 2);
  assert.equal(run(['scan', '--bogus', 'a.yaml'], dir).code, 2);
  const bad = run(['scan', '--config', 'bad/.daytwo.yaml', 'a.yaml'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\/\.daytwo\.yaml:2:3 error Unknown rule "no-such-rule"/);
  assert.equal(bad.stdout, '');
});

test('cli reads .daytwo.yaml from the working directory: rule off, severity change, ignore globs', () => {
  const dir = workspace({
    '.daytwo.yaml': 'rules:\n  privileged-container: warning\n  run-as-root: off\nignore:\n  - "vendor/**"\n',
    'a.yaml': PRIVILEGED,
    'vendor/b.yaml': PRIVILEGED,
  });
  const out = JSON.parse(run(['scan', '--format', 'json', '.'], dir).stdout);
  assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => f.file))], ['a.yaml']);
  assert.equal(out.findings.find((f: { rule: string }) => f.rule === 'privileged-container').severity, 'warning');
  assert.ok(!out.findings.some((f: { rule: string }) => f.rule === 'run-as-root'));
});

test('cli rules --format json lists the registry', () => {
  const r = run(['rules', '--format', 'json'], os.tmpdir());
  assert.equal(r.code, 0);
  assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1, 'one compact line');
  const rules = JSON.parse(r.stdout).rules;
  const priv = rules.find((x: { id: string }) => x.id === 'privileged-container');
  assert.deepEqual({ category: priv.category, severity: priv.severity }, { category: 'privileges', severity: 'error' });
  assert.ok(typeof priv.description === 'string' && priv.description.length > 0);
});

test('cli: non-Kubernetes YAML and Helm templates produce nothing', () => {
  const dir = workspace({
    '.github/workflows/ci.yaml': 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
    'compose.yaml': 'services:\n  db:\n    image: postgres\n    privileged: true\n',
    'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
    'chart/values.yaml': 'replicaCount: 1\nimage:\n  tag: latest\n',
    'chart/templates/pod.yaml': PRIVILEGED,
    'templated.yaml': PRIVILEGED.replace('busybox:1.36', '{{ .Values.image }}'),
  });
  const out = JSON.parse(run(['scan', '--format', 'json', '.'], dir).stdout);
  assert.deepEqual(out.findings, []);
});
