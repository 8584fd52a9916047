/**
 * The language server over real stdio (`node dist/server.js --stdio`), under the no-network guard and
 * 1 GiB of heap: hostile files opened all at once, rapid edits, cancellation, files deleted and renamed
 * during the scan, folders added and removed. Final diagnostics always match a fresh engine analysis of
 * the final text. Timeouts are hang guards only.
 */

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type PublishDiagnosticsParams } from '../lsp/lspClient';
import { Workspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules/registry';
import { HOSTILE, NORMAL_DEPLOYMENT, checkHostile } from './hostile';
import { tempDir } from '../tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const GUARD = path.join(ROOT, 'test/robustness/no-network.js');

function startServer(): LspClient {
  return new LspClient(['--stdio'], {
    ...process.env,
    NODE_OPTIONS: `--require ${GUARD} --max-old-space-size=1024`,
    DAYTWO_GUARD_ALLOWED_ROOT: ROOT,
  });
}

function tmp(prefix: string): string {
  return fs.realpathSync(tempDir(prefix));
}

/** What the server must publish for `text` at `uri`: a fresh engine's unsuppressed findings. */
function expected(uri: string, text: string, root?: string): string[] {
  const ws = new Workspace({ rules: RULES, root });
  ws.update(uri, text);
  const r = ws.analyze(uri)!;
  return r.findings.filter((f) => !f.suppressed).map((f) => key(r.lines.rangeOf(f.range), f.rule, f.message)).sort();
}

function key(range: { start: { line: number; character: number }; end: { line: number; character: number } }, code: unknown, message: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${String(code)} ${message}`;
}

function published(p: PublishDiagnosticsParams | undefined): string[] {
  return (p?.diagnostics ?? []).map((d) => key(d.range, d.code, d.message)).sort();
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function withReplicas(n: number): string {
  return NORMAL_DEPLOYMENT.replace('replicas: 2', `replicas: ${n}`);
}

test('server: every hostile file opened at once; the server stays up and a normal manifest still gets its diagnostics', { timeout: 900_000 }, async () => {
  const dir = tmp('daytwo-lsp-hostile-');
  for (const c of HOSTILE) fs.writeFileSync(path.join(dir, c.file), c.content());
  const client = startServer();
  try {
    await client.initialize(dir);
    // Open them all (the text an editor would have decoded), without waiting.
    for (const c of HOSTILE) {
      const raw = c.content();
      client.open(pathToFileURL(path.join(dir, c.file)).href, Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
    }
    const normal = pathToFileURL(path.join(dir, 'normal.yaml')).href;
    client.open(normal, NORMAL_DEPLOYMENT);
    const d = await client.waitForDiagnostics(normal, (p) => p.diagnostics.some((x) => x.code === 'readiness-probe-missing'), { timeoutMs: 600_000 });
    assert.ok(d.diagnostics.length > 0);
    // Every hostile file got its answer (opened before the normal one, so validated before it).
    for (const c of HOSTILE) {
      const uri = pathToFileURL(path.join(dir, c.file)).href;
      const p = client.diagnostics.get(uri);
      const diags = p?.diagnostics ?? [];
      const found = diags.map((x) => ({ rule: String(x.code), message: x.message, line: x.range.start.line + 1 }));
      checkHostile(c, c.file === 'many.yaml' ? found.filter((f) => f.rule === 'file-skipped') : found);
    }
    // Requests are still answered, on hostile and normal files alike.
    for (const file of ['deep-flow.yaml', 'bomb-k8s.yaml', 'many.yaml']) {
      await client.request('textDocument/hover', { textDocument: { uri: pathToFileURL(path.join(dir, file)).href }, position: { line: 0, character: 1 } });
    }
    const h = await client.request('textDocument/hover', { textDocument: { uri: normal }, position: { line: 16, character: 12 } });
    assert.ok(h === null || typeof h === 'object');
    // An edit of the normal file after all that is still analysed.
    client.change(normal, NORMAL_DEPLOYMENT.replace('kind: Deployment', 'kind: Deployment\n  x: [unclosed'), 2);
    await client.waitForDiagnostics(normal, (p) => p.diagnostics.some((x) => x.code === 'yaml-syntax'), { version: 2, timeoutMs: 120_000 });
    assert.ok(!client.exited);
    assert.doesNotMatch(client.stderr, /NETWORK-GUARD/);
  } finally {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('server: hundreds of edits per second; the last published diagnostics match the last text', { timeout: 300_000 }, async () => {
  const dir = tmp('daytwo-lsp-rapid-');
  const client = startServer();
  try {
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'app.yaml')).href;
    client.open(uri, withReplicas(1), 1);
    const variants = [
      (i: number) => withReplicas(i),
      () => NORMAL_DEPLOYMENT.replace('image: nginx:1.27', 'image: nginx:latest\n          securityContext: {privileged: true}'),
      () => '['.repeat(5_000),
      () => NORMAL_DEPLOYMENT.slice(0, 137),
      () => '',
      (i: number) => `${NORMAL_DEPLOYMENT}---\n${withReplicas(i).replace('name: web\n', 'name: other\n')}`,
    ];
    let version = 1;
    let text = '';
    for (let i = 0; i < 600; i++) {
      text = variants[i % variants.length](i);
      client.change(uri, text, ++version);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    const final = NORMAL_DEPLOYMENT.replace('image: nginx:1.27', 'image: nginx:1.27\n          securityContext: {privileged: true, runAsNonRoot: true}');
    client.change(uri, final, ++version);
    const p = await client.waitForDiagnostics(uri, () => true, { version, timeoutMs: 120_000 });
    // Nothing later arrives for an older version.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    await new Promise((r) => setTimeout(r, 500));
    const last = client.diagnostics.get(uri)!;
    assert.equal(last.version, version);
    assert.deepEqual(published(p), expected(uri, final, dir));
    assert.ok(published(p).some((k) => k.includes('privileged-container')));
  } finally {
    await client.shutdown();
  }
});

test('server: cancelled requests are answered or cancelled, and the server keeps serving', { timeout: 120_000 }, async () => {
  const dir = tmp('daytwo-lsp-cancel-');
  fs.writeFileSync(path.join(dir, 'a.yaml'), NORMAL_DEPLOYMENT);
  const client = startServer();
  try {
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'a.yaml')).href;
    client.open(uri, NORMAL_DEPLOYMENT);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const settled: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      const id = (client as unknown as { nextId: number }).nextId;
      const r = client.request(i % 2 ? 'textDocument/hover' : 'daytwo/readiness', i % 2 ? { textDocument: { uri }, position: { line: 16, character: 10 } } : {});
      client.notify('$/cancelRequest', { id });
      settled.push(r.then(() => 'ok', (e: { code?: number }) => e.code));
    }
    const outcomes = await Promise.all(settled);
    for (const o of outcomes) assert.ok(o === 'ok' || o === -32800, `answered or cancelled, got ${String(o)}`);
    // Unknown methods and malformed params get an error answer, not a crash.
    await assert.rejects(client.request('daytwo/noSuchRequest', {}));
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 99, character: 99 } });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 1e9 } });
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.yaml', version: 3 }, contentChanges: [{ text: 'x' }] });
    client.change(uri, withReplicas(7), 2);
    const p = await client.waitForDiagnostics(uri, () => true, { version: 2 });
    assert.deepEqual(published(p), expected(uri, withReplicas(7), dir));
    assert.ok(!client.exited);
  } finally {
    await client.shutdown();
  }
});

test('server: 10,000 edits and 1,000 opened-and-closed files do not grow memory without bound', { timeout: 600_000 }, async () => {
  const dir = tmp('daytwo-lsp-leak-');
  const client = startServer();
  try {
    await client.initialize(dir);
    const uri = pathToFileURL(path.join(dir, 'app.yaml')).href;
    client.open(uri, withReplicas(0), 1);
    let version = 1;
    const burst = async (n: number) => {
      for (let i = 0; i < n; i++) {
        client.change(uri, withReplicas(version) + (version % 3 ? `---\n${withReplicas(version + 1).replace('name: web\n', 'name: other\n')}` : ''), ++version);
        // Let the server analyse now and then, so caches are exercised and not just the debounce.
        if (i % 100 === 99) await client.waitForDiagnostics(uri, () => true, { version, timeoutMs: 60_000 });
      }
    };
    await burst(1_000);
    const before = rssMb(client.proc.pid!);
    await burst(9_000);
    for (let i = 0; i < 1_000; i++) {
      const u = pathToFileURL(path.join(dir, `loose-${i}.yaml`)).href;
      client.open(u, withReplicas(i));
      if (i % 2) client.close(u);
      else client.notify('textDocument/didClose', { textDocument: { uri: u } });
    }
    const last = withReplicas(424242);
    client.change(uri, last, ++version);
    const p = await client.waitForDiagnostics(uri, () => true, { version, timeoutMs: 60_000 });
    assert.deepEqual(published(p), expected(uri, last, dir));
    const after = rssMb(client.proc.pid!);
    assert.ok(after - before < 200, `RSS grew from ${before.toFixed(0)} MB to ${after.toFixed(0)} MB over 9,000 edits`);
  } finally {
    await client.shutdown();
  }
});

test('server: files deleted and renamed during the workspace scan, folders added and removed', { timeout: 600_000 }, async () => {
  const a = tmp('daytwo-lsp-scan-a-');
  const b = tmp('daytwo-lsp-scan-b-');
  const N = 600;
  for (let i = 0; i < N; i++) fs.writeFileSync(path.join(a, `f${i}.yaml`), withReplicas(i).replace('name: web\n', `name: web-${i}\n`));
  fs.writeFileSync(path.join(b, 'b.yaml'), NORMAL_DEPLOYMENT);
  const client = startServer();
  try {
    const init = client.initialize(a, { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    await init;
    // While the scan runs: delete some files, rename others, and say so as the editor would.
    const changes: { uri: string; type: number }[] = [];
    for (let i = 0; i < N; i += 3) {
      fs.rmSync(path.join(a, `f${i}.yaml`));
      changes.push({ uri: pathToFileURL(path.join(a, `f${i}.yaml`)).href, type: 3 });
    }
    for (let i = 1; i < N; i += 3) {
      fs.renameSync(path.join(a, `f${i}.yaml`), path.join(a, `r${i}.yaml`));
      changes.push({ uri: pathToFileURL(path.join(a, `f${i}.yaml`)).href, type: 3 });
      changes.push({ uri: pathToFileURL(path.join(a, `r${i}.yaml`)).href, type: 1 });
    }
    client.notify('workspace/didChangeWatchedFiles', { changes });
    await client.waitFor('daytwo/status', (s: { state: string }) => s.state === 'ready', { includePast: true, timeoutMs: 300_000 });
    // A fresh scan request settles everything that raced.
    await client.request('daytwo/scanWorkspace', {});
    const settle = async () => {
      await client.request('daytwo/readiness', {});
      await new Promise((r) => setTimeout(r, 600));
    };
    await settle();
    for (let i = 0; i < N; i++) {
      const gone = pathToFileURL(path.join(a, `f${i}.yaml`)).href;
      if (i % 3 !== 2) assert.deepEqual(published(client.diagnostics.get(gone)), [], `f${i}.yaml is gone: no diagnostics left`);
      if (i % 3 === 1) {
        const uri = pathToFileURL(path.join(a, `r${i}.yaml`)).href;
        const text = fs.readFileSync(path.join(a, `r${i}.yaml`), 'utf8');
        assert.ok(client.diagnostics.get(uri), `r${i}.yaml has diagnostics`);
        if (i % 30 === 1) assert.deepEqual(published(client.diagnostics.get(uri)).filter((k) => !/pdb|anti-affinity|cross|selector/.test(k)), expected(uri, text, a).filter((k) => !/pdb|anti-affinity|cross|selector/.test(k)));
      }
    }
    // Add folder b, remove folder a: b is scanned, a's files lose their diagnostics.
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(b).href, name: 'b' }], removed: [{ uri: pathToFileURL(a).href, name: 'a' }] } });
    const bUri = pathToFileURL(path.join(b, 'b.yaml')).href;
    await client.waitForDiagnostics(bUri, (p) => p.diagnostics.some((x) => x.code === 'readiness-probe-missing'), { timeoutMs: 120_000 });
    await settle();
    const kept = pathToFileURL(path.join(a, 'f2.yaml')).href;
    assert.deepEqual(published(client.diagnostics.get(kept)), [], 'files of a removed folder are cleared');
    assert.ok(!client.exited);
  } finally {
    await client.shutdown();
  }
});

test('server: limits from the editor settings (daytwo.maxDepth, daytwo.maxDocuments) apply', { timeout: 120_000 }, async () => {
  const dir = tmp('daytwo-lsp-settings-');
  const client = startServer();
  client.onServerRequest = (method, params) => {
    if (method === 'workspace/configuration') return (params.items ?? []).map(() => ({ maxDepth: 4, maxDocuments: 1 }));
    return null;
  };
  try {
    await client.initialize(dir);
    await client.waitFor('daytwo/status', (s: { state: string }) => s.state === 'ready', { includePast: true, timeoutMs: 60_000 }).catch(() => undefined);
    const uri = pathToFileURL(path.join(dir, 'a.yaml')).href;
    client.open(uri, NORMAL_DEPLOYMENT);
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'file-skipped'), { timeoutMs: 60_000 });
    assert.match(p.diagnostics.find((x) => x.code === 'file-skipped')!.message, /deeper than 4 levels \(daytwo\.maxDepth\)/);
    const two = pathToFileURL(path.join(dir, 'b.yaml')).href;
    client.open(two, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    const q = await client.waitForDiagnostics(two, (d) => d.diagnostics.some((x) => x.code === 'file-skipped'), { timeoutMs: 60_000 });
    assert.equal(q.diagnostics.filter((x) => x.code === 'file-skipped').length, 1);
    assert.match(q.diagnostics.find((x) => x.code === 'file-skipped')!.message, /more than 1 YAML documents/);
  } finally {
    await client.shutdown();
  }
});
