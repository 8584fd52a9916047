/**
 * Hostile input through the real CLI (`node dist/cli.js scan FILE`), one file at a time, with 1 GiB of
 * heap and no network: exit 0 or 1, valid JSON and SARIF, the same answers as the engine. The kill
 * timeout is a hang guard, not a timing assertion.
 */

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE, NORMAL_DEPLOYMENT, checkHostile } from './hostile';

import { GUARD, runCli } from './run';
import { tempDir } from '../tempDir';

let dir: string;
after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
function hostileDir(): string {
  if (dir) return dir;
  dir = tempDir('daytwo-hostile-');
  for (const c of HOSTILE) fs.writeFileSync(path.join(dir, c.file), c.content());
  return dir;
}

for (const c of HOSTILE) {
  test(`cli answers one file: ${c.name}`, { timeout: 180_000 }, () => {
    const d = hostileDir();
    const r = runCli(['scan', c.file, '--format', 'json'], d);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code} (signal ${r.signal}); stderr: ${r.stderr.slice(-2000)}`);
    assert.doesNotMatch(r.stderr, /NETWORK-GUARD/);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    const findings = (out.findings as { rule: string; message: string; line: number; file: string }[]).filter((f) => f.file === c.file);
    checkHostile(c, c.file === 'many.yaml' ? findings.filter((f) => f.rule === 'file-skipped') : findings);
  });
}

test('cli: the whole hostile folder at once, JSON and SARIF, then a normal manifest still gets its findings', { timeout: 600_000 }, () => {
  const d = hostileDir();
  fs.writeFileSync(path.join(d, 'zz-normal.yaml'), NORMAL_DEPLOYMENT);
  try {
    for (const format of ['json', 'sarif'] as const) {
      const r = runCli(['scan', '.', '--format', format], d);
      assert.equal(r.code, 1, `exit ${r.code} (signal ${r.signal}); stderr: ${r.stderr.slice(-2000)}`);
      const out = JSON.parse(r.stdout);
      if (format === 'json') {
        assert.ok(out.findings.some((f: { file: string; rule: string }) => f.file === 'zz-normal.yaml' && f.rule === 'readiness-probe-missing'));
      } else {
        assert.equal(out.version, '2.1.0');
        const results = out.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
        assert.ok(results.some((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'zz-normal.yaml' && x.ruleId === 'readiness-probe-missing'));
        for (const x of results) assert.ok(x.locations[0].physicalLocation.region.startLine >= 1);
        // One file-skipped per skipped file.
        const skipped = results.filter((x) => x.ruleId === 'file-skipped').map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
        assert.equal(new Set(skipped).size, skipped.length);
      }
    }
  } finally {
    fs.rmSync(path.join(d, 'zz-normal.yaml'));
  }
});

test('cli sarif per file for the cases that decline analysis', { timeout: 300_000 }, () => {
  const d = hostileDir();
  for (const c of HOSTILE.filter((h) => h.expect === 'skipped')) {
    const r = runCli(['scan', c.file, '--format', 'sarif'], d);
    assert.ok(r.code === 0 || r.code === 1, `${c.name}: exit ${r.code}; ${r.stderr.slice(-1000)}`);
    const out = JSON.parse(r.stdout);
    const skipped = out.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'file-skipped');
    assert.equal(skipped.length, 1, c.name);
  }
});

test('cli: a limit flag applies (--max-depth, --max-documents, --max-file-size, --max-alias-count)', () => {
  const d = tempDir('daytwo-limits-');
  fs.writeFileSync(path.join(d, 'a.yaml'), NORMAL_DEPLOYMENT + '---\n' + NORMAL_DEPLOYMENT.replace('name: web', 'name: web2'));
  const cases: [string[], RegExp][] = [
    [['--max-depth', '2'], /deeper than 2 levels/],
    [['--max-documents', '1'], /more than 1 YAML documents/],
    [['--max-file-size', '100'], /over daytwo\.maxFileSize \(100 bytes\)/],
  ];
  for (const [flags, re] of cases) {
    const r = runCli(['scan', 'a.yaml', '--format', 'json', ...flags], d);
    const out = JSON.parse(r.stdout);
    const skipped = out.findings.filter((f: { rule: string }) => f.rule === 'file-skipped');
    assert.equal(skipped.length, 1, flags.join(' '));
    assert.match(skipped[0].message, re);
  }
  fs.writeFileSync(path.join(d, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: &a x\n  b: [*a, *a, *a, *a]\n');
  const r = runCli(['scan', 'b.yaml', '--format', 'json', '--max-alias-count', '2'], d);
  assert.match(JSON.parse(r.stdout).findings[0].message, /more than 2 aliases/);
});

test('cli: .daytwo.yaml limits are data and apply', () => {
  const d = tempDir('daytwo-limits-');
  fs.writeFileSync(path.join(d, '.daytwo.yaml'), 'limits:\n  maxDepth: 3\n');
  fs.writeFileSync(path.join(d, 'a.yaml'), NORMAL_DEPLOYMENT);
  const r = runCli(['scan', '.', '--format', 'json'], d);
  assert.match(JSON.parse(r.stdout).findings[0].message, /deeper than 3 levels/, r.stderr);
});

test('cli: does not follow symlinks out of the scanned root, skips .git and node_modules', () => {
  const outside = tempDir('daytwo-outside-');
  fs.writeFileSync(path.join(outside, 'secret-place.yaml'), NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: outside-file\n  namespace'));
  fs.mkdirSync(path.join(outside, 'sub'));
  fs.writeFileSync(path.join(outside, 'sub', 'deep.yaml'), NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: outside-dir\n  namespace'));
  const root = tempDir('daytwo-root-');
  fs.writeFileSync(path.join(root, 'app.yaml'), NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: inside\n  namespace'));
  fs.mkdirSync(path.join(root, 'manifests'));
  fs.writeFileSync(path.join(root, 'manifests', 'real.yaml'), NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: linked-inside\n  namespace'));
  fs.symlinkSync(path.join(outside, 'secret-place.yaml'), path.join(root, 'link-out.yaml'));
  fs.symlinkSync(path.join(outside, 'sub'), path.join(root, 'dir-out'));
  fs.symlinkSync(path.join(root, 'manifests'), path.join(root, 'dir-in'));
  fs.symlinkSync(root, path.join(root, 'manifests', 'loop'));
  for (const skipped of ['.git', 'node_modules', path.join('vendor', 'node_modules'), path.join('a', '.git', 'refs')]) {
    fs.mkdirSync(path.join(root, skipped), { recursive: true });
    fs.writeFileSync(path.join(root, skipped, 'x.yaml'), NORMAL_DEPLOYMENT.replace('name: web\n  namespace', `name: in-${skipped.replace(/[^a-z]/g, '')}\n  namespace`));
  }
  const r = runCli(['scan', '.', '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr);
  const names = new Set(JSON.parse(r.stdout).findings.map((f: { object: { name: string } | null }) => f.object?.name).filter(Boolean));
  assert.ok(names.has('inside') && names.has('linked-inside'), [...names].join(','));
  for (const n of ['outside-file', 'outside-dir', 'in-git', 'innodemodules', 'in-vendornodemodules', 'in-agitrefs']) assert.ok(!names.has(n), `${n} must not be scanned`);
  const files = new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file));
  for (const f of files) assert.doesNotMatch(String(f), /\.git|node_modules|dir-out|link-out/);
});

test('cli: runs with no network and loads no code from the workspace', () => {
  const d = tempDir('daytwo-nonet-');
  // Things a careless tool might execute or require: none may run.
  fs.writeFileSync(path.join(d, '.daytwo.yaml'), 'rules:\n  run-as-root: warning\n');
  fs.writeFileSync(path.join(d, 'daytwo.config.js'), "require('fs').writeFileSync(__dirname + '/PWNED', 'x');\n");
  fs.writeFileSync(path.join(d, '.daytwo.js'), "require('fs').writeFileSync(__dirname + '/PWNED', 'x');\n");
  fs.mkdirSync(path.join(d, 'node_modules', 'evil'), { recursive: true });
  fs.writeFileSync(path.join(d, 'node_modules', 'evil', 'index.js'), "require('fs').writeFileSync(__dirname + '/PWNED', 'x');\n");
  fs.writeFileSync(path.join(d, 'app.yaml'), NORMAL_DEPLOYMENT.replace('image: nginx:1.27', 'image: !!js/function "function(){require(\'fs\').writeFileSync(\'PWNED\',\'x\')}"'));
  fs.writeFileSync(path.join(d, 'b.yaml'), NORMAL_DEPLOYMENT);
  for (const format of ['json', 'sarif', 'text']) {
    const r = runCli(['scan', '.', '--format', format], d);
    assert.equal(r.code, 1, `${format}: exit ${r.code}; ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /NETWORK-GUARD/);
  }
  assert.ok(!fs.existsSync(path.join(d, 'PWNED')));
  // The guard itself works: a program that tries to connect is stopped.
  const probe = spawnSync(process.execPath, ['--require', GUARD, '-e', "require('node:net').connect(80, 'example.invalid')"], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(probe.status, 97);
  const probe2 = spawnSync(process.execPath, ['--require', GUARD, '-e', "fetch('http://127.0.0.1:9/')"], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(probe2.status, 97);
});

test('cli: a manifest saved as UTF-16 (with its byte-order mark) is read, not declared binary', () => {
  const d = tempDir('daytwo-utf16-');
  fs.writeFileSync(path.join(d, 'le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NORMAL_DEPLOYMENT, 'utf16le')]));
  const be = Buffer.from(NORMAL_DEPLOYMENT.replace('name: web\n  namespace', 'name: web-be\n  namespace'), 'utf16le');
  be.swap16();
  fs.writeFileSync(path.join(d, 'be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  const r = runCli(['scan', '.', '--format', 'json'], d);
  const findings = JSON.parse(r.stdout).findings as { file: string; rule: string }[];
  for (const file of ['le.yaml', 'be.yaml']) {
    assert.ok(findings.some((f) => f.file === file && f.rule === 'readiness-probe-missing'), `${file} analysed`);
    assert.ok(!findings.some((f) => f.file === file && f.rule === 'file-skipped'), `${file} not skipped`);
  }
});
